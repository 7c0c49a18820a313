import { newId } from '../../shared/ids'
import type { RoundView } from '../../shared/threadsApi'
import type { AppContext } from '../context'
import { badRequest, conflict, notFound } from '../errors'
import type { Draft, User } from '../storage/Storage'
import type { CommentRound } from '../storage/threads'
import { audit } from './audit'
import { eventBy, openRound } from './commenting'
import { publish } from './threadViews'

export function roundView(ctx: AppContext, round: CommentRound): RoundView {
  return {
    id: round.id,
    draftId: round.draftId,
    name: round.name,
    deadline: round.deadline,
    status: round.status,
    openedAt: round.openedAt,
    closedAt: round.closedAt,
    accepting: round.status === 'open' && ctx.now().getTime() <= Date.parse(round.deadline),
  }
}

/** Hooks run when a round opens or closes (the revisions service saves a revision then). */
export type RoundHook = (ctx: AppContext, draft: Draft, user: User, round: CommentRound, what: 'opened' | 'closed') => Promise<void>

async function setPhase(ctx: AppContext, draft: Draft, user: User, phase: Draft['phase'], deadline: string | null): Promise<Draft> {
  const updated = await ctx.storage.setDraftPhase(draft.id, phase, deadline)
  if (!updated) throw notFound('Draft')
  await audit(ctx.storage, ctx.now(), { action: 'draft.phase', groupId: draft.groupId, actor: user, target: draft.id, data: { from: draft.phase, to: phase, deadline } })
  // Connected editors become read-only (or writable again) at once.
  await ctx.access.draftChanged(updated.id)
  return updated
}

function futureDeadline(ctx: AppContext, deadline: string): string {
  const at = Date.parse(deadline)
  if (Number.isNaN(at)) throw badRequest('deadline: not a date.')
  if (at <= ctx.now().getTime()) throw badRequest('deadline: must be in the future.')
  return new Date(at).toISOString()
}

/** The secretariat opens a comment round: the draft moves to consultation until the deadline. */
export async function openCommentRound(ctx: AppContext, draft: Draft, user: User, name: string, deadline: string, hook?: RoundHook): Promise<RoundView> {
  if (draft.phase === 'closed') throw conflict('This draft is closed.')
  if (await openRound(ctx, draft.id)) throw conflict('A comment round is already open on this draft.')
  const round: CommentRound = {
    id: newId(),
    draftId: draft.id,
    name,
    deadline: futureDeadline(ctx, deadline),
    status: 'open',
    openedBy: user.id,
    openedAt: ctx.now().toISOString(),
    closedAt: null,
  }
  await publish(ctx, await ctx.storage.threads.openRound(round, eventBy(ctx, user, draft.id, 'round.opened', { roundId: round.id }, { name, deadline: round.deadline })))
  const updated = await setPhase(ctx, draft, user, 'consultation', round.deadline)
  await hook?.(ctx, updated, user, round, 'opened')
  return roundView(ctx, round)
}

export async function closeCommentRound(ctx: AppContext, draft: Draft, round: CommentRound, user: User, hook?: RoundHook): Promise<RoundView> {
  if (round.status === 'closed') throw conflict('This comment round is already closed.')
  const closed: CommentRound = { ...round, status: 'closed', closedAt: ctx.now().toISOString() }
  const event = eventBy(ctx, user, draft.id, 'round.closed', { roundId: round.id }, { name: round.name })
  await publish(ctx, await ctx.storage.threads.updateRound(round.id, closed, event))
  const updated = await setPhase(ctx, draft, user, 'drafting', null)
  await hook?.(ctx, updated, user, closed, 'closed')
  return roundView(ctx, closed)
}

/** Reopens a round with a new deadline: comments are accepted again. */
export async function reopenCommentRound(ctx: AppContext, draft: Draft, round: CommentRound, user: User, deadline: string): Promise<RoundView> {
  const other = await openRound(ctx, draft.id)
  if (other && other.id !== round.id) throw conflict('Another comment round is open on this draft.')
  if (draft.phase === 'closed') throw conflict('This draft is closed.')
  const reopened: CommentRound = { ...round, status: 'open', deadline: futureDeadline(ctx, deadline), closedAt: null }
  const event = eventBy(ctx, user, draft.id, 'round.reopened', { roundId: round.id }, { name: round.name, deadline: reopened.deadline })
  await publish(ctx, await ctx.storage.threads.updateRound(round.id, reopened, event))
  await setPhase(ctx, draft, user, 'consultation', reopened.deadline)
  return roundView(ctx, reopened)
}

/**
 * The secretariat closes a draft (read-only for everyone) or puts it back into drafting, by the
 * same path a round takes: audited (`draft.phase`), open sockets follow at once. Refused (409)
 * while a comment round is open: closing the round is its own step (it saves a revision).
 */
export async function changeDraftPhase(ctx: AppContext, draft: Draft, user: User, phase: 'closed' | 'drafting'): Promise<Draft> {
  if (draft.phase === phase) return draft
  const round = await openRound(ctx, draft.id)
  if (round) throw conflict(`The comment round "${round.name}" is open on this draft: close it first.`)
  return setPhase(ctx, draft, user, phase, null)
}
