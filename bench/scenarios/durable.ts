import { type Scenario, type ScenarioContext, sleep, until } from '../lib/context'
import { generateClauses } from '../lib/draftText'
import { pump, updateFrames } from '../lib/durableLoad'
import { scanMarkers } from '../lib/marker'
import { RawClient } from '../lib/rawClient'
import type { Row } from '../lib/results'
import { type BenchDraft, type Target, startPair } from '../lib/servers'

/**
 * Durable throughput: WRITERS raw clients send pre-made typing updates as fast as the server takes
 * them (each keeps at most WINDOW_BYTES unsent: durableLoad.ts); one more client counts the updates
 * broadcast. On ours every update is stored (SQLite, WAL, synchronous=FULL) before it is broadcast;
 * the reference stores nothing and is shown for scale only.
 */
const WRITERS = 4

async function measure(target: Target, draft: BenchDraft, perWriter: number): Promise<number> {
  let received = 0
  let last = 0
  const observer = new RawClient(target.url(draft.id, 0), {
    onUpdate: (frame, at) => {
      scanMarkers(frame, () => {
        received++
      })
      last = at
    },
  })
  const writers = Array.from({ length: WRITERS }, (_, w) => new RawClient(target.url(draft.id, w + 1)))
  const frames = writers.map((_, w) => updateFrames(draft, w, perWriter))
  try {
    await Promise.all([observer.synced, ...writers.map((w) => w.synced)])
    const total = WRITERS * perWriter
    const t0 = performance.now()
    await Promise.all(writers.map((w, k) => pump(w, frames[k] ?? [])))
    await until(() => received >= total, 120_000, () => `${target.kind}: ${total} updates broadcast (got ${received})`)
    return (total / (last - t0)) * 1000
  } finally {
    observer.close()
    for (const w of writers) w.close()
    await sleep(300)
  }
}

export const durable: Scenario = {
  name: 'durable',
  async run(ctx: ScenarioContext): Promise<Row[]> {
    const perWriter = ctx.quick ? 1_000 : 20_000
    const pair = await startPair(ctx.processes, [generateClauses(20, 2000, 11)], WRITERS + 1)
    try {
      const draft = pair.drafts[0]
      if (!draft) throw new Error('no draft')
      ctx.log(`durable: ${WRITERS} writers × ${perWriter} updates, ours…`)
      const ours = await measure(pair.ours, draft, perWriter)
      ctx.log('durable: reference (stores nothing)…')
      const ref = await measure(pair.reference, draft, perWriter)
      ctx.log(`durable: ${ours.toFixed(0)} / ${ref.toFixed(0)} updates/s`)
      return [
        {
          label: 'durable throughput (reference: nothing stored)',
          unit: 'updates/s',
          ours: { name: 'durable.updates_per_s', value: ours },
          reference: { name: 'durable.updates_per_s.reference_not_durable', value: ref },
          target: { on: 'ours', op: '>=', value: 2000 },
        },
      ]
    } finally {
      await pair.stop()
    }
  },
}
