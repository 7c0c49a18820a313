import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { onTestFinished } from 'vitest'

export interface ServerProcess {
  readonly child: ChildProcess
  readonly url: string
  readonly wsUrl: string
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>
}

const ENTRY = path.join(import.meta.dirname, 'serverProcess.ts')

/** Starts the real server in a child process on port 0 (killed when the test finishes). */
export function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  onTestFinished(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await exited
  })
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /LISTENING (\d+)/.exec(output)
      if (match) {
        const url = `http://127.0.0.1:${match[1]}`
        resolve({ child, url, wsUrl: url.replace(/^http/, 'ws'), exited })
      }
    })
    child.once('exit', (code) => reject(new Error(`server exited early (${code}): ${output}`)))
  })
}
