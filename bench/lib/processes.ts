import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ChildStats, FromChild, ToChild } from './childIpc'

const ROOT = path.resolve(import.meta.dirname, '../..')
const READY_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 10_000

/** A benchmark server in its own process, measured through its IPC channel. */
export interface ServerChild {
  readonly name: string
  readonly port: number
  /** Its CPU and memory; `gc`: after a full garbage collection. */
  stats(gc?: boolean): Promise<ChildStats>
  stop(): Promise<void>
}

/**
 * Every child process and temporary folder the benchmark makes; all are killed or removed when the
 * run ends, fails or is interrupted (one instance per run, created in run.ts, passed to each scenario).
 */
export class Processes {
  private readonly children = new Set<ChildProcess>()
  private readonly dirs = new Set<string>()

  /** A fresh temporary folder, removed by cleanup(). */
  tempDir(prefix: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `provisio-bench-${prefix}-`))
    this.dirs.add(dir)
    return dir
  }

  removeDir(dir: string): void {
    fs.rmSync(dir, { recursive: true, force: true })
    this.dirs.delete(dir)
  }

  /** Starts `node --import tsx ENTRY` with an IPC channel and waits for its port; `cpus` ("0", "1"): pinned there with taskset. */
  async start(name: string, entry: string, env: Record<string, string>, cpus?: string): Promise<ServerChild> {
    // BENCH_CPU_PROF=DIR profiles each server (DIR/<name>/CPU.*.cpuprofile, one per thread; the biggest is the main thread).
    const profileDir = process.env.BENCH_CPU_PROF
    const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, name)}`] : []
    // --expose-gc: the memory scenario reads RSS after a collection (nothing calls gc otherwise).
    const node = [process.execPath, ...profile, '--expose-gc', '--import', 'tsx', path.join(ROOT, entry)]
    // taskset execs node in its own place (same pid, same IPC descriptor).
    const [command = process.execPath, ...args] = cpus === undefined ? node : ['taskset', '-c', cpus, ...node]
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'error', ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.children.add(child)
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    void exited.then(() => this.children.delete(child))
    const pending = new Map<number, (stats: ChildStats) => void>()
    let nextId = 0
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS)
      child.on('message', (message: FromChild) => {
        if (message.type === 'ready') {
          clearTimeout(timer)
          resolve(message.port)
        } else {
          const { type: _type, id, ...stats } = message
          pending.get(id)?.(stats)
          pending.delete(id)
        }
      })
      child.once('exit', (code, signal) => {
        clearTimeout(timer)
        reject(new Error(`${name} exited (${code ?? signal})`))
      })
    })
    const send = (message: ToChild) => child.send(message)
    return {
      name,
      port,
      stats: (gc = false) =>
        new Promise<ChildStats>((resolve, reject) => {
          if (!child.connected) return reject(new Error(`${name} is not running`))
          const id = ++nextId
          pending.set(id, resolve)
          send({ type: 'stats', id, gc })
        }),
      stop: async () => {
        if (child.exitCode !== null || child.signalCode !== null) return
        if (child.connected) send({ type: 'stop' })
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
        await exited
        clearTimeout(timer)
      },
    }
  }

  /** Kills whatever is still running and removes the temporary folders (on exit, error or interrupt). */
  cleanup(): void {
    for (const child of this.children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    this.children.clear()
    for (const dir of this.dirs) fs.rmSync(dir, { recursive: true, force: true })
    this.dirs.clear()
  }
}
