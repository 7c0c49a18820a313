/**
 * For the minutes' tests: a real draft (through the test server and the revision service) with a
 * revision before the meeting and one at its close, the word "legal" inserted in between, statements
 * on record inside and outside the meeting, and a hand-built MeetingView of that meeting.
 */
import * as Y from 'yjs'
import { setClauseStatus } from '../../../shared/draft/clauseOps'
import { clausesMap } from '../../../shared/draft/ydoc'
import type { DecisionView, MeetingPerson, MeetingView } from '../../../shared/meetingApi'
import { saveRevision } from '../../services/revisions'
import { buildDraft } from '../../testing/factories'
import { newServerWithGroup } from '../../testing/newServer'

export const MINUTES_CLAUSES = [
  { id: 'pre', kind: 'preamble' as const, heading: 'Preamble', text: 'The States taking part in these provisions,\nHave agreed as follows:' },
  { id: 'scope', kind: 'article' as const, heading: 'Scope', text: 'These provisions apply to [serious] offences committed by means of a computer system.' },
  { id: 'assist', kind: 'article' as const, heading: 'Mutual assistance', text: 'Each State shall afford the widest measure of mutual assistance.\n(a) on request;\n(b) without undue delay.' },
  { id: 'data', kind: 'article' as const, heading: 'Stored data', text: 'Option A: Each State may order the preservation of stored data.\nOption B: Each State shall order the preservation of stored data.' },
  { id: 'final', kind: 'article' as const, heading: 'Final provisions', text: 'These provisions enter into force on adoption.' },
]

export const HOSTILE_TITLE = 'Third meeting <script>alert("x")</script> & co'
export const RESERVATION = 'Kenya reserves its position on paragraph (b) until its capital has been consulted.'
export const EXPLANATION = 'Japan joins the consensus on the text as a whole.'
export const NOTED = 'Kenya’s statement on the delay is noted.'

const at = (hhmm: string) => `2026-11-30T${hhmm}:00.000Z`
export const OPENED_AT = at('09:00')
export const CLOSED_AT = at('12:00')

/** Inserts `word ` before `before` in the first paragraph of the clause. */
export function insertWord(doc: Y.Doc, clauseId: string, before: string, word: string): void {
  const body = clausesMap(doc).get(clauseId)?.get('body')
  const paragraph = body instanceof Y.XmlFragment ? body.get(0) : null
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
  if (!(text instanceof Y.XmlText)) throw new Error(`no first paragraph in ${clauseId}`)
  const index = text.toJSON().indexOf(before)
  if (index < 0) throw new Error(`"${before}" not in ${clauseId}`)
  text.insert(index, `${word} `)
}

export async function minutesFixture(options: { openRevision?: 'saved' | 'none' } = {}) {
  const t = await newServerWithGroup()
  const ctx = t.server.ctx
  const { chair, secretariat, kenya, japan } = t.users
  const draft = await buildDraft(t.storage, t.users.rapporteur, { title: 'Model provisions on cooperation against cybercrime', clauses: MINUTES_CLAUSES })
  const open = options.openRevision === 'none' ? null : await saveRevision(ctx, draft, chair, 'Before the meeting')
  // During the meeting: "legal" goes in on screen, and Article 1 is agreed.
  await ctx.collab.withDoc(draft.id, (doc) => {
    insertWord(doc, 'assist', 'assistance', 'legal')
    setClauseStatus(doc, 'scope', 'agreed')
  })
  const close = await saveRevision(ctx, draft, chair, `Text at the close of ${HOSTILE_TITLE}`)

  const statement = { draftId: draft.id }
  await t.storage.agreement.addStatement({ ...statement, id: 'st-before', clauseId: 'assist', kind: 'explanation', stateCode: 'KEN', userId: kenya.id, text: 'Said before the meeting opened.', at: at('08:30') })
  await t.storage.agreement.addStatement({ ...statement, id: 'st-res', clauseId: 'assist', kind: 'reservation', stateCode: 'KEN', userId: kenya.id, text: RESERVATION, at: at('10:35') })
  await t.storage.agreement.addStatement({ ...statement, id: 'st-exp', clauseId: null, kind: 'explanation', stateCode: 'JPN', userId: japan.id, text: EXPLANATION, at: at('11:05') })
  await t.storage.agreement.addStatement({ ...statement, id: 'st-after', clauseId: 'scope', kind: 'dissociation', stateCode: 'JPN', userId: japan.id, text: 'Said after the meeting closed.', at: at('12:30') })

  const person = (u: { id: string; displayName: string }): MeetingPerson => ({ userId: u.id, name: u.displayName })
  const byChair = person(chair)
  const revision = open?.number ?? 0
  const decision = (seq: number, clauseId: string, clauseLabel: string, kind: DecisionView['kind'], time: string, extra: Partial<DecisionView> = {}): DecisionView => ({
    id: `dec-${seq}`,
    seq,
    clauseId,
    clauseLabel,
    kind,
    state: null,
    note: null,
    status: null,
    revision,
    text: '',
    by: byChair,
    at: at(time),
    ...extra,
  })
  const meeting: MeetingView = {
    id: 'meeting-1',
    draftId: draft.id,
    title: HOSTILE_TITLE,
    place: 'New Delhi',
    date: '2026-11-30',
    status: 'closed',
    openedBy: byChair,
    openedAt: OPENED_AT,
    closedAt: CLOSED_AT,
    openRevision: revision,
    closeRevision: close.number,
    screen: null,
    // Article 2 first, then Article 1, Article 2 again, the preamble last.
    screenLog: [
      { clauseId: 'assist', at: at('09:10'), by: chair.id },
      { clauseId: 'scope', at: at('09:40'), by: chair.id },
      { clauseId: 'assist', at: at('10:20'), by: chair.id },
      { clauseId: 'pre', at: at('11:00'), by: chair.id },
    ],
    speaker: null,
    floor: [],
    speakers: [
      { state: 'JPN', user: person(japan), clauseId: 'assist', since: at('09:12') },
      { state: 'KEN', user: person(kenya), clauseId: 'scope', since: at('09:45') },
      { state: 'KEN', user: person(kenya), clauseId: 'assist', since: at('10:25') },
      { state: 'IND', user: null, clauseId: 'assist', since: at('10:28') },
    ],
    decisions: [
      decision(1, 'assist', 'Article 2', 'kept-in-brackets', '09:20'),
      decision(2, 'scope', 'Article 1', 'agreed', '09:50', { status: 'agreed' }),
      decision(3, 'assist', 'Article 2', 'agreed-ad-referendum', '10:30', { state: 'JPN', status: 'agreed-ad-referendum' }),
      decision(4, 'assist', 'Article 2', 'statement-noted', '10:40', { state: 'KEN', note: NOTED, by: person(secretariat) }),
      // Never put on screen: a status changed through the clause routes, and a deferral.
      decision(5, 'final', 'Article 4', 'status', '11:10', { status: 'under-discussion' }),
      decision(6, 'data', 'Article 3', 'deferred', '11:20'),
    ],
    attendance: [
      { state: 'KEN', present: true, source: 'sign-in', delegates: [person(kenya)], since: at('09:01') },
      { state: 'JPN', present: true, source: 'sign-in', delegates: [person(japan)], since: at('09:02') },
      { state: 'IND', present: true, source: 'secretariat', delegates: [], since: at('09:05') },
      // Signed in, then corrected to absent by the secretariat.
      { state: 'EGY', present: false, source: 'secretariat', delegates: [], since: at('09:30') },
    ],
  }
  return { ...t, ctx, draft, meeting, openRevision: open, closeRevision: close }
}
