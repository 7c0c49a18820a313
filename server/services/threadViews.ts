import * as Y from 'yjs'
import { ClauseKey } from '../../shared/draft/format'
import { clausesMap } from '../../shared/draft/ydoc'
import { resolveSpan } from '../../shared/threads/anchor'
import type { CommentView, HistoryEvent, ThreadView } from '../../shared/threadsApi'
import type { AppContext } from '../context'
import type { Draft } from '../storage/Storage'
import type { DraftEvent, ThreadRecord } from '../storage/threads'
import { readDoc } from './drafts'
import { notFound } from '../errors'
import { People } from './people'
import { proposalStatusOf } from './proposalStatus'
import { type Wording, threadWording } from './proposals'

function currentOf(base: string | null, wording: Wording | null): { current: string | null; stale: boolean } {
  if (!wording) return { current: null, stale: false }
  if (wording.state !== 'ok') return { current: null, stale: wording.state === 'removed' }
  return { current: wording.text, stale: base !== null && base !== wording.text }
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64')
}

/** The clause's body in a document, if the clause exists. */
export function clauseBody(doc: Y.Doc, clauseId: string): Y.XmlFragment | null {
  const body = clausesMap(doc).get(clauseId)?.get(ClauseKey.body)
  return body instanceof Y.XmlFragment ? body : null
}

function spanOf(doc: Y.Doc, thread: ThreadRecord): ThreadView['span'] {
  if (!thread.anchorStart || !thread.anchorEnd) return null
  const body = clauseBody(doc, thread.clauseId)
  if (!body) return { state: 'removed' }
  const resolution = resolveSpan(doc, body, {
    start: Y.decodeRelativePosition(thread.anchorStart),
    end: Y.decodeRelativePosition(thread.anchorEnd),
  })
  if (resolution.state === 'ok') return { state: 'ok', text: resolution.text }
  return { state: resolution.state === 'unknown' ? 'unknown' : 'removed' }
}

/** Threads as the API shows them: authors named, comments in order, where each span is now. */
export async function threadViews(ctx: AppContext, draft: Draft, threads: readonly ThreadRecord[], people = new People(ctx.storage)): Promise<ThreadView[]> {
  const comments = await ctx.storage.threads.listComments(threads.map((t) => t.id))
  const versions = await ctx.storage.threads.listCommentVersions(comments.filter((c) => c.editedAt && !c.deletedAt).map((c) => c.id))
  const commentViews = new Map<string, CommentView[]>()
  for (const c of comments) {
    const view: CommentView = {
      id: c.id,
      author: await people.get(c.authorId),
      body: c.body,
      createdAt: c.createdAt,
      editedAt: c.editedAt,
      deleted: c.deletedAt !== null,
      versions: c.deletedAt ? [] : versions.filter((v) => v.commentId === c.id).map((v) => ({ body: v.body, replacedAt: v.replacedAt })),
    }
    commentViews.set(c.threadId, [...(commentViews.get(c.threadId) ?? []), view])
  }
  const spans = await readDoc(ctx, draft.id, (doc) => threads.map((t) => spanOf(doc, t)))
  const wordings = await readDoc(ctx, draft.id, (doc) => threads.map((t) => (t.proposal && proposalStatusOf(t.proposal) === 'pending' ? threadWording(doc, t) : null)))
  const views: ThreadView[] = []
  for (const [i, t] of threads.entries()) {
    views.push({
      id: t.id,
      draftId: t.draftId,
      clauseId: t.clauseId,
      status: t.status,
      author: await people.get(t.authorId),
      createdAt: t.createdAt,
      roundId: t.roundId,
      anchor: t.anchorStart && t.anchorEnd ? { start: toBase64(t.anchorStart), end: toBase64(t.anchorEnd) } : null,
      quote: t.quote,
      span: spans[i] ?? null,
      resolvedBy: await people.maybe(t.resolvedBy),
      resolvedAt: t.resolvedAt,
      proposal: t.proposal && {
        text: t.proposal.text,
        base: t.proposal.base,
        ...currentOf(t.proposal.base, wordings[i] ?? null),
        status: proposalStatusOf(t.proposal),
        decidedBy: await people.maybe(t.proposal.decidedBy),
        decidedAt: t.proposal.decidedAt,
        reason: t.proposal.reason,
      },
      comments: commentViews.get(t.id) ?? [],
    })
  }
  return views
}

export async function historyEvent(event: DraftEvent, people: People): Promise<HistoryEvent> {
  return {
    id: event.id,
    type: event.type,
    at: event.at,
    actor: await people.get(event.actorId),
    clauseId: event.clauseId,
    threadId: event.threadId,
    commentId: event.commentId,
    roundId: event.roundId,
    data: event.data,
  }
}

/** Sends a stored event to every open browser of the draft. */
export async function publish(ctx: AppContext, event: DraftEvent): Promise<void> {
  ctx.events.publish(event.draftId, await historyEvent(event, new People(ctx.storage)))
  // Mentions, replies, rounds and decisions reach the inbox of whom they concern.
  await ctx.notifications.onDraftEvent(event)
}

/** One thread as the API shows it, read fresh after a change (404 when it is gone). */
export async function threadViewOf(ctx: AppContext, draft: Draft, threadId: string): Promise<ThreadView> {
  const thread = await ctx.storage.threads.getThread(threadId)
  if (!thread) throw notFound('Thread')
  const [view] = await threadViews(ctx, draft, [thread])
  if (!view) throw notFound('Thread')
  return view
}
