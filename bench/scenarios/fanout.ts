import { type Scenario, type ScenarioContext, cpuUs, paced, sleep, until } from '../lib/context'
import { generateClauses } from '../lib/draftText'
import { scanMarkers } from '../lib/marker'
import { fsyncFloor } from '../lib/floors'
import { HocuspocusClient } from '../lib/hocuspocusClient'
import { RawClient, openClients } from '../lib/rawClient'
import type { Row } from '../lib/results'
import { type Target, startPair } from '../lib/servers'
import { summarize } from '../lib/stats'
import { Writer } from '../lib/writer'

/**
 * Fan-out: N clients on one draft; WRITERS of them (real y-websocket providers) type a timestamped
 * word at RATE_HZ each; every other client (raw `ws`, see rawClient.ts) records when each word's
 * update arrives. Writers get the updates too: they count as observers for CPU, not as latency
 * samples. Both servers have their N clients connected throughout; they type in alternating rounds
 * so that whatever else the machine does falls on both alike.
 */
// BENCH_FANOUT_SIZES=100,500 narrows the run (e.g. for profiling one size).
const SIZES = process.env.BENCH_FANOUT_SIZES?.split(',').map(Number) ?? [10, 100, 500]
const WRITERS = 2
const RATE_HZ = 10

interface Side {
  readonly target: Target
  readonly n: number
  readonly receivers: (RawClient | HocuspocusClient)[]
  readonly writers: Writer[]
  readonly latencies: number[]
  recording: boolean
  cpuUs: number
  updates: number
  rssMb: number
}

async function connect(target: Target, draftId: string, n: number): Promise<Side> {
  const side: Side = { target, n, receivers: [], writers: [], latencies: [], recording: false, cpuUs: 0, updates: 0, rssMb: 0 }
  const onUpdate = (frame: Buffer, at: number) => {
    if (!side.recording) return
    const arrivedUs = (performance.timeOrigin + at) * 1000
    scanMarkers(frame, (sentUs) => side.latencies.push((arrivedUs - sentUs) / 1000))
  }
  const receiver = (i: number) => (target.kind === 'hocuspocus' ? new HocuspocusClient(target.url(draftId, i), draftId, target.token(i), { onUpdate }) : new RawClient(target.url(draftId, i), { onUpdate }))
  side.receivers.push(...(await openClients(n - WRITERS, receiver)))
  for (let w = 0; w < WRITERS; w++) side.writers.push(new Writer(target, draftId, n - WRITERS + w, w))
  await Promise.all(side.writers.map((w) => w.synced()))
  return side
}

function typing(side: Side, keystrokes: number): Promise<unknown> {
  const period = 1000 / RATE_HZ
  return Promise.all(side.writers.map((w, k) => paced(keystrokes, period, (k * period) / WRITERS, () => w.type())))
}

async function round(side: Side, seconds: number): Promise<void> {
  const keystrokes = Math.round(seconds * RATE_HZ)
  const expected = side.latencies.length + keystrokes * WRITERS * side.receivers.length
  const before = await side.target.server.stats()
  side.recording = true
  await typing(side, keystrokes)
  await until(() => side.latencies.length >= expected, 30_000, () => `${side.target.kind}: arrivals at N=${side.n} (${side.latencies.length}/${expected})`)
  side.recording = false
  const after = await side.target.server.stats()
  side.cpuUs += cpuUs(before, after)
  side.updates += keystrokes * WRITERS
  side.rssMb = after.rss / 2 ** 20
  await sleep(100)
}

function close(side: Side): void {
  for (const w of side.writers) w.destroy()
  for (const r of side.receivers) r.close()
}

interface Measured {
  readonly p50: number
  readonly p95: number
  readonly p99: number
  readonly cpuUsPerUpdate: number
  readonly rssMb: number
}

function result(side: Side): Measured {
  const s = summarize(side.latencies)
  return { p50: s.p50, p95: s.p95, p99: s.p99, cpuUsPerUpdate: side.cpuUs / (side.updates * (side.n - 1)), rssMb: side.rssMb }
}

const cpuTarget = (n: number): Row['target'] => (n === 100 ? { on: 'ours', op: '<=', value: 15 } : n === 500 ? { on: 'ours', op: '<=', value: 7 } : undefined)

