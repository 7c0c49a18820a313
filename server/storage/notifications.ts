/** What a notification is about; each can be muted in the user's settings. */
export const NOTIFICATION_KINDS = ['round.opened', 'round.reminder', 'round.closed', 'reply', 'decision', 'mention', 'ad-referendum', 'meeting.opened'] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export const EMAIL_MODES = ['immediate', 'digest', 'never'] as const
export type EmailMode = (typeof EMAIL_MODES)[number]

/** Where a notification stands as e-mail: none to send, to send now, in the next digest, sent. */
export type EmailState = 'none' | 'immediate' | 'digest' | 'sent'

export interface NotificationRecord {
  readonly id: number
  readonly userId: string
  readonly kind: NotificationKind
  readonly draftId: string | null
  readonly title: string
  readonly body: string
  /** A path in the app (e.g. `/drafts/…`), never an outside address. */
  readonly link: string | null
  readonly createdAt: string
  readonly readAt: string | null
  readonly emailState: EmailState
}

export type NewNotification = Omit<NotificationRecord, 'id' | 'readAt'>

export interface NotificationSettings {
  readonly muted: readonly NotificationKind[]
  readonly email: EmailMode
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = { muted: [], email: 'immediate' }

export interface NotificationStore {
  add(notifications: readonly NewNotification[]): Promise<NotificationRecord[]>
  /** Newest first. */
  list(userId: string, options: { readonly limit: number; readonly before?: number }): Promise<NotificationRecord[]>
  unreadCount(userId: string): Promise<number>
  /** Marks these (or, without ids, all) of the user's notifications read; how many changed. */
  markRead(userId: string, ids: readonly number[] | null, at: string): Promise<number>
  /** Defaults when the user never changed them. */
  getSettings(userId: string): Promise<NotificationSettings>
  setSettings(userId: string, settings: NotificationSettings): Promise<void>
  settingsOf(userIds: readonly string[]): Promise<Map<string, NotificationSettings>>
  /**
   * Takes the notifications waiting in this e-mail state (oldest first, at most `limit`) and marks
   * them sent in the same statement, so two processes never both take one.
   */
  takeEmails(state: 'immediate' | 'digest', limit: number): Promise<NotificationRecord[]>
  /**
   * Claims `key` for the caller: true for the first caller ever (across restarts and processes,
   * the database decides), false for everyone after.
   */
  claim(key: string, at: string): Promise<boolean>
}
