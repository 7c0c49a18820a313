import * as Y from 'yjs'
import { CLAUSES_MAP, ClauseKey, DRAFT_MAP } from '../../../shared/draft/format'
import { type Reformat, type TextRun, textChanges } from './textRuns'

/** A field of a clause map; 'other' for keys outside the format (the format inspector refuses them). */
export type ClauseField = 'position' | 'kind' | 'status' | 'heading' | 'body' | 'other'
const FIELDS: readonly string[] = [ClauseKey.position, ClauseKey.kind, ClauseKey.status, ClauseKey.heading, ClauseKey.body]

/** What one transaction did to one clause. */
export interface ClauseDelta {
  readonly clauseId: string
  /** The clause entry was created (or replaced by a new map). */
  created: boolean
  /** The clause entry that existed before was deleted (or replaced). */
  removed: boolean
  /** Keys of the clause map set or deleted (a new heading or body type counts as that field). */
  readonly fields: Set<ClauseField>
  /** The heading's text changed. */
  heading: boolean
  /** Body nodes added or removed, element attributes set, or content other than text and marks. */
  structure: boolean
  /** Body text added, with its marks after the change. */
  readonly inserted: TextRun[]
  /** Body text removed, with its marks before the change. */
  readonly deleted: TextRun[]
  /** Body text kept whose marks changed. */
  readonly reformatted: Reformat[]
}

/** What one transaction changed in a draft, read from Yjs's record of it (see analyzeTransaction). */
export interface DraftDelta {
  /** Keys of the root map 'draft' set or deleted. */
  readonly draftKeys: Set<string>
  readonly clauses: Map<string, ClauseDelta>
  /** Something outside the two root maps of the format changed. */
  elsewhere: boolean
}

type Place = { readonly at: 'draft'; readonly key: string } | { readonly at: 'clause'; readonly clauseId: string; readonly field: string | null; readonly text: Y.XmlText | null } | { readonly at: 'elsewhere' }

const createdIn = (tr: Y.Transaction, struct: Y.AbstractStruct): boolean => struct.id.clock >= (tr.beforeState.get(struct.id.client) ?? 0)

/**
 * Every change of one transaction, by place: the new structs (from the transaction's before and
 * after state vectors) and the deleted ones (its delete set), each climbed to its root to find the
 * clause and field it belongs to. Call it in 'afterTransaction' (before garbage collection drops the
 * deleted items' content). Exact: what it reports is what the transaction did, no more, no less.
 */
export function analyzeTransaction(doc: Y.Doc, tr: Y.Transaction): DraftDelta {
  const draft = doc.getMap(DRAFT_MAP)
  const clauses = doc.getMap(CLAUSES_MAP)
  const delta: DraftDelta = { draftKeys: new Set(), clauses: new Map(), elsewhere: false }
  const clause = (clauseId: string): ClauseDelta => {
    let found = delta.clauses.get(clauseId)
    if (!found) {
      found = { clauseId, created: false, removed: false, fields: new Set(), heading: false, structure: false, inserted: [], deleted: [], reformatted: [] }
      delta.clauses.set(clauseId, found)
    }
    return found
  }
  const places = new Map<Y.AbstractType<unknown>, Place>()
  const texts = new Map<Y.XmlText, ClauseDelta>()

  /** Where a type sits: climbed once per type (the items of one paragraph share their climb). */
  const placeOfType = (type: Y.AbstractType<unknown>): Place => {
    const known = places.get(type)
    if (known) return known
    let place: Place
    const item = type._item
    if (!item) place = { at: 'elsewhere' } // a root type: draft and clauses are handled by their items
    else if (item.parent === clauses && typeof item.parentSub === 'string') place = { at: 'clause', clauseId: item.parentSub, field: null, text: null }
    else if (!(item.parent instanceof Y.AbstractType)) place = { at: 'elsewhere' }
    else {
      const above = placeOfType(item.parent)
      if (above.at !== 'clause') place = above.at === 'draft' ? { at: 'elsewhere' } : above
      else place = { ...above, field: above.field ?? item.parentSub ?? 'other', text: type instanceof Y.XmlText ? type : above.text }
    }
    places.set(type, place)
    return place
  }

  const record = (item: Y.Item, removed: boolean): void => {
    const parent = item.parent
    if (!(parent instanceof Y.AbstractType)) {
      delta.elsewhere = true
    } else if (parent === draft) {
      if (typeof item.parentSub === 'string') delta.draftKeys.add(item.parentSub)
      else delta.elsewhere = true
    } else if (parent === clauses) {
      if (typeof item.parentSub !== 'string') delta.elsewhere = true
      else if (removed) clause(item.parentSub).removed = true
      else clause(item.parentSub).created = true
    } else {
      const place = placeOfType(parent)
      if (place.at !== 'clause') delta.elsewhere = true
      else recordInClause(clause(place.clauseId), place, item)
    }
  }
  /** An item under a clause: a key of its map, its heading's text, or its body's text, marks or nodes. */
  const recordInClause = (entry: ClauseDelta, place: Extract<Place, { at: 'clause' }>, item: Y.Item): void => {
    if (place.field === null) {
      const key = item.parentSub ?? 'other'
      entry.fields.add((FIELDS.includes(key) ? key : 'other') as ClauseField)
    } else if (place.field === ClauseKey.heading) entry.heading = true
    else if (place.field !== ClauseKey.body) entry.fields.add('other')
    else if (place.text && item.parentSub === null && (item.content instanceof Y.ContentString || item.content instanceof Y.ContentFormat)) texts.set(place.text, entry)
    else entry.structure = true
  }

  // New structs: from each client's clock before the transaction to its clock after.
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0
    if (after <= before) continue
    const structs = doc.store.clients.get(client) ?? []
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]
      if (!struct || struct.id.clock >= after) break
      if (struct instanceof Y.Item && !struct.deleted) record(struct, false)
    }
  }
  // Deleted structs that existed before the transaction (what it created and deleted again did nothing).
  const deletedNow = new Set<Y.Item>()
  Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
    if (!(struct instanceof Y.Item) || createdIn(tr, struct)) return
    deletedNow.add(struct)
    record(struct, true)
  })
  for (const [text, entry] of texts) {
    const { inserted, deleted, reformatted } = textChanges(text, tr, deletedNow)
    entry.inserted.push(...inserted)
    entry.deleted.push(...deleted)
    entry.reformatted.push(...reformatted)
  }
  return delta
}