function rows(n: number, ours: Measured, ref: Measured, hp: Measured | null, fsyncP99: number): Row[] {
  const base = `fanout.n${n}`
  const row = (key: string, label: string, unit: string, pick: (m: Measured) => number, target?: Row['target'], hocuspocusTarget?: Row['hocuspocusTarget']): Row => ({
    label: `fan-out N=${n}: ${label}`,
    unit,
    ours: { name: `${base}.${key}.ours`, value: pick(ours) },
    reference: { name: `${base}.${key}.reference`, value: pick(ref) },
    ...(hp ? { hocuspocus: { name: `${base}.${key}.hocuspocus`, value: pick(hp) } } : {}),
    ...(target ? { target } : {}),
    ...(hp && hocuspocusTarget ? { hocuspocusTarget } : {}),
  })
  const p99Target = n === 100 ? 0.9 : n === 500 ? 0.8 : undefined
  return [
    row('p50_ms', 'latency p50', 'ms', (m) => m.p50),
    row('p95_ms', 'latency p95', 'ms', (m) => m.p95),
    row('p99_ms', 'latency p99', 'ms', (m) => m.p99, p99Target ? { on: 'ratio', op: '<=', value: p99Target } : undefined, n === 100 ? { op: '<=', value: 0.7 } : undefined),
    // Issue 21: ≤ 15 µs at N=100, ≤ 7 µs at N=500 (the floor's per-socket send cost is printed beside, floor.ts).
    row('cpu_us_per_update', 'server CPU per update per observer', 'µs', (m) => m.cpuUsPerUpdate, cpuTarget(n)),
    row('rss_mb', 'server RSS', 'MiB', (m) => m.rssMb),
    // What ours adds over the reference, beside the fsync it does before each broadcast (target: no more than it).
    {
      label: `fan-out N=${n}: p99 ours − reference, vs fsync floor p99`,
      unit: 'ms',
      ours: { name: `${base}.p99_over_reference_ms`, value: ours.p99 - ref.p99 },
      reference: { name: `${base}.fsync_floor_p99_ms`, value: fsyncP99 },
      ratioUnit: 'excess/fsync floor',
      ...(n === 100 ? { target: { on: 'ratio', op: '<=', value: 1 } } : {}),
    } satisfies Row,
  ]
}

export const fanout: Scenario = {
  name: 'fanout',
  async run(ctx: ScenarioContext): Promise<Row[]> {
    const rounds = ctx.quick ? 2 : 5
    const seconds = ctx.quick ? 1 : 5
    const warmup = ctx.quick ? 0.3 : 2
    const drafts = SIZES.map((_, i) => generateClauses(20, 2000, 100 + i))
    // BENCH_HOCUSPOCUS=0 leaves the second peer out (e.g. to profile ours against the reference alone).
    const withHocuspocus = process.env.BENCH_HOCUSPOCUS !== '0'
    const pair = await startPair(ctx.processes, drafts, Math.max(...SIZES), withHocuspocus)
    const out: Row[] = []
    // The fsync floor on this disk, now (floors.ts): what persist-before-broadcast costs at the least.
    const fsyncP99 = fsyncFloor(ctx.processes.tempDir('fanout-floor'), ctx.quick ? 100 : 300).p99
    try {
      for (const [i, n] of SIZES.entries()) {
        const draftId = pair.drafts[i]?.id ?? ''
        ctx.log(`fanout N=${n}: connecting ${n} clients to each server…`)
        const sides = [await connect(pair.ours, draftId, n), await connect(pair.reference, draftId, n)]
        if (pair.hocuspocus) sides.push(await connect(pair.hocuspocus, draftId, n))
        try {
          for (const side of sides) await typing(side, Math.round(warmup * RATE_HZ))
          await sleep(300)
          for (let r = 0; r < rounds; r++) {
            // Rotate which server goes first in each round.
            for (let k = 0; k < sides.length; k++) {
              const side = sides[(r + k) % sides.length]
              if (side) await round(side, seconds)
            }
          }
        } finally {
          for (const side of sides) close(side)
          await sleep(500) // let both servers see the closes before the next size
        }
        const [ours, ref, hp = null] = sides.map(result) as [Measured, Measured, Measured?]
        ctx.log(`fanout N=${n}: p99 ours ${ours.p99.toFixed(1)} ms / reference ${ref.p99.toFixed(1)} ms${hp ? ` / hocuspocus ${hp.p99.toFixed(1)} ms` : ''}; CPU ${ours.cpuUsPerUpdate.toFixed(1)} / ${ref.cpuUsPerUpdate.toFixed(1)}${hp ? ` / ${hp.cpuUsPerUpdate.toFixed(1)}` : ''} µs per update per observer`)
        out.push(...rows(n, ours, ref, hp, fsyncP99))
      }
    } finally {
      await pair.stop()
    }
    return out
  },
}
