import type { Draft, Storage, User } from '../storage/Storage'

/**
 * The one membership check of a draft, for HTTP and the websocket alike: the draft if it exists and
 * the user belongs to its working group, else null (the caller answers both the same way, so a
 * draft's existence is not revealed).
 */
export async function draftIfMember(storage: Pick<Storage, 'getDraft' | 'isMember'>, user: Pick<User, 'id'>, draftId: string): Promise<Draft | null> {
  const draft = await storage.getDraft(draftId)
  return draft && (await storage.isMember(draft.groupId, user.id)) ? draft : null
}
