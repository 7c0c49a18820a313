import { type Action, can } from '../../shared/permissions'
import { draftIfMember } from '../auth/draftAccess'
import type { AppContext } from '../context'
import { conflict, forbidden, notFound } from '../errors'
import type { Draft, User } from '../storage/Storage'
import type { CommentRound, NewEvent } from '../storage/threads'
import { formatDeadline } from '../../shared/permissions'

/** The comment round now open on the draft, if any. */
export async function openRound(ctx: AppContext, draftId: string): Promise<CommentRound | null> {
  return (await ctx.storage.threads.listRounds(draftId)).find((r) => r.status === 'open') ?? null
}

/**
 * May the user add comments, proposals or positions now? Refused with 403 by role and phase,
 * and with 409 once the open round's deadline has passed (until the round is reopened).
 */
export async function assertCanComment(ctx: AppContext, draft: Draft, user: User, action: Action): Promise<CommentRound | null> {
  if (!can(user.role, action, draft.phase)) throw forbidden()
  const round = await openRound(ctx, draft.id)
  if (round && ctx.now().getTime() > Date.parse(round.deadline)) {
    throw conflict(`The comment round "${round.name}" closed on ${formatDeadline(round.deadline)}: comments are refused until it is reopened.`)
  }
  return round
}

/** The draft a thread or comment belongs to, if the user may see it (else the same 404 as drafts). */
export async function visibleDraft(ctx: AppContext, user: User, draftId: string, what: string): Promise<Draft> {
  const draft = await draftIfMember(ctx.storage, user, draftId)
  if (!draft) throw notFound(what)
  return draft
}

/** An event as the store records it: actor and State from the session, never from the request. */
export function eventBy(
  ctx: AppContext,
  user: User,
  draftId: string,
  type: NewEvent['type'],
  refs: Partial<Pick<NewEvent, 'clauseId' | 'threadId' | 'commentId' | 'roundId'>> = {},
  data: Record<string, unknown> = {},
): NewEvent {
  return {
    draftId,
    type,
    at: ctx.now().toISOString(),
    actorId: user.id,
    actorState: user.stateCode,
    clauseId: refs.clauseId ?? null,
    threadId: refs.threadId ?? null,
    commentId: refs.commentId ?? null,
    roundId: refs.roundId ?? null,
    data,
  }
}

/** The first words of a text, for event summaries. */
export function excerpt(text: string, length = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat
}
