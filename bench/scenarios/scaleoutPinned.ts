import os from 'node:os'
import { type ClusterUrls, startCluster } from '../lib/cluster'
import type { ScenarioContext } from '../lib/context'
import { generateClauses } from '../lib/draftText'
import type { Row } from '../lib/results'
import { percentile } from '../lib/stats'
import { DRAFTS, MODES, type Mode, type ThroughputResult, WRITERS_PER_DRAFT, throughput } from './scaleoutThroughput'

/**
 * Scale-out pinned (issue 21, point 4): the durable throughput again with every server process
 * pinned to a core of its own (`taskset -c`: the pair on cores 0 and 1, the lone process on core 0)
 * and a lighter load generator (one observer per draft instead of two), so that the ratio shows
 * what a second core buys. PostgreSQL, Redis and the load generator stay unpinned: on a two-core
 * machine they still take their share of both cores. BENCH_SCALEOUT_PINNED=0 leaves it out.
 */
const OBSERVERS_PER_DRAFT = 1

export async function pinnedThroughput(ctx: ScenarioContext, urls: ClusterUrls): Promise<Row[]> {
  if (process.env.BENCH_SCALEOUT_PINNED === '0') return []
  if (os.availableParallelism() < 2) {
    ctx.log('scaleout pinned SKIPPED: fewer than 2 CPUs')
    return []
  }
  const rounds = ctx.quick ? 1 : 5
  const perWriter = ctx.quick ? 500 : 10_000
  const drafts = Array.from({ length: (rounds + 1) * MODES.length * DRAFTS }, (_, i) => generateClauses(20, 2000, 900 + i))
  ctx.log('scaleout pinned: a fresh database; starting 1 + 2 processes, one per core (taskset)…')
  const cluster = await startCluster(ctx.processes, urls, drafts, DRAFTS * (WRITERS_PER_DRAFT + OBSERVERS_PER_DRAFT), true)
  const results: Record<Mode, ThroughputResult[]> = { one: [], shared: [], routed: [] }
  try {
    let next = 0
    for (let r = 0; r <= rounds; r++) {
      for (const mode of [...MODES.slice(r % MODES.length), ...MODES.slice(0, r % MODES.length)]) {
        const fresh = cluster.drafts.slice(next, next + DRAFTS)
        next += DRAFTS
        const result = await throughput(cluster, mode, fresh, r === 0 ? Math.ceil(perWriter / 4) : perWriter, OBSERVERS_PER_DRAFT)
        ctx.log(`scaleout pinned (${mode}) ${r === 0 ? 'warm-up' : `round ${r}/${rounds}`}: ${result.rate.toFixed(0)} updates/s; cores busy: servers ${result.serverCores.toFixed(2)}, load generator ${result.loadGeneratorCores.toFixed(2)}`)
        if (r > 0) results[mode].push(result)
      }
    }
  } finally {
    await cluster.stop()
  }
  const rate = (mode: Mode) => percentile(results[mode].map((x) => x.rate), 50)
  const cpu = (mode: Mode) => percentile(results[mode].map((x) => x.cpuUsPerUpdate), 50)
  const compare = (key: string, label: string, unit: string, two: number, one: number): Row => ({
    label,
    unit,
    ours: { name: `scaleout.pinned.${key}.two`, value: two },
    reference: { name: `scaleout.pinned.${key}.one`, value: one },
    ratioUnit: 'two/one',
  })
  return [
    compare('durable_routed.updates_per_s', 'scale-out pinned (a core per process): durable, each draft on one of 2 vs 1', 'updates/s', rate('routed'), rate('one')),
    compare('durable.updates_per_s', 'scale-out pinned: durable, 2 procs sharing each draft vs 1', 'updates/s', rate('shared'), rate('one')),
    compare('durable_routed.cpu_us_per_update', 'scale-out pinned: routed drafts, server CPU per update', 'µs', cpu('routed'), cpu('one')),
  ]
}
