import fs from 'node:fs'
import path from 'node:path'
import pino from 'pino'
import * as Y from 'yjs'
import { Room, type RoomOptions } from '../../server/collaboration/Room'
import { loadConfig } from '../../server/config'
import { measureUpdate } from '../../server/collaboration/updateCost'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { SqliteStorage } from '../../server/storage/sqlite/SqliteStorage'
import { buildDraft, buildGroup, buildUser } from '../../server/testing/factories'
import type { Scenario, ScenarioContext } from '../lib/context'
import { generateClauses, seededRandom } from '../lib/draftText'
import type { Row } from '../lib/results'
import { summarize } from '../lib/stats'
import { clauseText } from '../lib/writer'

/**
 * Cold open: a 300-clause draft whose update log holds UPDATES typing updates, opened from SQLite
 * by the server's own Room (load + apply) with a fresh connection, before and after compaction.
 */
const CLAUSES = 300
const WORDS = 150_000
const OPTIONS: RoomOptions = { ...loadConfig({}), compactAfterUpdates: Number.MAX_SAFE_INTEGER, compactAfterBytes: Number.MAX_SAFE_INTEGER, awarenessBatchMs: 50, sendBufferLimitBytes: 32 * 2 ** 20 }
const OPENS = 5

/** Typing: mostly one character at a time at a caret that moves now and then, some deletions. */
function typingUpdates(state: Uint8Array, count: number): Uint8Array[] {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  const rng = seededRandom(42)
  let text = clauseText(doc, 0)
  let caret = 0
  while (updates.length < count) {
    if (rng() < 0.01) {
      text = clauseText(doc, Math.floor(rng() * CLAUSES))
      caret = Math.floor(rng() * text.length)
    }
    if (rng() < 0.1 && caret > 0) {
      text.delete(caret - 1, 1)
      caret -= 1
    } else {
      text.insert(caret, rng() < 0.17 ? ' ' : String.fromCharCode(97 + Math.floor(rng() * 26)))
      caret += 1
    }
  }
  doc.destroy()
  return updates
}

/** Mean cost (µs) of measuring one typing update against the draft it applies to: what every client update now pays first. */
function inspectionCost(state: Uint8Array, updates: readonly Uint8Array[]): number {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  let spent = 0
  for (const update of updates) {
    const t0 = performance.now()
    measureUpdate(update, doc)
    spent += performance.now() - t0
    Y.applyUpdate(doc, update)
  }
  doc.destroy()
  return (spent * 1000) / updates.length
}

async function timeOpens(file: string, draftId: string): Promise<number> {
  const times: number[] = []
  const log = pino({ level: 'silent' })
  for (let i = 0; i < OPENS; i++) {
    const storage = new SqliteStorage(file)
    const t0 = performance.now()
    const room = new Room(draftId, storage, OPTIONS, log)
    await room.ready
    times.push(performance.now() - t0)
    room.destroy()
    await storage.close()
  }
  return summarize(times).p50
}

export const coldOpen: Scenario = {
  name: 'coldopen',
  async run(ctx: ScenarioContext): Promise<Row[]> {
    const updates = ctx.quick ? 10_000 : 50_000
    const dir = ctx.processes.tempDir('coldopen')
    const file = path.join(dir, 'provisio.sqlite')
    // Seeding only: NORMAL keeps 50,000 inserts quick; the measured opens use the server's settings.
    const seed = new SqliteStorage(file, { synchronous: 'NORMAL' })
    let draftId: string
    let inspectUs: number
    try {
      const group = await buildGroup(seed)
      const rapporteur = await buildUser(seed, { role: 'rapporteur', group })
      const draft = await buildDraft(seed, rapporteur, { clauses: generateClauses(CLAUSES, WORDS) })
      draftId = draft.id
      const state = (await seed.docs.load(draft.id)).snapshot ?? new Uint8Array()
      ctx.log(`cold open: generating ${updates.toLocaleString('en-US')} typing updates…`)
      const typed = typingUpdates(state, updates)
      for (const u of typed) await seed.docs.append(draft.id, u)
      inspectUs = inspectionCost(state, typed)
    } finally {
      await seed.close()
    }
    const bytes = async () => {
      const storage = new SqliteStorage(file)
      try {
        const s = await storage.docs.stats(draftId)
        return s.snapshotBytes + s.updateBytes
      } finally {
        await storage.close()
      }
    }
    const bytesBefore = await bytes()
    const before = await timeOpens(file, draftId)
    ctx.log(`cold open: ${before.toFixed(0)} ms with ${updates} updates in the log; compacting…`)
    // The worst event-loop delay while the log loads and is compacted: what another client would wait.
    const storage = new SqliteStorage(file)
    const delay = monitorEventLoopDelay({ resolution: 5 })
    delay.enable()
    const room = new Room(draftId, storage, OPTIONS, pino({ level: 'silent' }))
    await room.ready
    await room.flushAndCompact()
    delay.disable()
    const worstDelayMs = delay.max / 1e6
    ctx.log(`cold open: worst event-loop delay ${worstDelayMs.toFixed(0)} ms while loading and compacting`)
    room.destroy()
    await storage.close()
    const bytesAfter = await bytes()
    const after = await timeOpens(file, draftId)
    const fileBytes = fs.statSync(file).size
    ctx.log(`cold open: ${after.toFixed(0)} ms after compaction; file ${fileBytes} bytes`)
    const n = ctx.quick ? '10k' : '50k'
    return [
      { label: `cold open, 300 clauses + ${n} updates in the log`, unit: 'ms', ours: { name: 'coldopen.ms', value: before }, target: { on: 'ours', op: '<', value: 200 } },
      { label: 'cold open after compaction', unit: 'ms', ours: { name: 'coldopen.compacted_ms', value: after }, target: { on: 'ours', op: '<', value: 80 } },
      { label: `compaction of the ${n}-update log: worst event-loop delay (load + compact)`, unit: 'ms', ours: { name: 'coldopen.compact_worst_delay_ms', value: worstDelayMs }, target: { on: 'ours', op: '<=', value: 1000 } },
      { label: 'inspection of one typing update (measureUpdate, before apply)', unit: 'µs', ours: { name: 'inspect.typing_us', value: inspectUs } },
      { label: `stored bytes per draft, ${n}-update log`, unit: 'KiB', ours: { name: 'coldopen.draft_kib_before', value: bytesBefore / 1024 } },
      { label: 'stored bytes per draft, compacted', unit: 'KiB', ours: { name: 'coldopen.draft_kib_after', value: bytesAfter / 1024 } },
    ]
  },
}
