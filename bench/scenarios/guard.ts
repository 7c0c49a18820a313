import * as Y from 'yjs'
import type { Connection } from '../../server/collaboration/Connection'
import { DraftGuard } from '../../server/collaboration/guard/draftGuard'
import { isLockedStatus } from '../../shared/draft/format'
import { buildDraftDoc, clausesMap, readClauses } from '../../shared/draft/ydoc'
import type { TextAccess } from '../../shared/permissions'
import { seededRandom as seeded } from '../../shared/random'
import type { Scenario } from '../lib/context'
import type { Row } from '../lib/results'
import { diffBenchClauses } from './diff'

/**
 * The draft guard's cost on the hot path: typing updates (one character each, in random clauses of
 * the 300-clause, 150,000-word draft) inspected by the guard — applied to its shadow and judged —
 * against applying the same update to a copy of the document (the work every server does anyway).
 * Both in this process, per update. Suggesting: the same typing carrying the typist's insertion mark.
 * Fan-out CPU per update (the fanout scenario) runs with the guard on: it is part of every server now.
 */
const UPDATES = 3_000
const QUICK_UPDATES = 600

function typingUpdates(doc: Y.Doc, count: number, suggesting: boolean): Uint8Array[] {
  const rng = seeded(15)
  const typist = new Y.Doc()
  Y.applyUpdate(typist, Y.encodeStateAsUpdate(doc))
  // Typing goes where it may: agreed language is locked (the guard refuses it).
  const ids = readClauses(typist)
    .filter((c) => !isLockedStatus(c.status))
    .map((c) => c.id)
  const updates: Uint8Array[] = []
  typist.on('update', (update: Uint8Array) => updates.push(update))
  const mark = { insertion: { id: 'bench1', user: 'u-bench', name: 'Bench Delegate', state: 'KEN', at: '2026-12-03T14:02:00.000Z' } }
  for (let i = 0; i < count; i++) {
    const body = clausesMap(typist).get(ids[Math.floor(rng() * ids.length)] ?? '')?.get('body')
    const paragraph = body instanceof Y.XmlFragment ? body.get(0) : null
    const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
    if (!(text instanceof Y.XmlText)) continue
    text.insert(Math.floor(rng() * text.length), 'x', suggesting ? mark : {})
  }
  typist.destroy()
  return updates
}

function connection(text: TextAccess): Connection {
  return { user: { id: 'u-bench', username: 'bench', displayName: 'Bench Delegate', role: 'delegate', stateCode: 'KEN', passwordHash: '', createdAt: '' }, text, decide: false, readOnly: false } as Connection
}

function perUpdateUs(run: () => void, count: number): number {
  const t0 = performance.now()
  run()
  return ((performance.now() - t0) * 1000) / count
}

export async function runGuardBench(quick: boolean): Promise<{ typingApplyUs: number; typingGuardUs: number; suggestingGuardUs: number; lockedApplyUs: number; lockedGuardUs: number }> {
  const count = quick ? QUICK_UPDATES : UPDATES
  const clauses = diffBenchClauses()
  const draft = buildDraftDoc('Guard bench', clauses)
  // Late in a negotiation: every other clause agreed, so the guard's lock check has locks to find.
  const halfAgreed = buildDraftDoc('Guard bench, half agreed', clauses.map((c, i) => (i % 2 ? { ...c, status: 'agreed' as const } : c)))
  const measure = (updates: readonly Uint8Array[], text: TextAccess, base: Y.Doc = draft) => {
    const live = new Y.Doc()
    Y.applyUpdate(live, Y.encodeStateAsUpdate(base))
    const guard = new DraftGuard()
    const conn = connection(text)
    guard.inspect(conn, new Uint8Array([0, 0]), live) // builds the shadow once, as a room does at its first update
    return perUpdateUs(() => {
      for (const update of updates) {
        const generation = guard.generation
        const verdict = guard.inspect(conn, update, live)
        if (!verdict.ok) throw new Error(`the guard refused an honest update: ${verdict.reason}`)
        guard.applyAdmitted(generation, () => Y.applyUpdate(live, update))
      }
    }, updates.length)
  }
  const typing = typingUpdates(draft, count, false)
  const suggesting = typingUpdates(draft, count, true)
  // The floor: the same updates applied to a copy with an update listener (as a room's document has).
  const plain = (updates: readonly Uint8Array[], base: Y.Doc = draft) => {
    const live = new Y.Doc()
    Y.applyUpdate(live, Y.encodeStateAsUpdate(base))
    live.on('update', () => undefined)
    return perUpdateUs(() => updates.forEach((u) => Y.applyUpdate(live, u)), updates.length)
  }
  plain(typing) // warm-up
  measure(typing.slice(0, 200), 'write')
  const typingApplyUs = plain(typing)
  const typingGuardUs = measure(typing, 'write') - typingApplyUs
  const suggestingGuardUs = measure(suggesting, 'suggest') - plain(suggesting)
  const lockedTyping = typingUpdates(halfAgreed, count, false)
  const lockedApplyUs = plain(lockedTyping, halfAgreed)
  const lockedGuardUs = measure(lockedTyping, 'write', halfAgreed) - lockedApplyUs
  return { typingApplyUs, typingGuardUs, suggestingGuardUs, lockedApplyUs, lockedGuardUs }
}

export const guard: Scenario = {
  name: 'guard',
  async run(ctx): Promise<Row[]> {
    ctx.log('guard: typing updates on the 300-clause draft, inspected by the draft guard')
    const r = await runGuardBench(ctx.quick)
    const round = (n: number) => Number(n.toFixed(1))
    return [
      { label: 'guard: apply one typing update (the floor)', unit: 'µs', ours: { name: 'guard.apply_us', value: round(r.typingApplyUs) } },
      // Against applying the update once: the guard applies it to its shadow and reads what it changed.
      { label: 'guard: inspection of one typing update', unit: 'µs', ours: { name: 'guard.typing_us', value: round(r.typingGuardUs) }, reference: { name: 'guard.typing_us.apply', value: round(r.typingApplyUs) }, ratioUnit: 'guard/apply', target: { on: 'ratio', op: '<=', value: 2.5 } },
      { label: 'guard: inspection of one suggested character', unit: 'µs', ours: { name: 'guard.suggesting_us', value: round(r.suggestingGuardUs) }, reference: { name: 'guard.suggesting_us.apply', value: round(r.typingApplyUs) }, ratioUnit: 'guard/apply', target: { on: 'ratio', op: '<=', value: 4 } },
      // The lock check on the hot path: the same typing in the open half of a draft whose other half is agreed.
      { label: 'guard: inspection of one typing update, half the clauses agreed', unit: 'µs', ours: { name: 'guard.locked_typing_us', value: round(r.lockedGuardUs) }, reference: { name: 'guard.locked_typing_us.apply', value: round(r.lockedApplyUs) }, ratioUnit: 'guard/apply', target: { on: 'ratio', op: '<=', value: 2.5 } },
    ]
  },
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  runGuardBench(process.argv.includes('--quick')).then((r) => console.log(r), (e: unknown) => {
    console.error(e)
    process.exitCode = 1
  })
}
