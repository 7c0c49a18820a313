import { clusterUrls, redact, startCluster, unavailable } from '../lib/cluster'
import { type Scenario, type ScenarioContext, sleep } from '../lib/context'
import { generateClauses } from '../lib/draftText'
import type { Row } from '../lib/results'
import { percentile } from '../lib/stats'
import { type LatencyResult, type LatencySide, RATE_HZ, WRITERS, closeSide, connectSide, latencyResult, latencyRound, typing } from './scaleoutLatency'
import { pinnedThroughput } from './scaleoutPinned'
import { DRAFTS, MODES, type Mode, type ThroughputResult, WRITERS_PER_DRAFT, throughput } from './scaleoutThroughput'

/**
 * Scale-out: our server alone on PostgreSQL (no REDIS_URL) against two of our servers sharing the
 * same database and Redis (README, "Several processes"). In the table, "ours" is the pair and
 * "reference" the lone process (JSON names `….two` / `….one`, ratio two/one).
 *
 * - Latency: N clients on one draft typing timestamped words (fanout.ts's method), all on the lone
 *   process, or split evenly over the pair (one writer and half the receivers on each); words that
 *   crossed from one process to the other are also reported alone. The two sides use two drafts,
 *   stay connected throughout and type in alternating rounds.
 * - Throughput: durable updates per second (durable.ts's method) on DRAFTS drafts, with the pair
 *   sharing every draft or each draft routed to one process (scaleoutThroughput.ts), and the server
 *   CPU per update summed over the processes (PostgreSQL's and Redis's own CPU is not counted).
 *
 * BENCH_DATABASE_URL (a server where a database may be created) and BENCH_REDIS_URL say where;
 * when either does not answer, the scenario says so and reports nothing.
 */
const N = 100

interface Measured {
  readonly latency: { readonly one: LatencyResult; readonly two: LatencyResult }
  readonly throughput: Record<Mode, Pick<ThroughputResult, 'rate' | 'cpuUsPerUpdate'>>
}

async function latency(ctx: ScenarioContext, sides: readonly LatencySide[]): Promise<void> {
  const rounds = ctx.quick ? 1 : 5
  const seconds = ctx.quick ? 1 : 5
  const warmup = ctx.quick ? 0.3 : 2
  for (const side of sides) await typing(side, Math.round(warmup * RATE_HZ))
  await sleep(300)
  for (let r = 0; r < rounds; r++) {
    // Alternate which side goes first in each round.
    for (const side of r % 2 === 0 ? sides : [...sides].reverse()) await latencyRound(side, seconds)
  }
}

const median = (values: readonly number[]): number => percentile(values, 50)

function rows(m: Measured): Row[] {
  const compare = (key: string, label: string, unit: string, two: number, one: number): Row => ({
    label,
    unit,
    ours: { name: `scaleout.${key}.two`, value: two },
    reference: { name: `scaleout.${key}.one`, value: one },
    ratioUnit: 'two/one',
  })
  const alone = (key: string, label: string, unit: string, value: number): Row => ({ label, unit, ours: { name: `scaleout.${key}.two`, value } })
  const { one, two } = m.latency
  const t = m.throughput
  return [
    compare(`n${N}.p50_ms`, `scale-out N=${N}, 2 procs (ours) vs 1 (ref): latency p50`, 'ms', two.all.p50, one.all.p50),
    compare(`n${N}.p95_ms`, `scale-out N=${N}, 2 procs vs 1: latency p95`, 'ms', two.all.p95, one.all.p95),
    compare(`n${N}.p99_ms`, `scale-out N=${N}, 2 procs vs 1: latency p99`, 'ms', two.all.p99, one.all.p99),
    alone(`n${N}.cross_p50_ms`, `scale-out N=${N}, 2 procs: word from the other proc p50`, 'ms', two.cross.p50),
    alone(`n${N}.cross_p95_ms`, `scale-out N=${N}, 2 procs: word from the other proc p95`, 'ms', two.cross.p95),
    alone(`n${N}.cross_p99_ms`, `scale-out N=${N}, 2 procs: word from the other proc p99`, 'ms', two.cross.p99),
    compare(`n${N}.cpu_us_per_update`, `scale-out N=${N}, 2 procs vs 1: CPU per update per observer`, 'µs', two.cpuUsPerUpdate, one.cpuUsPerUpdate),
    compare('durable.updates_per_s', 'scale-out durable, 2 procs sharing each draft vs 1', 'updates/s', t.shared.rate, t.one.rate),
    compare('durable.cpu_us_per_update', 'scale-out durable, shared drafts: CPU per update', 'µs', t.shared.cpuUsPerUpdate, t.one.cpuUsPerUpdate),
    compare('durable_routed.updates_per_s', 'scale-out durable, 2 procs, each draft on one vs 1', 'updates/s', t.routed.rate, t.one.rate),
    compare('durable_routed.cpu_us_per_update', 'scale-out durable, routed drafts: CPU per update', 'µs', t.routed.cpuUsPerUpdate, t.one.cpuUsPerUpdate),
  ]
}

