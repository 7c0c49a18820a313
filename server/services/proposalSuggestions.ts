import { type Suggester, type WordingRefusal, suggestBody, suggestLines } from '../../shared/draft/wordingSuggestions'
import { readClauses } from '../../shared/draft/ydoc'
import { can, textAccess } from '../../shared/permissions'
import { resolveSpan } from '../../shared/threads/anchor'
import { pieces } from '../../shared/threads/spanText'
import type { ThreadView } from '../../shared/threadsApi'
import type { AppContext } from '../context'
import { conflict, forbidden } from '../errors'
import type { Draft, User } from '../storage/Storage'
import type { ThreadRecord } from '../storage/threads'
import { audit } from './audit'
import { eventBy, excerpt } from './commenting'
import { readDoc } from './drafts'
import { People } from './people'
import { anchorOf, pendingProposal, stale, wordingIn } from './proposals'
import { clauseBody, publish, threadViewOf } from './threadViews'
import { refuseUnderSilence } from './silence'
import { refuseLocked } from './clauseLocks'

const REFUSED: Readonly<Record<WordingRefusal, string>> = {
  paragraphs: 'This proposal changes the paragraphs; apply it instead (suggestions are changes within paragraphs).',
  brackets: 'This proposal adds or removes brackets around words it keeps; apply it instead (a suggestion cannot say that).',
  overlap: 'This proposal would strike words another open suggestion already strikes, or its selection holds open suggestions: decide those first, or apply it.',
  layout: 'A paragraph this proposal changes holds more than plain text (several runs or a nested list); apply it instead.',
  unchanged: 'This proposal does not change the text as it is now.',
}

type Outcome = { readonly problem: string } | { readonly stale: string } | { readonly ids: readonly string[] }

/**
 * Turns a pending proposal into suggestions by its author: the word changes from the text as it is
 * now (the base text, open suggestions not applied) to the proposed wording, written into the live
 * text as the author's insertion and deletion marks, as a server-side change stored as the author's
 * (so the suggestions record and the history take them as the author's). The rapporteur and the
 * secretariat may (proposal.apply), and the author, while the text is open to it. `expected`: the
 * wording the user saw the diff against; when the text has changed since, 409 proposal_stale.
 */
export async function suggestProposal(ctx: AppContext, draft: Draft, thread: ThreadRecord, user: User, expected?: string): Promise<ThreadView> {
  const decides = can(user.role, 'proposal.apply', draft.phase)
  if (!decides && user.id !== thread.authorId) throw forbidden('Only the rapporteur, the secretariat or its author turns a proposal into suggestions.')
  if (!decides && textAccess(user.role, draft.phase, draft.textMode) === 'read') throw forbidden('The text is read-only.')
  await refuseUnderSilence(ctx, draft.id)
  const proposal = pendingProposal(thread)
  const people = new People(ctx.storage)
  const proposer = await people.get(thread.authorId)
  const by: Suggester = { user: thread.authorId, name: proposer.name, state: thread.authorState, at: ctx.now().toISOString() }
  const anchor = anchorOf(thread)
  const outcome = await ctx.collab.withDoc(draft.id, (doc): Outcome => {
    refuseLocked(doc, [thread.clauseId])
    const body = clauseBody(doc, thread.clauseId)
    if (!body) return { problem: 'The clause no longer exists.' }
    const now = wordingIn(doc, thread.clauseId, anchor)
    if (now.state !== 'ok') return { problem: 'The text this proposal replaces has been removed.' }
    if (expected !== undefined && expected !== now.text) return { stale: now.text }
    let result: readonly string[] | WordingRefusal
    if (!anchor) {
      result = suggestBody(body, proposal.text, by)
    } else {
      const span = resolveSpan(doc, body, anchor)
      if (span.state !== 'ok') return { problem: 'The text this proposal replaces has been removed.' }
      const covered = pieces(span)
      const lines = proposal.text.replace(/\r\n?/g, '\n').split('\n')
      result = lines.length !== covered.length ? 'paragraphs' : suggestLines(covered.map((p, i) => ({ node: p.node, from: p.from, to: p.to, line: lines[i] ?? '', noInsertions: true })), by)
    }
    return typeof result === 'string' ? { problem: REFUSED[result] } : { ids: result }
  }, { id: thread.authorId, stateCode: thread.authorState })
  if ('problem' in outcome) throw conflict(outcome.problem)
  if ('stale' in outcome) throw stale(proposal.base ?? outcome.stale, outcome.stale, proposal.text)
  // The room records the suggestions from the stored update; wait for it, so they are listed at once.
  await ctx.clauseHistory.settled(draft.id)
  await audit(ctx.storage, ctx.now(), { action: 'proposal.suggested', groupId: draft.groupId, actor: user, target: thread.id, data: { draftId: draft.id, clauseId: thread.clauseId, suggestions: outcome.ids } })
  const label = await readDoc(ctx, draft.id, (doc) => readClauses(doc).find((c) => c.id === thread.clauseId)?.label ?? null)
  const refs = { clauseId: thread.clauseId, threadId: thread.id, roundId: thread.roundId }
  const data = { text: excerpt(proposal.text), clause: label, proposer: proposer.name, proposerState: thread.authorState, suggestions: outcome.ids }
  const event = eventBy(ctx, user, draft.id, 'proposal.suggested', refs, data)
  // Stored as pending with a decision: see proposalStatusOf.
  await publish(ctx, await ctx.storage.threads.decideProposal(thread.id, { status: 'pending', decidedBy: user.id, decidedAt: event.at, reason: null }, event))
  if (thread.status === 'open') {
    const resolved = eventBy(ctx, user, draft.id, 'thread.resolved', refs)
    await publish(ctx, await ctx.storage.threads.setThreadStatus(thread.id, 'resolved', user.id, resolved.at, resolved))
  }
  return threadViewOf(ctx, draft, thread.id)
}
