import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addClauseAt, moveClause, setClauseStatus } from '../../../shared/draft/clauseOps'
import { CLAUSES_MAP, ClauseKey, type ClauseStatus } from '../../../shared/draft/format'
import { type DraftDelta, analyzeTransaction } from './changes'
import { type ClauseLocks, clauseLocks } from './locks'
import { type Actor, judge } from './rules'
import { bodyText, replicaOf, sampleDraft, suggestion, updateOf } from './testDocs'

const kenya: Actor = { userId: 'u-ken', stateCode: 'KEN', access: 'write', mayDecide: false, mayRename: false, mayAddRemove: false }
const kenyaSuggesting: Actor = { ...kenya, access: 'suggest' }
const rapporteur: Actor = { userId: 'u-rap', stateCode: null, access: 'write', mayDecide: true, mayRename: true, mayAddRemove: true }
const chair: Actor = { ...rapporteur, userId: 'u-chair', mayRename: false }

/** Sample draft with Article 1 at `status` (set as the server sets it). */
function draftWith(status: ClauseStatus): Y.Doc {
  const doc = sampleDraft()
  doc.getMap<Y.Map<unknown>>(CLAUSES_MAP).get('art1')?.set(ClauseKey.status, status)
  return doc
}

/** The delta and locks the guard reads for `edit`, applied to a copy of `doc`. */
function read(doc: Y.Doc, edit: (replica: Y.Doc) => void): { delta: DraftDelta; locks: ClauseLocks } {
  const update = updateOf(doc, edit)
  const copy = replicaOf(doc)
  const seen: { found: { delta: DraftDelta; locks: ClauseLocks } | null } = { found: null }
  copy.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.origin !== 'probe') return
    const delta = analyzeTransaction(copy, tr)
    seen.found = { delta, locks: clauseLocks(copy, tr, delta) }
  })
  Y.applyUpdate(copy, update, 'probe')
  if (!seen.found) throw new Error('no transaction')
  return seen.found
}

const verdict = (doc: Y.Doc, actor: Actor, edit: (replica: Y.Doc) => void): string | null => {
  const { delta, locks } = read(doc, edit)
  return judge(delta, actor, locks)
}

describe('agreed language in the draft guard', () => {
  it.each(['agreed-ad-referendum', 'agreed', 'adopted'] as const)('refuses every change to a clause %s, by anyone, even as a suggestion', (status) => {
    const doc = draftWith(status)
    for (const actor of [kenya, rapporteur, chair]) {
      expect(verdict(doc, actor, (d) => bodyText(d, 'art1').insert(0, 'All ')), actor.userId).toMatch(/agreed language/)
      expect(verdict(doc, actor, (d) => bodyText(d, 'art1').format(0, 5, { bold: true }))).toMatch(/agreed language/)
      expect(verdict(doc, actor, (d) => (d.getMap<Y.Map<unknown>>(CLAUSES_MAP).get('art1')?.get(ClauseKey.heading) as Y.Text).insert(0, 'X'))).toMatch(/agreed language/)
      expect(verdict(doc, actor, (d) => moveClause(d, 'art1', 2))).toMatch(/agreed language/)
    }
    expect(verdict(doc, rapporteur, (d) => d.getMap(CLAUSES_MAP).delete('art1'))).toMatch(/agreed language/)
    expect(verdict(doc, kenyaSuggesting, (d) => bodyText(d, 'art1').insert(0, 'All ', { insertion: suggestion('u-ken', 'KEN', 'k1') }))).toMatch(/agreed language/)
    // The other clauses stay open.
    expect(verdict(doc, kenya, (d) => bodyText(d, 'art2').insert(0, 'Each '))).toBeNull()
  })

  it('leaves an unlocked clause to its writers, and a clause under discussion or proposed is not locked', () => {
    for (const status of ['proposed', 'under-discussion'] as const) {
      expect(verdict(draftWith(status), kenya, (d) => bodyText(d, 'art1').insert(0, 'All '))).toBeNull()
    }
  })

  it('refuses a status written by any client, and a clause added as agreed', () => {
    const doc = sampleDraft()
    for (const actor of [kenya, rapporteur, chair]) expect(verdict(doc, actor, (d) => setClauseStatus(d, 'art1', 'agreed'))).toMatch(/status/)
    expect(verdict(draftWith('agreed'), chair, (d) => setClauseStatus(d, 'art1', 'under-discussion'))).toMatch(/agreed language/)
    expect(verdict(doc, rapporteur, (d) => addClauseAt(d, 1, { kind: 'article', heading: 'New', text: 'x', status: 'agreed' }))).toMatch(/added as agreed/)
    expect(verdict(doc, rapporteur, (d) => addClauseAt(d, 1, { kind: 'article', heading: 'New', text: 'x' }))).toBeNull()
  })

  it('lets only the rapporteur, the chair and the secretariat add and delete clauses', () => {
    const doc = sampleDraft()
    expect(verdict(doc, kenya, (d) => addClauseAt(d, 1, { kind: 'article', heading: 'New', text: 'x' }))).toMatch(/clause added/)
    expect(verdict(doc, kenya, (d) => d.getMap(CLAUSES_MAP).delete('art2'))).toMatch(/clause deleted/)
    expect(verdict(doc, chair, (d) => d.getMap(CLAUSES_MAP).delete('art2'))).toBeNull()
  })
})
