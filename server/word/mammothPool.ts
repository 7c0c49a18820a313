/**
 * Mammoth's conversion off the event loop: one worker thread, started at the first import and kept
 * for the next ones (unref'd: it never keeps the process alive). The worker loads the project's
 * TypeScript through tsx, as `npm start` does. A conversion that fails, or takes longer than
 * MAMMOTH_TIMEOUT_MS, answers null (the XML pass alone then) and a stuck worker is replaced.
 */
import { Worker } from 'node:worker_threads'
import type { MammothReading } from './convert'

export const MAMMOTH_TIMEOUT_MS = 60_000

interface Pending {
  readonly resolve: (reading: MammothReading | null) => void
  readonly timer: NodeJS.Timeout
  /** The worker converting it: when that one fails, only its own jobs answer null. */
  readonly worker: Worker
}

let worker: Worker | null = null
let nextId = 1
const pending = new Map<number, Pending>()

function settle(id: number, reading: MammothReading | null): void {
  const job = pending.get(id)
  if (!job) return
  pending.delete(id)
  clearTimeout(job.timer)
  job.resolve(reading)
  if (![...pending.values()].some((p) => p.worker === job.worker)) job.worker.unref()
}

/** Ends the worker and answers every conversion it still had with null. */
function drop(failed: Worker): void {
  if (worker === failed) worker = null
  for (const [id, job] of [...pending]) if (job.worker === failed) settle(id, null)
  void failed.terminate()
}

function start(): Worker {
  // A JavaScript entry that registers tsx in the thread before it loads the TypeScript worker.
  const started = new Worker(new URL('./mammothWorkerBoot.mjs', import.meta.url))
  started.on('message', (answer: { id: number; reading: MammothReading | null }) => settle(answer.id, answer.reading))
  started.on('error', () => drop(started))
  started.on('exit', () => drop(started))
  return started
}

/** Converts `input` (a zip of checked parts) in the worker thread. */
export function convertInWorker(input: Uint8Array, timeoutMs = MAMMOTH_TIMEOUT_MS): Promise<MammothReading | null> {
  const current = worker ?? start()
  worker = current
  current.ref()
  const id = nextId++
  return new Promise((resolve) => {
    const timer = setTimeout(() => drop(current), timeoutMs)
    pending.set(id, { resolve, timer, worker: current })
    current.postMessage({ id, input })
  })
}
