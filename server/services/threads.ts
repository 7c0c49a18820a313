import * as Y from 'yjs'
import { blocksToXml, readClauses } from '../../shared/draft/ydoc'
import { textToBlocks } from '../../shared/draft/blocks'
import { newId } from '../../shared/ids'
import { can } from '../../shared/permissions'
import { decodeRelative, replaceSpan, resolveSpan } from '../../shared/threads/anchor'
import type { ThreadView } from '../../shared/threadsApi'
import type { AppContext } from '../context'
import { badRequest, conflict, forbidden, notFound } from '../errors'
import type { Draft, User } from '../storage/Storage'
import type { CommentRecord, DraftEvent, ThreadRecord } from '../storage/threads'
import { audit } from './audit'
import { assertCanComment, eventBy, excerpt } from './commenting'
import { readDoc } from './drafts'
import { clauseBody, publish, threadViews } from './threadViews'

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

async function viewOf(ctx: AppContext, draft: Draft, threadId: string): Promise<ThreadView> {
  const thread = await ctx.storage.threads.getThread(threadId)
  if (!thread) throw notFound('Thread')
  const [view] = await threadViews(ctx, draft, [thread])
  if (!view) throw notFound('Thread')
  return view
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
  const quote = await readDoc(ctx, draft.id, (doc) => {
    const body = clauseBody(doc, input.clauseId)
    if (!body) throw notFound('Clause')
    if (!anchor) return null
    const span = resolveSpan(doc, body, anchor)
    if (span.state === 'outside') throw badRequest('anchor: the span is not in this clause.')
    if (span.state === 'removed') throw badRequest('anchor: the selected text no longer exists.')
    // 'unknown': the client's latest keystrokes have not reached the server yet; keep its quote.
    return span.state === 'ok' ? span.text : (input.quote ?? null)
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
    proposal: input.proposal ? { text: input.proposal.text, status: 'pending', decidedBy: null, decidedAt: null, reason: null } : null,
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

function pendingProposal(thread: ThreadRecord) {
  if (!thread.proposal) throw notFound('Proposal')
  if (thread.proposal.status !== 'pending') throw conflict(`This proposal was already ${thread.proposal.status}.`)
  return thread.proposal
}

/** Applies the proposed wording to the live document (every open editor sees it), as the rapporteur. */
export async function applyProposal(ctx: AppContext, draft: Draft, thread: ThreadRecord, user: User): Promise<ThreadView> {
  if (!can(user.role, 'proposal.apply', draft.phase)) throw forbidden('Only the rapporteur (or the secretariat) applies proposals.')
  const proposal = pendingProposal(thread)
  const problem = await ctx.collab.withDoc(draft.id, (doc): string | null => {
    const body = clauseBody(doc, thread.clauseId)
    if (!body) return 'The clause no longer exists.'
    if (!thread.anchorStart || !thread.anchorEnd) {
      body.delete(0, body.length)
      body.insert(0, blocksToXml(textToBlocks(proposal.text)))
      return null
    }
    const span = resolveSpan(doc, body, { start: Y.decodeRelativePosition(thread.anchorStart), end: Y.decodeRelativePosition(thread.anchorEnd) })
    if (span.state !== 'ok') return 'The text this proposal replaces has been removed.'
    return replaceSpan(span, proposal.text) ? null : 'The proposal spans several paragraphs: apply it by hand.'
  })
  if (problem) throw conflict(problem)
  await audit(ctx.storage, ctx.now(), { action: 'proposal.applied', actor: user, target: thread.id, data: { draftId: draft.id, clauseId: thread.clauseId } })
  const label = await readDoc(ctx, draft.id, (doc) => readClauses(doc).find((c) => c.id === thread.clauseId)?.label ?? null)
  const refs = { clauseId: thread.clauseId, threadId: thread.id, roundId: thread.roundId }
  const applied = eventBy(ctx, user, draft.id, 'proposal.applied', refs, { text: excerpt(proposal.text), clause: label })
  await record(ctx, ctx.storage.threads.decideProposal(thread.id, { status: 'applied', decidedBy: user.id, decidedAt: applied.at, reason: null }, applied))
  if (thread.status === 'open') {
    const resolved = eventBy(ctx, user, draft.id, 'thread.resolved', refs)
    await record(ctx, ctx.storage.threads.setThreadStatus(thread.id, 'resolved', user.id, resolved.at, resolved))
  }
  return viewOf(ctx, draft, thread.id)
}

export async function declineProposal(ctx: AppContext, draft: Draft, thread: ThreadRecord, user: User, reason: string): Promise<ThreadView> {
  if (!can(user.role, 'proposal.apply', draft.phase)) throw forbidden('Only the rapporteur (or the secretariat) declines proposals.')
  pendingProposal(thread)
  const refs = { clauseId: thread.clauseId, threadId: thread.id, roundId: thread.roundId }
  const event = eventBy(ctx, user, draft.id, 'proposal.declined', refs, { reason })
  await record(ctx, ctx.storage.threads.decideProposal(thread.id, { status: 'declined', decidedBy: user.id, decidedAt: event.at, reason }, event))
  return viewOf(ctx, draft, thread.id)
}
