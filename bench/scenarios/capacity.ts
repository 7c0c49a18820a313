import { type Scenario, type ScenarioContext, paced, sleep } from '../lib/context'
import { LADDER, type Rung, capacityOf, ladderSteps } from '../lib/capacity'
import { generateClauses } from '../lib/draftText'
import { HocuspocusClient } from '../lib/hocuspocusClient'
import { scanMarkers } from '../lib/marker'
import { RawClient, openClients } from '../lib/rawClient'
import type { Row } from '../lib/results'
import { type ServerKind, type Target, startPair } from '../lib/servers'
import { summarize } from '../lib/stats'
import { Writer } from '../lib/writer'

/**
 * Capacity (issue 21): delegates connected to one draft, stepped up the ladder (100, 200, 400, 800,
 * 1,600), 20 of them typing at 5 Hz each (real y-websocket providers, or Hocuspocus clients with a
 * Y.Doc), the others raw receivers recording each word's arrival. A server's capacity is the
 * highest rung, climbed from the bottom, at which the receivers' p99 stays below 50 ms. Servers take
 * each rung in turn (fairness, as the fan-out); one that misses a rung climbs no further.
 * BENCH_CAPACITY_STEPS=100,200,400 narrows the ladder (the default of --quick).
 */
const TYPISTS = 20
const RATE_HZ = 5
const LIMIT_MS = 50

interface Climber {
  readonly target: Target
  readonly receivers: (RawClient | HocuspocusClient)[]
  readonly writers: Writer[]
  readonly rungs: Rung[]
  latencies: number[]
  recording: boolean
  done: boolean
}

function receiverFor(climber: Climber, draftId: string, client: number): RawClient | HocuspocusClient {
  const onUpdate = (frame: Buffer, at: number) => {
    if (!climber.recording) return
    const arrivedUs = (performance.timeOrigin + at) * 1000
    scanMarkers(frame, (sentUs) => climber.latencies.push((arrivedUs - sentUs) / 1000))
  }
  const { target } = climber
  return target.kind === 'hocuspocus' ? new HocuspocusClient(target.url(draftId, client), draftId, target.token(client), { onUpdate }) : new RawClient(target.url(draftId, client), { onUpdate })
}

/** Grows the climber's connected delegates to `delegates` (typists included). */
async function grow(climber: Climber, draftId: string, delegates: number): Promise<void> {
  const have = climber.receivers.length
  const more = delegates - TYPISTS - have
  if (more > 0) climber.receivers.push(...(await openClients(more, (i) => receiverFor(climber, draftId, TYPISTS + have + i))))
  if (climber.writers.length === 0) {
    for (let w = 0; w < TYPISTS; w++) climber.writers.push(new Writer(climber.target, draftId, w, w))
    await Promise.all(climber.writers.map((w) => w.synced()))
  }
}

function typing(climber: Climber, seconds: number): Promise<unknown> {
  const period = 1000 / RATE_HZ
  const keystrokes = Math.round(seconds * RATE_HZ)
  return Promise.all(climber.writers.map((w, k) => paced(keystrokes, period, (k * period) / TYPISTS, () => w.type())))
}

async function measure(climber: Climber, delegates: number, seconds: number): Promise<number> {
  await typing(climber, 0.6) // warm-up at this rung
  climber.latencies = []
  climber.recording = true
  await typing(climber, seconds)
  // What is still on its way counts: wait for it, up to the limit's worth and a margin.
  const expected = Math.round(seconds * RATE_HZ) * TYPISTS * climber.receivers.length
  const deadline = performance.now() + 2000
  while (climber.latencies.length < expected && performance.now() < deadline) await sleep(20)
  climber.recording = false
  const s = summarize(climber.latencies)
  // A word that never arrived counts as late: fewer arrivals than sent is a miss.
  const p99 = climber.latencies.length < expected * 0.99 ? Number.POSITIVE_INFINITY : s.p99
  climber.rungs.push({ delegates, p99Ms: p99 })
  return p99
}

function close(climber: Climber): void {
  for (const w of climber.writers) w.destroy()
  for (const r of climber.receivers) r.close()
  climber.writers.length = 0
  climber.receivers.length = 0
}

export const capacity: Scenario = {
  name: 'capacity',
  async run(ctx: ScenarioContext): Promise<Row[]> {
    const steps = ladderSteps(process.env.BENCH_CAPACITY_STEPS, ctx.quick ? LADDER.slice(0, 3) : LADDER)
    const seconds = ctx.quick ? 2 : 5
    const withHocuspocus = process.env.BENCH_HOCUSPOCUS !== '0'
    const pair = await startPair(ctx.processes, [generateClauses(20, 2000, 300)], Math.max(...steps), withHocuspocus)
    const draftId = pair.drafts[0]?.id ?? ''
    const climbers: Climber[] = [pair.ours, pair.reference, pair.hocuspocus]
      .filter((t): t is Target => t !== null)
      .map((target) => ({ target, receivers: [], writers: [], rungs: [], latencies: [], recording: false, done: false }))
    try {
      for (const delegates of steps) {
        for (const climber of climbers.filter((c) => !c.done)) {
          ctx.log(`capacity: ${climber.target.kind} with ${delegates} delegates connected…`)
          await grow(climber, draftId, delegates)
          const p99 = await measure(climber, delegates, seconds)
          ctx.log(`capacity: ${climber.target.kind} at ${delegates}: p99 ${p99.toFixed(1)} ms${p99 < LIMIT_MS ? '' : ' (miss: climbs no further)'}`)
          if (!(p99 < LIMIT_MS)) {
            climber.done = true
            close(climber)
          }
        }
      }
    } finally {
      for (const climber of climbers) close(climber)
      await pair.stop()
    }
    const of = (kind: ServerKind) => climbers.find((c) => c.target.kind === kind)
    const value = (kind: ServerKind) => capacityOf(of(kind)?.rungs ?? [], LIMIT_MS)
    const hp = of('hocuspocus')
    const rows: Row[] = [
      {
        label: `capacity: delegates connected while ${TYPISTS} type at ${RATE_HZ} Hz with p99 < ${LIMIT_MS} ms (ladder ${steps.join(', ')})`,
        unit: 'delegates',
        ours: { name: 'capacity.delegates.ours', value: value('ours') },
        reference: { name: 'capacity.delegates.reference', value: value('reference') },
        ...(hp ? { hocuspocus: { name: 'capacity.delegates.hocuspocus', value: value('hocuspocus') }, hocuspocusTarget: { op: '>=', value: 1 } } : {}),
      },
    ]
    // Each rung's p99 too: the curve, not only where it crossed the limit.
    for (const delegates of steps) {
      const p = (kind: ServerKind) => of(kind)?.rungs.find((r) => r.delegates === delegates)?.p99Ms
      const ours = p('ours')
      if (ours === undefined) continue
      const reference = p('reference')
      const hocuspocus = p('hocuspocus')
      rows.push({
        label: `capacity: ${delegates} delegates, typing p99 (∞: words lost or later than 2 s)`,
        unit: 'ms',
        ours: { name: `capacity.n${delegates}.p99_ms.ours`, value: ours },
        ...(reference !== undefined ? { reference: { name: `capacity.n${delegates}.p99_ms.reference`, value: reference } } : {}),
        ...(hocuspocus !== undefined ? { hocuspocus: { name: `capacity.n${delegates}.p99_ms.hocuspocus`, value: hocuspocus } } : {}),
      })
    }
    return rows
  },
}
