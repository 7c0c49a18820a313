import type { AccountLink, LinkKind, TotpRecord } from '../accounts'
import type { EmailState, NotificationKind, NotificationRecord, NotificationSettings } from '../notifications'
import { DEFAULT_NOTIFICATION_SETTINGS, NOTIFICATION_KINDS } from '../notifications'

export interface LinkRow {
  readonly token_hash: string
  readonly kind: LinkKind
  readonly user_id: string
  readonly created_at: string
  readonly expires_at: string
}
export const LINK_COLUMNS = 'token_hash, kind, user_id, created_at, expires_at'
export const toLink = (r: LinkRow): AccountLink => ({ tokenHash: r.token_hash, kind: r.kind, userId: r.user_id, createdAt: r.created_at, expiresAt: r.expires_at })

export interface TotpRow {
  readonly user_id: string
  readonly secret: string
  readonly enabled_at: string | null
  readonly last_step: number | string
}
export const toTotp = (r: TotpRow): TotpRecord => ({ userId: r.user_id, secret: r.secret, enabledAt: r.enabled_at, lastStep: Number(r.last_step) })

export interface NotificationRow {
  readonly id: number | string
  readonly user_id: string
  readonly kind: NotificationKind
  readonly draft_id: string | null
  readonly title: string
  readonly body: string
  readonly link: string | null
  readonly created_at: string
  readonly read_at: string | null
  readonly email_state: EmailState
}
export const NOTIFICATION_COLUMNS = 'id, user_id, kind, draft_id, title, body, link, created_at, read_at, email_state'
export const toNotification = (r: NotificationRow): NotificationRecord => ({
  id: Number(r.id),
  userId: r.user_id,
  kind: r.kind,
  draftId: r.draft_id,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: r.created_at,
  readAt: r.read_at,
  emailState: r.email_state,
})

export interface SettingsRow {
  readonly user_id: string
  readonly muted: string
  readonly email: NotificationSettings['email']
}
/** The stored muted list, keeping only kinds this version knows. */
export const toSettings = (r: SettingsRow | null | undefined): NotificationSettings => {
  if (!r) return DEFAULT_NOTIFICATION_SETTINGS
  const parsed: unknown = JSON.parse(r.muted)
  const muted = Array.isArray(parsed) ? NOTIFICATION_KINDS.filter((k) => parsed.includes(k)) : []
  return { muted, email: r.email }
}
