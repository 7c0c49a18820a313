import type { AccessChange } from '../access'

export interface AccessChangeRow {
  readonly id: number
  readonly at: string
  readonly user_id: string | null
  readonly draft_id: string | null
  readonly credential_hash: string | null
}

export const ACCESS_CHANGE_COLUMNS = 'id, at, user_id, draft_id, credential_hash'
export const CREDENTIAL_COLUMNS = 'id, token_hash, user_id, kind, label, created_at, expires_at, session_hash'

export const toAccessChange = (r: AccessChangeRow): AccessChange => ({
  id: r.id,
  at: r.at,
  userId: r.user_id,
  draftId: r.draft_id,
  credentialHash: r.credential_hash,
})

/**
 * An audit entry is visible to a reader of groups G when it belongs to one of G, or, having no group,
 * when its actor or target user is a member of one of G. `groups` and `members` are the SQL that
 * yields the reader's group ids and their members' ids.
 */
export function auditScopeWhere(groups: string, members: string): string {
  return `(group_id IN (${groups}) OR (group_id IS NULL AND (actor_id IN (${members}) OR target IN (${members}))))`
}
