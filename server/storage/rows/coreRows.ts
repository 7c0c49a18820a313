/** The core rows (users, groups, drafts, credentials) and their mapping: one definition for SQLite and PostgreSQL. */
import type { Phase, Role, TextMode } from '../../../shared/permissions'
import type { Credential, CredentialKind, Draft, User, WorkingGroup } from '../Storage'

export interface UserRow {
  id: string
  username: string
  display_name: string
  role: Role
  state_code: string | null
  password_hash: string
  created_at: string
}
export interface GroupRow {
  id: string
  slug: string
  name: string
  mandate: string
  created_at: string
}
export interface DraftRow {
  id: string
  group_id: string
  title: string
  phase: Phase
  comment_deadline: string | null
  text_mode: TextMode
  created_by: string
  created_at: string
  updated_at: string
}
export interface CredentialRow {
  id: string
  token_hash: string
  user_id: string
  kind: CredentialKind
  label: string | null
  created_at: string
  expires_at: string
  session_hash: string | null
}

export const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  stateCode: r.state_code,
  passwordHash: r.password_hash,
  createdAt: r.created_at,
})
export const toGroup = (r: GroupRow): WorkingGroup => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  mandate: r.mandate,
  createdAt: r.created_at,
})
export const toDraft = (r: DraftRow): Draft => ({
  id: r.id,
  groupId: r.group_id,
  title: r.title,
  phase: r.phase,
  commentDeadline: r.comment_deadline,
  textMode: r.text_mode,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})
export const toCredential = (r: CredentialRow): Credential => ({
  id: r.id,
  tokenHash: r.token_hash,
  userId: r.user_id,
  kind: r.kind,
  label: r.label,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  sessionHash: r.session_hash,
})
