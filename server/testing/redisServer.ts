import { type ChildProcess, spawn } from 'node:child_process'
import net from 'node:net'
import { Redis } from 'ioredis'
import { onTestFinished } from 'vitest'
import { waitFor } from './waitFor'

/** A Redis server of the test's own (the machine's redis-server binary), to stop and start again. */
export interface TestRedis {
  readonly url: string
  /** Kills it (SIGKILL: connections drop as in a crash) and waits until it has exited. */
  stop(): Promise<void>
  /** Starts it again on the same port and waits until it answers. */
  start(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.ping() // answers PONG or throws
    return true
  } catch {
    return false
  } finally {
    client.disconnect()
  }
}

/** Starts `redis-server` on a free port (no persistence); stopped when the test finishes. */
export async function startTestRedis(binary = 'redis-server'): Promise<TestRedis> {
  const port = await freePort()
  const url = `redis://127.0.0.1:${port}`
  let child: ChildProcess | null = null
  const stop = async (): Promise<void> => {
    const running = child
    child = null
    if (!running || running.exitCode !== null || running.signalCode !== null) return
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()))
    running.kill('SIGKILL')
    await exited
  }
  const start = async (): Promise<void> => {
    if (child) throw new Error('already running')
    child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
    await waitFor(() => answers(url), { message: `redis-server on port ${port}` })
  }
  onTestFinished(stop)
  await start()
  return { url, stop, start }
}
