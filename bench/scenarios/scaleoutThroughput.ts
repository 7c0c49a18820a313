import type { Cluster } from '../lib/cluster'
import { cpuUs, sleep, until } from '../lib/context'
import { pump, updateFrames } from '../lib/durableLoad'
import { scanMarkers } from '../lib/marker'
import { RawClient } from '../lib/rawClient'
import type { BenchDraft, Target } from '../lib/servers'
import { serviceCpu, serviceCpuSince } from '../lib/serviceCpu'

/**
 * Durable throughput with one process and with the pair (durable.ts's method): on each of DRAFTS
 * drafts, WRITERS_PER_DRAFT raw clients send pre-made typing updates as fast as the server takes
 * them, and OBSERVERS clients count the updates broadcast (each observer must see every update of
 * its draft). Every update is committed to PostgreSQL before any process broadcasts it.
 *
 * - `one`: every client on the lone process;
 * - `shared`: on each draft, writers and observers alternate between the two processes (every
 *   update is stored by its writer's process and crosses Redis to the other);
 * - `routed`: each draft on one process only (draft d on process d mod 2), as the README's nginx
 *   hash routing would place it: the processes share the database but nothing crosses Redis.
 */
export const DRAFTS = 2
export const WRITERS_PER_DRAFT = 2
const OBSERVERS = 2

export type Mode = 'one' | 'shared' | 'routed'
export const MODES: readonly Mode[] = ['one', 'shared', 'routed']

export interface ThroughputResult {
  /** Updates stored and delivered to every observer, per second. */
  readonly rate: number
  /** Server CPU of the mode's processes, summed, per update, µs. */
  readonly cpuUsPerUpdate: number
  /** Diagnostic: the local PostgreSQL's and Redis's CPU per update, µs (serviceCpu.ts); null without /proc. */
  readonly serviceCpuUsPerUpdate: number | null
  /** Diagnostic: the servers' CPU (summed) and the load generator's (this process) over the window, in cores. */
  readonly serverCores: number
  readonly loadGeneratorCores: number
}

function servers(cluster: Cluster, mode: Mode): readonly Target[] {
  return mode === 'one' ? [cluster.one] : [cluster.a, cluster.b]
}

/** The process of client `k` (writer or observer) of draft `d`. */
function place(cluster: Cluster, mode: Mode, d: number, k: number): Target {
  if (mode === 'one') return cluster.one
  return (mode === 'shared' ? k : d) % 2 === 0 ? cluster.a : cluster.b
}

interface Observer {
  readonly client: RawClient
  received: number
  last: number
}

/** Runs one measurement on fresh drafts (DRAFTS of them); `perWriter` updates per writer; `observersPerDraft` fewer for a lighter load generator. */
export async function throughput(cluster: Cluster, mode: Mode, drafts: readonly BenchDraft[], perWriter: number, observersPerDraft = OBSERVERS): Promise<ThroughputResult> {
  const observers: Observer[] = []
  const writers: { readonly client: RawClient; readonly frames: Uint8Array[] }[] = []
  let client = 0
  for (const [d, draft] of drafts.entries()) {
    for (let k = 0; k < observersPerDraft; k++) {
      const observer: Observer = {
        client: new RawClient(place(cluster, mode, d, k).url(draft.id, client++), {
          onUpdate: (frame, at) => {
            scanMarkers(frame, () => {
              observer.received++
            })
            observer.last = at
          },
        }),
        received: 0,
        last: 0,
      }
      observers.push(observer)
    }
    for (let w = 0; w < WRITERS_PER_DRAFT; w++) {
      writers.push({ client: new RawClient(place(cluster, mode, d, w).url(draft.id, client++)), frames: updateFrames(draft, w, perWriter) })
    }
  }
  const measured = servers(cluster, mode)
  try {
    await Promise.all([...observers.map((o) => o.client.synced), ...writers.map((w) => w.client.synced)])
    const perDraft = WRITERS_PER_DRAFT * perWriter
    const total = drafts.length * perDraft
    const before = await Promise.all(measured.map((s) => s.server.stats()))
    const serviceBefore = serviceCpu()
    const ownBefore = process.cpuUsage()
    const t0 = performance.now()
    await Promise.all(writers.map((w) => pump(w.client, w.frames)))
    await until(
      () => observers.every((o) => o.received >= perDraft),
      120_000,
      () => `${mode}: ${perDraft} updates at every observer (got ${observers.map((o) => o.received).join(', ')})`,
    )
    const end = Math.max(...observers.map((o) => o.last))
    const own = process.cpuUsage(ownBefore)
    const ownWindowMs = performance.now() - t0
    const after = await Promise.all(measured.map((s) => s.server.stats()))
    const service = serviceCpuSince(serviceBefore)
    const cpu = after.reduce((sum, a, i) => sum + cpuUs(before[i] ?? a, a), 0)
    return {
      rate: (total / (end - t0)) * 1000,
      cpuUsPerUpdate: cpu / total,
      serviceCpuUsPerUpdate: service === null ? null : service / total,
      serverCores: cpu / 1000 / ownWindowMs,
      loadGeneratorCores: (own.user + own.system) / 1000 / ownWindowMs,
    }
  } finally {
    for (const o of observers) o.client.close()
    for (const w of writers) w.client.close()
    await sleep(500) // the drafts unload (compacted into a snapshot) before the next measurement
  }
}
