import fs from 'node:fs'
import path from 'node:path'
import * as Y from 'yjs'
import { countItems } from '../collaboration/updateCost'
import { type CostLimits, UpdateGuard } from '../collaboration/updateGuard'
import { audit } from '../services/audit'
import type { Storage, StoredUpdate } from '../storage/Storage'

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
const CHUNK = 1000

export interface RepairOutcome {
  readonly dropped: number
  /** Where the dropped updates were kept aside (null when nothing was dropped). */
  readonly file: string | null
  readonly bytes: number
  readonly items: number
}

export class RepairError extends Error {}

interface Dropped {
  readonly id: number
  readonly reason: string
  readonly update: StoredUpdate['data']
}

/**
 * `draft repair`: replays the draft's stored log against the server's limits, keeps aside (in a
 * JSON file under `$DATA_DIR/repairs/`) every update the server would refuse, deletes those from
 * the log, folds the rest into a fresh snapshot and clears the draft's damage mark.
 */
export async function repairDraft(storage: Storage, draftId: string, dataDir: string, limits: CostLimits, now = new Date()): Promise<RepairOutcome> {
  const stored = await storage.docs.load(draftId)
  if (stored.snapshot && stored.snapshot.byteLength > limits.draftMaxBytes) {
    throw new RepairError(
      `The draft's snapshot itself has ${stored.snapshot.byteLength} bytes (DRAFT_MAX_BYTES is ${limits.draftMaxBytes}): raise the limit, or restore a revision into a new draft.`,
    )
  }
  const doc = new Y.Doc()
  try {
    const guard = new UpdateGuard(limits)
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    guard.measured(stored.snapshot?.byteLength ?? 0, countItems(doc))
    const rows = await storage.docs.listUpdates(draftId)
    const dropped: Dropped[] = []
    for (let i = 0; i < rows.length; i += CHUNK) {
      if (i > 0) await nextTurn()
      Y.transact(doc, () => {
        for (const row of rows.slice(i, i + CHUNK)) {
          const reason = replay(doc, guard, row.data)
          if (reason) dropped.push({ id: row.id, reason, update: row.data })
        }
      })
    }
    const file = dropped.length > 0 ? keepAside(dataDir, draftId, now, dropped) : null
    if (dropped.length > 0) await storage.docs.dropUpdates(draftId, dropped.map((d) => d.id))
    // Fold what is left into one snapshot, under the compaction lock (other processes may share the log).
    const lastId = rows.at(-1)?.id ?? stored.lastUpdateId
    let snapshot: Uint8Array = new Uint8Array()
    await storage.docs.withCompactionLock(draftId, async () => {
      // Appended since the log was read (they passed a server's inspection): folded in too.
      const since = await storage.docs.loadSince(draftId, lastId)
      for (const update of since.updates) replay(doc, guard, update)
      snapshot = Y.encodeStateAsUpdate(doc)
      await storage.docs.compact(draftId, snapshot, Math.max(lastId, since.lastUpdateId))
    })
    const size = { bytes: snapshot.byteLength, items: countItems(doc) }
    await storage.docs.recordSize(draftId, size)
    await storage.docs.setDamage(draftId, null)
    await audit(storage, now, { action: 'draft.repaired', groupId: (await storage.getDraft(draftId))?.groupId ?? null, actorName: 'admin-cli', target: draftId, data: { dropped: dropped.length, file, ...size } })
    return { dropped: dropped.length, file, ...size }
  } finally {
    doc.destroy()
  }
}

/** Applies one stored update if the server would accept it; else returns why not (nothing applied). */
function replay(doc: Y.Doc, guard: UpdateGuard, update: Uint8Array): string | null {
  let verdict
  try {
    verdict = guard.inspectStored(update, doc)
  } catch (error) {
    return `malformed: ${error instanceof Error ? error.message : String(error)}`
  }
  if (!verdict.ok) return verdict.reason
  Y.applyUpdate(doc, update)
  guard.admit(verdict.cost)
  return null
}

function keepAside(dataDir: string, draftId: string, now: Date, dropped: readonly Dropped[]): string {
  const dir = path.join(dataDir, 'repairs')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${draftId}-${now.toISOString().replace(/[:.]/g, '-')}.json`)
  const body = {
    draftId,
    repairedAt: now.toISOString(),
    note: 'Updates dropped from the draft\'s log by `draft repair`: Yjs v1 updates, base64, in log order.',
    updates: dropped.map((d) => ({ id: d.id, reason: d.reason, bytes: d.update.byteLength, update: Buffer.from(d.update).toString('base64') })),
  }
  fs.writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`)
  return file
}
