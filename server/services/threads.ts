import * as Y from 'yjs'
import { newId } from '../../shared/ids'
import { can } from '../../shared/permissions'
import { decodeRelative, resolveSpan } from '../../shared/threads/anchor'
import type { ThreadView } from '../../shared/threadsApi'
import type { AppContext } from '../context'
import { badRequest, conflict, forbidden, notFound } from '../errors'
import type { Draft, User } from '../storage/Storage'
import type { CommentRecord, DraftEvent, ThreadRecord } from '../storage/threads'
import { assertCanComment, eventBy, excerpt } from './commenting'
import { wordingIn } from './proposals'
import { readDoc } from './drafts'
import { clauseBody, publish, threadViewOf as viewOf } from './threadViews'

export interface NewThreadInput {
  readonly clauseId: string
  readonly body: string
  readonly anchor?: { readonly start: string; readonly end: string } | undefined
  readonly quote?: string | undefined
  readonly proposal?: { readonly text: string } | undefined
}

async function record(ctx: AppContext, stored: Promise<DraftEvent>): Promise<void> {
  await publish(ctx, await stored)
}

function decodeAnchor(anchor: NonNullable<NewThreadInput['anchor']>) {
  try {
    return { start: decodeRelative(anchor.start), end: decodeRelative(anchor.end) }
  } catch {
    throw badRequest('anchor: not a Yjs relative position (base64).')
  }
}

/** Opens a thread on a clause (optionally on a span of it, optionally proposing new wording). */
export async function createThread(ctx: AppContext, draft: Draft, user: User, input: NewThreadInput): Promise<ThreadView> {
  const round = await assertCanComment(ctx, draft, user, input.proposal ? 'proposal.create' : 'comment.create')
  const anchor = input.anchor ? decodeAnchor(input.anchor) : null
  const { quote, base } = await readDoc(ctx, draft.id, (doc) => {
    const body = clauseBody(doc, input.clauseId)
    if (!body) throw notFound('Clause')
    // What a proposal is made against, so applying it once the text has moved on is caught.
    const wording = wordingIn(doc, input.clauseId, anchor)
    const base = wording.state === 'ok' ? wording.text : null
    if (!anchor) return { quote: null, base }
    const span = resolveSpan(doc, body, anchor)
    if (span.state === 'outside') throw badRequest('anchor: the span is not in this clause.')
    if (span.state === 'removed') throw badRequest('anchor: the selected text no longer exists.')
    // 'unknown': the client's latest keystrokes have not reached the server yet; keep its quote.
    return { quote: span.state === 'ok' ? span.text : (input.quote ?? null), base }
  })
  const now = ctx.now().toISOString()
  const thread: ThreadRecord = {
    id: newId(),
    draftId: draft.id,
    clauseId: input.clauseId,
    anchorStart: anchor ? Y.encodeRelativePosition(anchor.start) : null,
    anchorEnd: anchor ? Y.encodeRelativePosition(anchor.end) : null,
    quote,
    status: 'open',
    authorId: user.id,
    authorState: user.stateCode,
    roundId: round?.id ?? null,
    createdAt: now,
    resolvedBy: null,
    resolvedAt: null,
    proposal: input.proposal ? { text: input.proposal.text, base, status: 'pending', decidedBy: null, decidedAt: null, reason: null } : null,
  }
  const comment: CommentRecord = {
    id: newId(),
    threadId: thread.id,
    authorId: user.id,
    authorState: user.stateCode,
    body: input.body,
    createdAt: now,
    editedAt: null,
    deletedAt: null,
  }
  const data = { excerpt: excerpt(input.body), quote, proposal: input.proposal?.text ?? null }
  const refs = { clauseId: thread.clauseId, threadId: thread.id, commentId: comment.id, roundId: thread.roundId }
  await record(ctx, ctx.storage.threads.createThread(thread, comment, eventBy(ctx, user, draft.id, 'thread.created', refs, data)))
  return viewOf(ctx, draft, thread.id)
}

export async function reply(ctx: AppContext, draft: Draft, thread: ThreadRecord, user: User, body: string): Promise<ThreadView> {
  const round = await assertCanComment(ctx, draft, user, 'comment.create')
  const comment: CommentRecord = {
    id: newId(),
    threadId: thread.id,
    authorId: user.id,
    authorState: user.stateCode,
    body,
    createdAt: ctx.now().toISOString(),
    editedAt: null,
    deletedAt: null,
  }
  const refs = { clauseId: thread.clauseId, threadId: thread.id, commentId: comment.id, roundId: round?.id ?? thread.roundId }
  await record(ctx, ctx.storage.threads.addComment(comment, eventBy(ctx, user, draft.id, 'comment.replied', refs, { excerpt: excerpt(body) })))
  return viewOf(ctx, draft, thread.id)
}

function assertAuthor(comment: CommentRecord, user: User): void {
  if (comment.authorId !== user.id) throw forbidden('Only its author may change a comment.')
  if (comment.deletedAt) throw conflict('This comment was deleted.')
}

export async function editComment(ctx: AppContext, draft: Draft, thread: ThreadRecord, comment: CommentRecord, user: User, body: string): Promise<ThreadView> {
  assertAuthor(comment, user)
  await assertCanComment(ctx, draft, user, 'comment.create')
  const refs = { clauseId: thread.clauseId, threadId: thread.id, commentId: comment.id, roundId: thread.roundId }
  const event = eventBy(ctx, user, draft.id, 'comment.edited', refs, { excerpt: excerpt(body) })
  await record(ctx, ctx.storage.threads.editComment(comment.id, body, event.at, event))
  return viewOf(ctx, draft, thread.id)
}

export async function deleteComment(ctx: AppContext, draft: Draft, thread: ThreadRecord, comment: CommentRecord, user: User): Promise<ThreadView> {
  assertAuthor(comment, user)
  if (!can(user.role, 'comment.create', draft.phase)) throw forbidden()
  const refs = { clauseId: thread.clauseId, threadId: thread.id, commentId: comment.id, roundId: thread.roundId }
  const event = eventBy(ctx, user, draft.id, 'comment.deleted', refs)
  await record(ctx, ctx.storage.threads.deleteComment(comment.id, event.at, event))
  return viewOf(ctx, draft, thread.id)
}

/** Resolve or reopen: the rapporteur, chair, secretariat, or the thread's author. */
export async function setStatus(ctx: AppContext, draft: Draft, thread: ThreadRecord, user: User, status: 'open' | 'resolved'): Promise<ThreadView> {
  const mayModerate = can(user.role, 'thread.resolve', draft.phase)
  const isAuthor = thread.authorId === user.id && draft.phase !== 'closed' && user.role !== 'observer'
  if (!mayModerate && !isAuthor) throw forbidden('Only the rapporteur, the chair, the secretariat or its author may resolve a thread.')
  if (thread.status === status) throw conflict(status === 'resolved' ? 'This thread is already resolved.' : 'This thread is already open.')
  const resolved = status === 'resolved'
  const refs = { clauseId: thread.clauseId, threadId: thread.id, roundId: thread.roundId }
  const event = eventBy(ctx, user, draft.id, resolved ? 'thread.resolved' : 'thread.reopened', refs)
  await record(ctx, ctx.storage.threads.setThreadStatus(thread.id, status, resolved ? user.id : null, resolved ? event.at : null, event))
  return viewOf(ctx, draft, thread.id)
}
