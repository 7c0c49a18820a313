import * as Y from 'yjs'
import { ClauseKey } from '../../shared/draft/format'
import { clausesMap } from '../../shared/draft/ydoc'
import type { SuggestionChange } from './guard/suggestionChanges'

/** What one transaction did to one clause entry of the root map 'clauses'. */
export type ClauseChangeKind = 'added' | 'deleted' | 'edited' | 'status'

export interface ClauseChange {
  readonly clauseId: string
  readonly kind: ClauseChangeKind
  /** For 'edited': the clause's fields written (heading, body, position, kind), sorted. */
  readonly fields: readonly string[]
  /** For 'status': the status now. */
  readonly status: string | null
}

/** Who wrote a stored update: the connection's user (or the user a server-side change was made for). */
export interface UpdateAuthor {
  readonly id: string
  readonly stateCode: string | null
}

/** A server-side change's account of itself: the decision it carries out (its fate and reason win over the one read from the marks). */
export interface ChangeNote {
  /** The suggestions the decision is about (one, or all of a State or of a clause). */
  readonly suggestionIds: readonly string[]
  readonly fate: 'accepted' | 'rejected' | 'withdrawn'
  readonly reason: string | null
}

/** Where a room reports, once an update is stored, what it did to the clauses and suggestions, and who wrote it. */
export interface ClauseHistorySink {
  record(draftId: string, author: UpdateAuthor, updateId: number, changes: readonly ClauseChange[], suggestions?: readonly SuggestionChange[], note?: ChangeNote | null): void
}

const createdIn = (tr: Y.Transaction, item: Y.Item): boolean => item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0)

/**
 * The clause entries a transaction touched, read from Yjs's own record of the types it changed (the
 * parents of its new and deleted structs): entries created or deleted in the 'clauses' map, a status
 * set, and the fields written under a clause (its heading's text, its body's nodes, its position).
 * Changes inside a clause created or deleted by the same transaction are that creation or deletion.
 */
export function clauseChanges(doc: Y.Doc, tr: Y.Transaction): ClauseChange[] {
  const clauses = clausesMap(doc)
  const isClauses = (type: unknown): boolean => type === clauses
  const whole = new Map<string, 'added' | 'deleted'>()
  const clauseKeys = [...tr.changed].find(([type]) => isClauses(type))?.[1] ?? []
  for (const key of clauseKeys) {
    const item = key === null ? undefined : clauses._map.get(key)
    if (!item || key === null) continue
    const created = createdIn(tr, item)
    if (item.deleted && !created) whole.set(key, 'deleted')
    else if (!item.deleted && created) whole.set(key, 'added')
  }
  const fields = new Map<string, Set<string>>()
  const touch = (clauseId: string, field: string) => {
    if (whole.has(clauseId)) return
    const set = fields.get(clauseId) ?? new Set<string>()
    set.add(field)
    fields.set(clauseId, set)
  }
  for (const [type, keys] of tr.changed) {
    if (isClauses(type)) continue
    // Climb to the clause map's item (a child of 'clauses'), remembering the field just below it.
    let entry: Y.Item | null = type._item
    let field: string | null = null
    while (entry && !isClauses(entry.parent)) {
      field = entry.parentSub ?? field
      const parent = entry.parent
      entry = parent instanceof Y.AbstractType ? parent._item : null
    }
    if (!entry || entry.deleted || typeof entry.parentSub !== 'string') continue
    const clauseId = entry.parentSub
    if (entry === type._item) for (const key of keys) touch(clauseId, key ?? 'body')
    else touch(clauseId, field ?? 'body')
  }
  const changes: ClauseChange[] = [...whole].map(([clauseId, kind]) => ({ clauseId, kind, fields: [], status: null }))
  for (const [clauseId, set] of fields) {
    if (set.delete(ClauseKey.status)) {
      const status = clauses.get(clauseId)?.get(ClauseKey.status)
      changes.push({ clauseId, kind: 'status', fields: [], status: typeof status === 'string' ? status : null })
    }
    if (set.size > 0) changes.push({ clauseId, kind: 'edited', fields: [...set].sort(), status: null })
  }
  return changes
}
