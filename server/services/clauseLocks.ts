import * as Y from 'yjs'
import { clauseSnapshots } from '../../shared/diff/snapshot'
import type { ClauseSnapshot } from '../../shared/diff/types'
import { diffClauses } from '../../shared/diff/clauses'
import { ClauseKey, isLockedStatus } from '../../shared/draft/format'
import { clausesMap } from '../../shared/draft/ydoc'
import { AppError } from '../errors'

/** The ids of the clauses whose text is agreed language now (agreed ad referendum, agreed, adopted). */
export function lockedClauseIds(doc: Y.Doc): Set<string> {
  const locked = new Set<string>()
  for (const [id, clause] of clausesMap(doc).entries()) if (clause instanceof Y.Map && isLockedStatus(clause.get(ClauseKey.status))) locked.add(id)
  return locked
}

/** 409 `clause_locked` when any of these clauses is agreed language: call first thing in a server-side change's edit, so nothing is written. */
export function refuseLocked(doc: Y.Doc, clauseIds: Iterable<string>): void {
  const locked = lockedClauseIds(doc)
  const hit = [...clauseIds].filter((id) => locked.has(id))
  if (hit.length > 0) throw new AppError(409, 'clause_locked', 'Agreed language is locked: the chair or the secretariat reopens the clause first.', { clauses: hit })
}

/** What a change of the text may not touch in a locked clause (its renumbering and status are not its text). */
const TEXT_CHANGES = new Set(['removed', 'moved', 'heading', 'body', 'suggestions'])

/**
 * Refuses (409 `clause_locked`) a server-side rewrite, tried first on a copy of the live document,
 * that would change the text of, move or remove a locked clause.
 */
export function refuseLockedRewrite(doc: Y.Doc, rewrite: (copy: Y.Doc) => void): void {
  const locked = lockedClauseIds(doc)
  if (locked.size === 0) return
  const copy = new Y.Doc()
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
    const before: ClauseSnapshot[] = clauseSnapshots(doc)
    rewrite(copy)
    const touched = diffClauses(before, clauseSnapshots(copy)).clauses.filter((c) => c.changes.some((k) => TEXT_CHANGES.has(k)))
    refuseLocked(doc, touched.map((c) => c.id).filter((id) => locked.has(id)))
  } finally {
    copy.destroy()
  }
}

/** The clauses' statuses now, to keep across a rewrite that copies statuses (a restore): statuses have owners. */
export function statusesOf(doc: Y.Doc): Map<string, unknown> {
  return new Map([...clausesMap(doc).entries()].map(([id, clause]) => [id, clause instanceof Y.Map ? clause.get(ClauseKey.status) : undefined]))
}

/** Puts back the statuses of `before`; a clause brought back by the rewrite is never agreed language by it (under discussion instead). */
export function keepStatuses(doc: Y.Doc, before: ReadonlyMap<string, unknown>): void {
  for (const [id, clause] of clausesMap(doc).entries()) {
    if (!(clause instanceof Y.Map)) continue
    const now = clause.get(ClauseKey.status)
    const kept = before.has(id) ? before.get(id) : isLockedStatus(now) ? 'under-discussion' : now
    if (kept !== undefined && kept !== now) clause.set(ClauseKey.status, kept)
  }
}
