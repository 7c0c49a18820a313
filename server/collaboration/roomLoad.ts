import * as Y from 'yjs'
import type { StoredDoc } from '../storage/docs'
import type { RevisionStore } from '../storage/revisions'
import { countItems } from './updateCost'
import type { UpdateGuard } from './updateGuard'

/** What loading needs of the revisions: the newest one within the limits, when the snapshot is not. */
export type RevisionReader = Pick<RevisionStore, 'listRevisions' | 'revisionState'>

/** Updates of a stored log applied per transaction (and per event-loop turn) when a draft loads. */
export const LOAD_CHUNK = 1000

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** A server-side change refused because the draft opened read-only from its last good state. */
export class DraftDamagedError extends Error {
  constructor(readonly reason: string) {
    super(`The draft is read-only until it is repaired: ${reason}`)
    this.name = 'DraftDamagedError'
  }
}

/** Why a stored draft could not be loaded whole within the limits, and what was loaded instead. */
export interface LoadDamage {
  readonly reason: string
  /** Index in the log (append order) of the first update left out; the rest of the log is left out too. */
  readonly firstBadUpdate: number | null
  /** The revision the document was loaded from when the snapshot itself is over the limits. */
  readonly fromRevision: number | null
}

/**
 * Applies a stored snapshot and log to `doc`, inspecting each update with the room's limits before
 * applying it, a chunk per event-loop turn, so a long log never holds the process for long. At the
 * first update beyond the limits it stops: the document is then the last good state (snapshot
 * plus the good updates before it), for read-only use until `draft repair`.
 */
export async function loadWithinLimits(draftId: string, doc: Y.Doc, stored: StoredDoc, guard: UpdateGuard, revisions: RevisionReader): Promise<LoadDamage | null> {
  const limits = guard.limits
  if (stored.snapshot && stored.snapshot.byteLength > limits.draftMaxBytes) {
    return loadFromRevision(draftId, doc, revisions, guard, `its snapshot has ${stored.snapshot.byteLength} bytes (at most ${limits.draftMaxBytes})`)
  }
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  const items = countItems(doc)
  guard.measured(stored.snapshot?.byteLength ?? 0, items)
  // Already paid for: shown as it is, read-only, rather than loaded a second time from a revision.
  if (items > limits.draftMaxItems) return { reason: `its snapshot holds ${items} items (at most ${limits.draftMaxItems})`, firstBadUpdate: null, fromRevision: null }
  for (let i = 0; i < stored.updates.length; i += LOAD_CHUNK) {
    if (i > 0) await nextTurn()
    const bad = applyChunk(doc, stored.updates, i, guard)
    if (bad) return { reason: bad.reason, firstBadUpdate: bad.index, fromRevision: null }
  }
  return null
}

/** Applies updates [start, start + LOAD_CHUNK) in one transaction, each inspected first; the first bad one stops it. */
function applyChunk(doc: Y.Doc, updates: readonly Uint8Array[], start: number, guard: UpdateGuard): { index: number; reason: string } | null {
  // One transaction per chunk: one for all of a long log spends most of its time merging at its end.
  return Y.transact(doc, () => {
    const end = Math.min(updates.length, start + LOAD_CHUNK)
    for (let j = start; j < end; j++) {
      const update = updates[j]
      if (!update) continue
      let verdict
      try {
        verdict = guard.inspectStored(update, doc)
      } catch (error) {
        return { index: j, reason: `update ${j + 1} of the log is malformed (${error instanceof Error ? error.message : String(error)})` }
      }
      if (!verdict.ok) return { index: j, reason: `update ${j + 1} of the log is beyond the limits: ${verdict.reason}` }
      Y.applyUpdate(doc, update)
      guard.admit(verdict.cost)
    }
    return null
  })
}

/** The newest revision within the limits, when the snapshot is not: read-only, until repaired by hand. */
async function loadFromRevision(draftId: string, doc: Y.Doc, revisions: RevisionReader, guard: UpdateGuard, why: string): Promise<LoadDamage> {
  const metas = await revisions.listRevisions(draftId)
  for (const meta of [...metas].reverse()) {
    const state = await revisions.revisionState(draftId, meta.number)
    if (!state || state.byteLength > guard.limits.draftMaxBytes) continue
    Y.applyUpdate(doc, state)
    guard.measured(state.byteLength, countItems(doc))
    return { reason: `${why}; showing revision ${meta.number}`, firstBadUpdate: null, fromRevision: meta.number }
  }
  return { reason: `${why}; no revision within the limits: the draft is shown empty`, firstBadUpdate: null, fromRevision: null }
}