export const scaleout: Scenario = {
  name: 'scaleout',
  async run(ctx: ScenarioContext): Promise<Row[]> {
    const urls = clusterUrls()
    const why = await unavailable(urls)
    if (why) {
      ctx.log(`scaleout SKIPPED: ${why}`)
      return []
    }
    const throughputRounds = ctx.quick ? 1 : 5
    const perWriter = ctx.quick ? 500 : 10_000
    // A first, unreported round (a quarter of the updates) warms every process up in each mode.
    const measurements = (throughputRounds + 1) * MODES.length
    // Drafts 0 and 1: latency (lone process, pair); then DRAFTS fresh ones per throughput measurement.
    const drafts = Array.from({ length: 2 + measurements * DRAFTS }, (_, i) => generateClauses(20, 2000, 300 + i))
    ctx.log(`scaleout: a fresh database on ${redact(urls.database)}, Redis ${redact(urls.redis)}; starting 1 + 2 processes…`)
    const cluster = await startCluster(ctx.processes, urls, drafts, N)
    let measured: Row[]
    ctx.log(`scaleout: database ${cluster.databaseName} seeded (dropped at the end); servers on ports ${[cluster.one, cluster.a, cluster.b].map((t) => t.server.port).join(', ')}`)
    try {
      const [latencyOne, latencyTwo] = cluster.drafts
      if (!latencyOne || !latencyTwo) throw new Error('no drafts')
      ctx.log(`scaleout N=${N}: connecting ${N} clients to the lone process and ${N / 2} + ${N / 2} to the pair (${WRITERS} writers each side)…`)
      const sides = [await connectSide('one process', [cluster.one], latencyOne.id, N), await connectSide('two processes', [cluster.a, cluster.b], latencyTwo.id, N)]
      try {
        await latency(ctx, sides)
      } finally {
        for (const side of sides) closeSide(side)
        await sleep(500)
      }
      const [one, two] = sides.map(latencyResult) as [LatencyResult, LatencyResult]
      ctx.log(
        `scaleout N=${N}: p99 two ${two.all.p99.toFixed(1)} ms (cross-process ${two.cross.p99.toFixed(1)}) / one ${one.all.p99.toFixed(1)} ms; ` +
          `CPU ${two.cpuUsPerUpdate.toFixed(1)} / ${one.cpuUsPerUpdate.toFixed(1)} µs per update per observer`,
      )

      const results: Record<Mode, ThroughputResult[]> = { one: [], shared: [], routed: [] }
      let next = 2
      for (let r = 0; r <= throughputRounds; r++) {
        // Rotate which mode goes first in each round; round 0 is the warm-up.
        for (const mode of [...MODES.slice(r % MODES.length), ...MODES.slice(0, r % MODES.length)]) {
          const fresh = cluster.drafts.slice(next, next + DRAFTS)
          next += DRAFTS
          const updates = r === 0 ? Math.ceil(perWriter / 4) : perWriter
          const round = r === 0 ? 'warm-up' : `round ${r}/${throughputRounds}`
          ctx.log(`scaleout durable (${mode}), ${round}: ${DRAFTS} drafts × ${WRITERS_PER_DRAFT} writers × ${updates} updates…`)
          const result = await throughput(cluster, mode, fresh, updates)
          if (r > 0) results[mode].push(result)
          const service = result.serviceCpuUsPerUpdate === null ? '' : ` (+ ${result.serviceCpuUsPerUpdate.toFixed(1)} µs in PostgreSQL and Redis)`
          ctx.log(
            `scaleout durable (${mode}): ${result.rate.toFixed(0)} updates/s, ${result.cpuUsPerUpdate.toFixed(1)} µs server CPU per update${service}; ` +
              `cores busy: servers ${result.serverCores.toFixed(2)}, load generator ${result.loadGeneratorCores.toFixed(2)}`,
          )
        }
      }
      const summary = (mode: Mode) => ({
        rate: median(results[mode].map((x) => x.rate)),
        cpuUsPerUpdate: median(results[mode].map((x) => x.cpuUsPerUpdate)),
      })
      measured = rows({ latency: { one, two }, throughput: { one: summary('one'), shared: summary('shared'), routed: summary('routed') } })
    } finally {
      await cluster.stop()
    }
    // Then the same throughput with a core per process (scaleoutPinned.ts), beside the shared-core figures.
    return [...measured, ...(await pinnedThroughput(ctx, urls))]
  },
}
