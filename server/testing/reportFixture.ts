import type { ReportInput } from '../../shared/report/types'
import { addClauseAt, deleteClause } from '../../shared/draft/clauseOps'
import { readClauses } from '../../shared/draft/ydoc'
import { recordPosition } from '../services/positions'
import { saveRevision, revisionOnRound } from '../services/revisions'
import { closeCommentRound, openCommentRound } from '../services/rounds'
import { applyProposal, declineProposal } from '../services/proposals'
import { createThread, deleteComment, editComment, reply } from '../services/threads'
import { buildDraft } from './factories'
import { newServerWithGroup } from './newServer'
import { waitFor } from './waitFor'

/** Waits until the clock has passed `iso`, so "up to revision N" never ties with what follows it. */
const after = (iso: string) => waitFor(() => Date.now() > Date.parse(iso), { interval: 1, message: 'the next millisecond' })

/** What a comment may hold that must come out inert and intact in every format. */
export const INJECTION = '<script>alert("x")</script> & "quotes" \'single\' *stars* _under_ [link](javascript:x) # not a heading | pipe'

export const FIXTURE_CLAUSES = [
  { id: 'pre', kind: 'preamble' as const, heading: 'Preamble', text: 'The States taking part in these provisions,\nHave agreed as follows:' },
  {
    id: 'terms',
    kind: 'article' as const,
    heading: 'Use of terms',
    text: 'For the purposes of these provisions:\n(a) "computer system" means any device that processes data;\n(b) "[traffic data]" means data relating to a communication.',
  },
  { id: 'assist', kind: 'article' as const, heading: 'Mutual assistance', text: 'Each State shall afford the widest measure of mutual assistance.' },
  { id: 'extra', kind: 'article' as const, heading: 'Extradition', text: 'Offences under these provisions shall be extraditable offences.' },
  { id: 'final', kind: 'article' as const, heading: 'Final provisions', text: 'These provisions [shall] enter into force on adoption.' },
]

/**
 * A draft with a full comment round behind it, through the real services: revision 1 (the
 * rapporteur's draft), revision 2 (the round opened), comments, replies, an edit, a deletion,
 * proposals applied, declined and pending, positions, clauses deleted and added, then revision 3
 * (the round closed); and one thread after the round, which a report of that round leaves out.
 */
export async function reportFixture() {
  const t = await newServerWithGroup()
  const ctx = t.server.ctx
  const { rapporteur, secretariat, kenya, japan } = t.users
  let draft = await buildDraft(t.storage, rapporteur, { title: 'Model provisions on cooperation against cybercrime', clauses: FIXTURE_CLAUSES })
  await after((await saveRevision(ctx, draft, rapporteur, 'Rapporteur’s draft, 5 April 2026')).createdAt)
  const deadline = new Date(Date.now() + 86_400_000).toISOString()
  const round = await openCommentRound(ctx, draft, secretariat, 'First reading', deadline, revisionOnRound)
  draft = (await t.storage.getDraft(draft.id)) ?? draft

  const kenyaProposal = await createThread(ctx, draft, kenya, {
    clauseId: 'assist',
    body: 'Kenya proposes to speak of mutual legal assistance.',
    proposal: { text: 'Each State shall afford the widest measure of mutual legal assistance.' },
  })
  await reply(ctx, draft, (await t.storage.threads.getThread(kenyaProposal.id))!, japan, 'Japan supports the proposal of Kenya.')
  const japanProposal = await createThread(ctx, draft, japan, {
    clauseId: 'terms',
    body: 'Japan would define computer data as well.',
    proposal: { text: 'For the purposes of these provisions, "computer data" means any representation of facts.' },
  })
  const injected = await createThread(ctx, draft, kenya, { clauseId: 'extra', body: 'First wording, later edited.' })
  const injectedThread = (await t.storage.threads.getThread(injected.id))!
  await editComment(ctx, draft, injectedThread, (await t.storage.threads.getComment(injected.comments[0]!.id))!, kenya, INJECTION)
  await reply(ctx, draft, injectedThread, rapporteur, 'The rapporteur notes the concern & will reflect it.')
  const removed = await createThread(ctx, draft, japan, { clauseId: 'extra', body: 'A comment Japan withdrew.' })
  await deleteComment(ctx, draft, (await t.storage.threads.getThread(removed.id))!, (await t.storage.threads.getComment(removed.comments[0]!.id))!, japan)
  const pending = await createThread(ctx, draft, kenya, { clauseId: 'final', body: 'Kenya asks to keep the entry into force open.', proposal: { text: 'These provisions enter into force on a date to be agreed.' } })
  await recordPosition(ctx, draft, kenya, 'assist', 'support', null)
  await recordPosition(ctx, draft, japan, 'terms', 'reservation', 'Pending domestic consultation & review <b>.')

  await applyProposal(ctx, draft, (await t.storage.threads.getThread(kenyaProposal.id))!, rapporteur)
  await declineProposal(ctx, draft, (await t.storage.threads.getThread(japanProposal.id))!, rapporteur, 'The definition of computer data is left to national law.')
  // The rapporteur drops the final provisions and adds a review clause.
  await ctx.collab.withDoc(draft.id, (doc) => {
    deleteClause(doc, 'final')
    addClauseAt(doc, readClauses(doc).length, { id: 'review', kind: 'article', heading: 'Review', text: 'The Working Group shall review these provisions.' })
  })
  const roundRecord = (await t.storage.threads.getRound(round.id))!
  await closeCommentRound(ctx, draft, roundRecord, secretariat, revisionOnRound)
  draft = (await t.storage.getDraft(draft.id)) ?? draft
  await after((await t.storage.revisions.getRevision(draft.id, 3))?.createdAt ?? '')
  const outside = await createThread(ctx, draft, kenya, { clauseId: 'terms', body: 'A comment after the round closed.' })

  const input: ReportInput = {
    title: 'Report of the Rapporteur on the first reading',
    session: '57th session',
    place: 'Tokyo',
    date: '2026-11-30',
    sections: [{ heading: 'Introduction', body: 'The **Working Group** met in *Tokyo*.\n\nIt considered the comments received.' }],
    baseRevision: 3,
    compareTo: 1,
    rounds: [round.id],
  }
  return { ...t, draft, round, input, threads: { kenyaProposal, japanProposal, injected, removed, pending, outside } }
}
