import { generateKeyBetween } from 'fractional-indexing'
import * as Y from 'yjs'
import type { ClauseInput } from './ydoc'
import { clausesMap, insertClause } from './ydoc'
import { ClauseKey, type ClauseStatus } from './format'
import { compareClauses } from './numbering'

/** Origin of the local user's structural edits (add, move, delete, status): tracked by their undo. */
export const LOCAL_ORIGIN = Symbol('provisio-local')

interface Placed {
  readonly id: string
  readonly position: string
}

/** The clauses' ids and positions in document order. */
export function orderedPositions(doc: Y.Doc): Placed[] {
  const placed: Placed[] = []
  for (const [id, clause] of clausesMap(doc).entries()) {
    const position = clause.get(ClauseKey.position)
    placed.push({ id, position: typeof position === 'string' ? position : '' })
  }
  return placed.sort(compareClauses)
}

/**
 * A position for a clause placed at `index` of `order` (the other clauses, in order). Neighbours may
 * share a position (concurrent inserts at one spot, ordered by id): then the new clause goes just
 * after the tied group, before the next distinct position.
 */
export function positionAt(order: readonly Placed[], index: number): string {
  const before = order[index - 1]?.position ?? null
  const after = order.slice(index).find((c) => before === null || c.position > before)?.position ?? null
  return generateKeyBetween(before, after)
}

/** Inserts a new clause at `index` in document order (0 = first); returns its id. */
export function addClauseAt(doc: Y.Doc, index: number, input: ClauseInput, origin: unknown = LOCAL_ORIGIN): string {
  const position = positionAt(orderedPositions(doc), index)
  let id = ''
  doc.transact(() => {
    id = insertClause(doc, input, position)
  }, origin)
  return id
}

/**
 * Moves a clause so that it sits at `toIndex` of the order without it. Only its `position` changes,
 * so concurrent moves of the same clause converge (last writer wins) with no duplicate.
 */
export function moveClause(doc: Y.Doc, clauseId: string, toIndex: number, origin: unknown = LOCAL_ORIGIN): void {
  const clause = clausesMap(doc).get(clauseId)
  if (!clause) return
  const others = orderedPositions(doc).filter((c) => c.id !== clauseId)
  const position = positionAt(others, Math.max(0, Math.min(toIndex, others.length)))
  doc.transact(() => clause.set(ClauseKey.position, position), origin)
}

export function deleteClause(doc: Y.Doc, clauseId: string, origin: unknown = LOCAL_ORIGIN): void {
  doc.transact(() => clausesMap(doc).delete(clauseId), origin)
}

export function setClauseStatus(doc: Y.Doc, clauseId: string, status: ClauseStatus, origin: unknown = LOCAL_ORIGIN): void {
  const clause = clausesMap(doc).get(clauseId)
  if (clause) doc.transact(() => clause.set(ClauseKey.status, status), origin)
}

/**
 * Turns an edit of a plain string (an input's old and new value) into the smallest Y.Text
 * delete/insert, so concurrent edits elsewhere in the heading survive.
 */
export function applyTextEdit(text: Y.Text, next: string, origin: unknown = LOCAL_ORIGIN): void {
  const current = text.toString()
  if (current === next) return
  let start = 0
  while (start < current.length && start < next.length && current[start] === next[start]) start++
  let endCurrent = current.length
  let endNext = next.length
  while (endCurrent > start && endNext > start && current[endCurrent - 1] === next[endNext - 1]) {
    endCurrent--
    endNext--
  }
  text.doc?.transact(() => {
    if (endCurrent > start) text.delete(start, endCurrent - start)
    if (endNext > start) text.insert(start, next.slice(start, endNext))
  }, origin)
}
