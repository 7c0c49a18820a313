import type { TextMode } from '../../shared/permissions'
import type { AppContext } from '../context'
import { notFound } from '../errors'
import type { Draft, User } from '../storage/Storage'
import { audit } from './audit'
import { publish } from './threadViews'

/**
 * The secretariat sets a draft's text mode: `edit` (writers edit directly) or `suggest` (delegates
 * only suggest). Audited, in the draft's history, and applied at once to every open websocket of
 * the draft in every process (their text access is checked again).
 */
export async function changeTextMode(ctx: AppContext, draft: Draft, user: User, textMode: TextMode): Promise<Draft> {
  if (draft.textMode === textMode) return draft
  const updated = await ctx.storage.setDraftTextMode(draft.id, textMode)
  if (!updated) throw notFound('Draft')
  await audit(ctx.storage, ctx.now(), { action: 'draft.textMode', groupId: draft.groupId, actor: user, target: draft.id, data: { from: draft.textMode, to: textMode } })
  await ctx.access.draftChanged(updated.id)
  const event = await ctx.storage.threads.recordClauseEvent(
    { draftId: draft.id, type: 'draft.textMode', at: ctx.now().toISOString(), actorId: user.id, actorState: user.stateCode, clauseId: null, threadId: null, commentId: null, roundId: null, data: { textMode } },
    0,
  )
  if (event) await publish(ctx, event)
  return updated
}
