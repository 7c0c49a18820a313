import * as Y from 'yjs'
import { rewriteBody } from '../../shared/draft/bodyEdit'
import { bodyText, readClauses } from '../../shared/draft/ydoc'
import { can } from '../../shared/permissions'
import { type Anchor, resolveSpan } from '../../shared/threads/anchor'
import { rewriteSpan, spanTextForm } from '../../shared/threads/spanText'
import type { ThreadView } from '../../shared/threadsApi'
import type { AppContext } from '../context'
import { AppError, conflict, forbidden, notFound } from '../errors'
import type { Draft, User } from '../storage/Storage'
import type { ThreadRecord } from '../storage/threads'
import { audit } from './audit'
import { eventBy, excerpt } from './commenting'
import { readDoc } from './drafts'
import { People } from './people'
import { proposalStatusOf } from './proposalStatus'
import { clauseBody, publish, threadViewOf as viewOf } from './threadViews'
import { refuseUnderSilence } from './silence'
import { refuseLocked } from './clauseLocks'

/** The wording a thread's proposal replaces, now: the span's (or the clause's) text form. */
export type Wording = { readonly state: 'ok'; readonly text: string } | { readonly state: 'removed' | 'unknown' }

export function anchorOf(thread: Pick<ThreadRecord, 'anchorStart' | 'anchorEnd'>): Anchor | null {
  if (!thread.anchorStart || !thread.anchorEnd) return null
  return { start: Y.decodeRelativePosition(thread.anchorStart), end: Y.decodeRelativePosition(thread.anchorEnd) }
}

/** What a proposal on `clauseId` (and `anchor`, if any) would replace in `doc` now. */
export function wordingIn(doc: Y.Doc, clauseId: string, anchor: Anchor | null): Wording {
  const body = clauseBody(doc, clauseId)
  if (!body) return { state: 'removed' }
  if (!anchor) return { state: 'ok', text: bodyText(body) }
  const span = resolveSpan(doc, body, anchor)
  if (span.state === 'ok') return { state: 'ok', text: spanTextForm(span) }
  return { state: span.state === 'unknown' ? 'unknown' : 'removed' }
}

export function threadWording(doc: Y.Doc, thread: ThreadRecord): Wording {
  return wordingIn(doc, thread.clauseId, anchorOf(thread))
}

/** 409 with the three texts, so the client can show what changed since the proposal was made. */
export function stale(base: string, current: string, proposed: string): AppError {
  return new AppError(409, 'proposal_stale', 'The text has changed since this proposal was made: compare the three versions and confirm.', { base, current, proposed })
}

type Outcome = { readonly problem: string } | { readonly stale: { readonly base: string; readonly current: string } } | { readonly applied: true }

/**
 * Applies the proposed wording to the live document as minimal edits (only the changed words), as
 * the rapporteur. `expected` is the current wording the rapporteur confirmed; without it, the
 * proposal applies only if the text is still what it was proposed against.
 */
export async function applyProposal(ctx: AppContext, draft: Draft, thread: ThreadRecord, user: User, expected?: string): Promise<ThreadView> {
  if (!can(user.role, 'proposal.apply', draft.phase)) throw forbidden('Only the rapporteur (or the secretariat) applies proposals.')
  await refuseUnderSilence(ctx, draft.id)
  const proposal = pendingProposal(thread)
  const anchor = anchorOf(thread)
  const states = thread.authorState ? [thread.authorState] : []
  const outcome = await ctx.collab.withDoc(draft.id, (doc): Outcome => {
    refuseLocked(doc, [thread.clauseId])
    const body = clauseBody(doc, thread.clauseId)
    if (!body) return { problem: 'The clause no longer exists.' }
    const now = wordingIn(doc, thread.clauseId, anchor)
    if (now.state !== 'ok') return { problem: 'The text this proposal replaces has been removed.' }
    const base = expected ?? proposal.base ?? now.text
    if (base !== now.text) return { stale: { base: proposal.base ?? base, current: now.text } }
    if (!anchor) {
      rewriteBody(body, proposal.text, states)
      return { applied: true }
    }
    const span = resolveSpan(doc, body, anchor)
    if (span.state !== 'ok') return { problem: 'The text this proposal replaces has been removed.' }
    return rewriteSpan(span, proposal.text, states) ? { applied: true } : { problem: 'The proposal changes how many paragraphs the selection covers: apply it by hand.' }
  }, user)
  if ('problem' in outcome) throw conflict(outcome.problem)
  if ('stale' in outcome) throw stale(outcome.stale.base, outcome.stale.current, proposal.text)
  await audit(ctx.storage, ctx.now(), { action: 'proposal.applied', groupId: draft.groupId, actor: user, target: thread.id, data: { draftId: draft.id, clauseId: thread.clauseId } })
  const label = await readDoc(ctx, draft.id, (doc) => readClauses(doc).find((c) => c.id === thread.clauseId)?.label ?? null)
  const proposer = await new People(ctx.storage).get(thread.authorId)
  const refs = { clauseId: thread.clauseId, threadId: thread.id, roundId: thread.roundId }
  const data = { text: excerpt(proposal.text), clause: label, proposer: proposer.name, proposerState: thread.authorState }
  const applied = eventBy(ctx, user, draft.id, 'proposal.applied', refs, data)
  await publish(ctx, await ctx.storage.threads.decideProposal(thread.id, { status: 'applied', decidedBy: user.id, decidedAt: applied.at, reason: null }, applied))
  if (thread.status === 'open') {
    const resolved = eventBy(ctx, user, draft.id, 'thread.resolved', refs)
    await publish(ctx, await ctx.storage.threads.setThreadStatus(thread.id, 'resolved', user.id, resolved.at, resolved))
  }
  return viewOf(ctx, draft, thread.id)
}

export async function declineProposal(ctx: AppContext, draft: Draft, thread: ThreadRecord, user: User, reason: string): Promise<ThreadView> {
  if (!can(user.role, 'proposal.apply', draft.phase)) throw forbidden('Only the rapporteur (or the secretariat) declines proposals.')
  pendingProposal(thread)
  const proposer = await new People(ctx.storage).get(thread.authorId)
  const refs = { clauseId: thread.clauseId, threadId: thread.id, roundId: thread.roundId }
  const event = eventBy(ctx, user, draft.id, 'proposal.declined', refs, { reason, proposer: proposer.name, proposerState: thread.authorState })
  await publish(ctx, await ctx.storage.threads.decideProposal(thread.id, { status: 'declined', decidedBy: user.id, decidedAt: event.at, reason }, event))
  return viewOf(ctx, draft, thread.id)
}

/** The thread's proposal while it is pending: 404 without one, 409 once applied, declined or turned into suggestions. */
export function pendingProposal(thread: ThreadRecord) {
  if (!thread.proposal) throw notFound('Proposal')
  const status = proposalStatusOf(thread.proposal)
  if (status === 'suggested') throw conflict('This proposal was already turned into suggestions.')
  if (status !== 'pending') throw conflict(`This proposal was already ${status}.`)
  return thread.proposal
}

