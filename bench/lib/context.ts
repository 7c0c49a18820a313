import type { ChildStats } from './childIpc'
import type { Processes } from './processes'
import type { Row } from './results'

export interface ScenarioContext {
  readonly processes: Processes
  /** `--quick`: shorter windows and, where a scenario says so, smaller sizes. */
  readonly quick: boolean
  /** A progress line on stderr (the table goes to stdout). */
  log(message: string): void
}

export interface Scenario {
  readonly name: string
  run(ctx: ScenarioContext): Promise<Row[]>
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Server CPU time (user + system) between two readings, µs. */
export function cpuUs(before: ChildStats, after: ChildStats): number {
  return after.cpu.user - before.cpu.user + (after.cpu.system - before.cpu.system)
}

/** Resolves once `check()` holds, polling; rejects after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs: number, what: string | (() => string)): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`)
    await sleep(5)
  }
}

/** Runs `fn` at `count` evenly spaced instants `periodMs` apart, starting `offsetMs` from now (bounded). */
export async function paced(count: number, periodMs: number, offsetMs: number, fn: (i: number) => void): Promise<void> {
  const start = performance.now() + offsetMs
  for (let i = 0; i < count; i++) {
    const wait = start + i * periodMs - performance.now()
    if (wait > 0) await sleep(wait)
    fn(i)
  }
}
