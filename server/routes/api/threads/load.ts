import type { AppContext } from '../../../context'
import { notFound } from '../../../errors'
import { visibleDraft } from '../../../services/commenting'
import type { Draft, User } from '../../../storage/Storage'
import type { ThreadRecord } from '../../../storage/threads'

/** A thread and its draft, if the user may see the draft (else 404, as for drafts). */
export async function threadFor(ctx: AppContext, user: User, threadId: string): Promise<{ thread: ThreadRecord; draft: Draft }> {
  const thread = await ctx.storage.threads.getThread(threadId)
  if (!thread) throw notFound('Thread')
  const draft = await visibleDraft(ctx, user, thread.draftId, 'Thread')
  return { thread, draft }
}
