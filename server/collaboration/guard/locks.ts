import * as Y from 'yjs'
import { CLAUSES_MAP, ClauseKey, isLockedStatus } from '../../../shared/draft/format'
import type { DraftDelta } from './changes'

/** The clauses a transaction touched that were agreed language (agreed ad referendum, agreed, adopted) before it, and after it. */
export interface ClauseLocks {
  readonly before: ReadonlySet<string>
  readonly after: ReadonlySet<string>
}
export const NOTHING_LOCKED: ClauseLocks = { before: new Set(), after: new Set() }

const createdIn = (tr: Y.Transaction, item: Y.Item): boolean => item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0)

/** The item a map key held before the transaction: the newest one not created by it, if it was live then. */
function itemBefore(tr: Y.Transaction, map: { readonly _map: Map<string, Y.Item> }, key: string): Y.Item | null {
  let item: Y.Item | null = map._map.get(key) ?? null
  while (item && createdIn(tr, item)) item = item.left
  if (!item) return null
  // Deleted before this transaction (not by it): the key held nothing then.
  return item.deleted && !Y.isDeleted(tr.deleteSet, item.id) ? null : item
}

const lastValue = (item: Y.Item | null): unknown => {
  const values = item ? item.content.getContent() : []
  return values[values.length - 1]
}

/**
 * Which clauses the transaction touched were locked before it, read from the items it replaced (a
 * status set now leaves the old value as its left neighbour), and which are locked now. Call it in
 * 'afterTransaction', before garbage collection drops the replaced items' content.
 */
export function clauseLocks(doc: Y.Doc, tr: Y.Transaction, delta: DraftDelta): ClauseLocks {
  const clauses = doc.getMap(CLAUSES_MAP)
  const before = new Set<string>()
  const after = new Set<string>()
  for (const clauseId of delta.clauses.keys()) {
    const entry = itemBefore(tr, clauses, clauseId)
    const map = entry?.content instanceof Y.ContentType ? entry.content.type : null
    if (map && isLockedStatus(lastValue(itemBefore(tr, map, ClauseKey.status)))) before.add(clauseId)
    const now = clauses.get(clauseId)
    if (now instanceof Y.Map && isLockedStatus(now.get(ClauseKey.status))) after.add(clauseId)
  }
  return { before, after }
}
