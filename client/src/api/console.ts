import type { ConsoleDraft, ConsoleGroup, ConsoleStatus, ConsoleUser, InvitationResponse, Mentionable, NotificationView, SessionView } from '../../../shared/consoleApi'
import type { Role } from '../../../shared/permissions'
import { api } from './http'

export interface UserFilter {
  readonly role?: Role | ''
  readonly state?: string
  readonly q?: string
}

const query = (params: Record<string, string | number | undefined>) => {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '')
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : ''
}

export interface AuditFilter {
  readonly action?: string
  readonly actor?: string
  readonly from?: string
  readonly to?: string
}

export interface AuditRow {
  readonly id: number
  readonly at: string
  readonly action: string
  readonly actorName: string | null
  readonly target: string | null
  readonly data: Record<string, unknown>
}

/** The secretariat's console API. */
export const consoleApi = {
  status: () => api<ConsoleStatus>('/api/console'),
  setTotpRoles: (totpRequiredRoles: Role[]) => api<ConsoleStatus>('/api/console/security', { method: 'PUT', body: { totpRequiredRoles } }),
  users: (filter: UserFilter) => api<{ users: ConsoleUser[] }>(`/api/users${query({ role: filter.role, state: filter.state, q: filter.q })}`).then((r) => r.users),
  addUser: (body: { username: string; displayName: string; role: Role; state?: string; email?: string; password: string }) => api<{ user: ConsoleUser }>('/api/users', { method: 'POST', body }),
  patchUser: (id: string, body: { role?: Role; state?: string | null; displayName?: string; disabled?: boolean }) =>
    api<{ user: ConsoleUser }>(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body }).then((r) => r.user),
  invite: (body: { email: string; role: Role; state?: string; displayName?: string }) => api<InvitationResponse>('/api/invitations', { method: 'POST', body }),
  groups: () => api<{ groups: ConsoleGroup[] }>('/api/groups').then((r) => r.groups),
  addGroup: (body: { slug: string; name: string; mandate?: string }) => api<{ group: ConsoleGroup }>('/api/groups', { method: 'POST', body }),
  patchGroup: (id: string, body: { name?: string; mandate?: string }) => api<{ group: ConsoleGroup }>(`/api/groups/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  states: () => api<{ states: { code: string; name: string }[] }>('/api/member-states').then((r) => r.states),
  addState: (code: string, name: string) => api('/api/member-states', { method: 'POST', body: { code, name } }),
  drafts: () => api<{ drafts: ConsoleDraft[] }>('/api/console/drafts').then((r) => r.drafts),
  renameDraft: (id: string, title: string) => api<{ draft: ConsoleDraft }>(`/api/drafts/${encodeURIComponent(id)}/title`, { method: 'PUT', body: { title } }),
  archiveDraft: (id: string, archived: boolean) => api<{ draft: ConsoleDraft }>(`/api/drafts/${encodeURIComponent(id)}/archived`, { method: 'PUT', body: { archived } }),
  setPhase: (id: string, phase: 'closed' | 'drafting') => api(`/api/drafts/${encodeURIComponent(id)}`, { method: 'PATCH', body: { phase } }),
  /** Issue 15's text mode; the console shows the control only once the draft reports a `textMode`. */
  draftDetail: (id: string) => api<{ draft: { textMode?: string } }>(`/api/drafts/${encodeURIComponent(id)}`).then((r) => r.draft),
  setTextMode: (id: string, textMode: string) => api(`/api/drafts/${encodeURIComponent(id)}`, { method: 'PATCH', body: { textMode } }),
  audit: (filter: AuditFilter) => api<{ entries: AuditRow[] }>(`/api/audit${query({ ...filter, limit: 200 })}`).then((r) => r.entries),
  auditCsvUrl: (filter: AuditFilter) => `/api/audit.csv${query({ ...filter, limit: 1000 })}`,
}

/** The signed-in user's own account. */
export const accountApi = {
  changePassword: (current: string, next: string) => api<{ credentialsEnded: number }>('/api/me/password', { method: 'POST', body: { current, next } }),
  sessions: () => api<{ sessions: SessionView[] }>('/api/sessions').then((r) => r.sessions),
  endSession: (id: string) => api(`/api/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  endOthers: () => api<{ credentialsEnded: number }>('/api/sessions/end-others', { method: 'POST' }),
  tokens: () => api<{ tokens: { id: string; label: string | null; createdAt: string; expiresAt: string }[] }>('/api/tokens').then((r) => r.tokens),
  endToken: (id: string) => api(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  security: () => api<{ totp: { enabled: boolean; recoveryCodesLeft: number }; required: boolean }>('/api/me/security'),
  startTotp: () => api<{ secret: string; uri: string }>('/api/me/totp', { method: 'POST' }),
  confirmTotp: (code: string) => api<{ recoveryCodes: string[] }>('/api/me/totp/confirm', { method: 'POST', body: { code } }),
  disableTotp: (code: string) => api('/api/me/totp', { method: 'DELETE', body: { code } }),
  notificationSettings: () => api<{ settings: { muted: string[]; email: 'immediate' | 'digest' | 'never' }; emailEnabled: boolean }>('/api/me/notifications'),
  saveNotificationSettings: (muted: string[], email: string) => api('/api/me/notifications', { method: 'PUT', body: { muted, email } }),
  acceptInvitation: (token: string, password: string) => api<{ username: string }>('/api/invitations/accept', { method: 'POST', body: { token, password } }),
  confirmReset: (token: string, password: string) => api<{ username: string }>('/api/password-reset/confirm', { method: 'POST', body: { token, password } }),
  requestReset: (email: string) => api<{ message: string }>('/api/password-reset', { method: 'POST', body: { email } }),
}

export const inboxApi = {
  list: () => api<{ notifications: NotificationView[]; unread: number }>('/api/notifications?limit=30'),
  readAll: () => api<{ unread: number }>('/api/notifications/read', { method: 'POST', body: {} }),
  mentionables: (draftId: string) => api<{ mentionables: Mentionable[] }>(`/api/drafts/${encodeURIComponent(draftId)}/mentionables`).then((r) => r.mentionables),
}
