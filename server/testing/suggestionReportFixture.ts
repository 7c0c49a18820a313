import * as Y from 'yjs'
import type { SuggestionAttrs } from '../../shared/draft/suggestions'
import { clausesMap } from '../../shared/draft/ydoc'
import type { ReportInput } from '../../shared/report/types'
import { saveRevision } from '../services/revisions'
import type { User } from '../storage/Storage'
import { buildDraft } from './factories'
import { newServerWithGroup } from './newServer'
import { waitFor } from './waitFor'

/** Waits until the clock has passed `iso`, so "up to revision N" never ties with what follows it. */
const after = (iso: string) => waitFor(() => Date.now() > Date.parse(iso), { interval: 1, message: 'the next millisecond' })

const CLAUSES = [
  { id: 'terms', kind: 'article' as const, heading: 'Use of terms', text: 'For these provisions:\n(a) "data" means any [record] of facts;\n(b) "system" means a device.' },
  { id: 'assist', kind: 'article' as const, heading: 'Mutual assistance', text: 'Each State shall afford the widest measure of assistance.' },
  { id: 'extra', kind: 'article' as const, heading: 'Extradition', text: 'Offences under these provisions shall be extraditable.' },
]

/** The clause's paragraphs' texts, in order. */
function texts(doc: Y.Doc, clauseId: string): Y.XmlText[] {
  const walk = (node: Y.XmlFragment | Y.XmlElement): Y.XmlText[] => node.toArray().flatMap((c) => (c instanceof Y.XmlText ? [c] : c instanceof Y.XmlElement ? walk(c) : []))
  return walk(clausesMap(doc).get(clauseId)?.get('body') as Y.XmlFragment)
}

/**
 * A draft whose revision 2 holds open suggestions (Kenya inserts and replaces, Japan strikes) on top
 * of a direct change since revision 1, with three suggestions decided in between (accepted,
 * rejected with a reason, withdrawn) and one decided after revision 2, which the report leaves out.
 */
export async function suggestionReportFixture() {
  const t = await newServerWithGroup()
  const ctx = t.server.ctx
  const { rapporteur, kenya, japan } = t.users
  const draft = await buildDraft(t.storage, rapporteur, { title: 'Model provisions with suggestions', clauses: CLAUSES })
  await after((await saveRevision(ctx, draft, rapporteur, 'First draft')).createdAt)
  const mark = (user: User, id: string): SuggestionAttrs => ({ id, user: user.id, name: user.displayName, state: user.stateCode, at: new Date().toISOString() })
  const marks = { kenyaInsert: mark(kenya, 'sugKenyaIns'), kenyaReplace: mark(kenya, 'sugKenyaRep'), japanDelete: mark(japan, 'sugJapanDel') }
  await ctx.collab.withDoc(draft.id, (doc) => {
    const [assist] = texts(doc, 'assist')
    // The rapporteur's direct change since revision 1, then Kenya's suggestion beside it.
    assist?.insert('Each State shall afford the widest measure of '.length, 'mutual ')
    assist?.insert('Each State shall '.length, 'promptly ', { insertion: marks.kenyaInsert })
    const [, a] = texts(doc, 'terms')
    a?.format('"data" means '.length, 'any'.length, { deletion: marks.kenyaReplace })
    a?.insert('"data" means any'.length, 'a', { insertion: marks.kenyaReplace })
    const [extra] = texts(doc, 'extra')
    extra?.format('Offences '.length, 'under these provisions '.length, { deletion: marks.japanDelete })
  })
  const record = (user: User, id: string, clauseId: string, kind: 'insert' | 'delete' | 'replace', inserted: string, deleted: string) =>
    t.storage.suggestions.upsertOpen({ draftId: draft.id, id, clauseId, kind, userId: user.id, authorName: user.displayName, stateCode: user.stateCode, inserted, deleted, suggestedAt: new Date().toISOString() })
  await record(japan, 'sugJapanAcc', 'assist', 'insert', 'mutual ', '')
  await record(kenya, 'sugKenyaRej', 'extra', 'delete', '', 'shall be extraditable')
  await record(kenya, 'sugKenyaWdn', 'terms', 'insert', 'electronic ', '')
  await record(japan, 'sugJapanLate', 'assist', 'delete', '', 'widest')
  const now = () => new Date().toISOString()
  await t.storage.suggestions.decide(draft.id, 'sugJapanAcc', { status: 'accepted', by: rapporteur.id, at: now(), reason: null })
  await t.storage.suggestions.decide(draft.id, 'sugKenyaRej', { status: 'rejected', by: rapporteur.id, at: now(), reason: 'Extradition is <b>left</b> to treaties & national law.' })
  await t.storage.suggestions.decide(draft.id, 'sugKenyaWdn', { status: 'withdrawn', by: kenya.id, at: now(), reason: null })
  const base = await saveRevision(ctx, draft, rapporteur, 'Second draft')
  await after(base.createdAt)
  await t.storage.suggestions.decide(draft.id, 'sugJapanLate', { status: 'rejected', by: rapporteur.id, at: now(), reason: null })
  const input: ReportInput = { title: 'Report with suggestions', session: null, place: null, date: '2026-12-02', sections: [], baseRevision: 2, compareTo: 1, rounds: null }
  return { ...t, draft, input, marks }
}
