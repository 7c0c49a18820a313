import type Database from 'better-sqlite3'
import type { NewNotification, NotificationRecord, NotificationSettings, NotificationStore } from '../notifications'
import { NOTIFICATION_COLUMNS, type NotificationRow, type SettingsRow, toNotification, toSettings } from '../rows/accountRows'

/** The inbox, notification settings and once-only claims on SQLite. */
export class SqliteNotificationStore implements NotificationStore {
  private readonly stmt

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      add: db.prepare(
        `INSERT INTO notifications (user_id, kind, draft_id, title, body, link, created_at, email_state)
         VALUES (@userId, @kind, @draftId, @title, @body, @link, @createdAt, @emailState) RETURNING ${NOTIFICATION_COLUMNS}`,
      ),
      list: db.prepare(`SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE user_id = ? AND id < ? ORDER BY id DESC LIMIT ?`),
      unread: db.prepare('SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL').pluck(),
      readAll: db.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL'),
      readSome: db.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL AND id IN (SELECT value FROM json_each(?))'),
      getSettings: db.prepare('SELECT user_id, muted, email FROM notification_settings WHERE user_id = ?'),
      settingsOf: db.prepare('SELECT user_id, muted, email FROM notification_settings WHERE user_id IN (SELECT value FROM json_each(?))'),
      setSettings: db.prepare(
        'INSERT INTO notification_settings (user_id, muted, email) VALUES (?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET muted = excluded.muted, email = excluded.email',
      ),
      take: db.prepare(
        `UPDATE notifications SET email_state = 'sent' WHERE id IN (SELECT id FROM notifications WHERE email_state = ? ORDER BY id LIMIT ?) RETURNING ${NOTIFICATION_COLUMNS}`,
      ),
      claim: db.prepare('INSERT INTO notification_claims (key, claimed_at) VALUES (?, ?) ON CONFLICT(key) DO NOTHING'),
    }
  }

  async add(notifications: readonly NewNotification[]): Promise<NotificationRecord[]> {
    return this.db.transaction(() => notifications.map((n) => toNotification(this.stmt.add.get(n) as NotificationRow)))()
  }

  async list(userId: string, options: { readonly limit: number; readonly before?: number }): Promise<NotificationRecord[]> {
    return (this.stmt.list.all(userId, options.before ?? Number.MAX_SAFE_INTEGER, options.limit) as NotificationRow[]).map(toNotification)
  }

  async unreadCount(userId: string): Promise<number> {
    return this.stmt.unread.get(userId) as number
  }

  async markRead(userId: string, ids: readonly number[] | null, at: string): Promise<number> {
    return (ids ? this.stmt.readSome.run(at, userId, JSON.stringify(ids)) : this.stmt.readAll.run(at, userId)).changes
  }

  async getSettings(userId: string): Promise<NotificationSettings> {
    return toSettings(this.stmt.getSettings.get(userId) as SettingsRow | undefined)
  }

  async setSettings(userId: string, settings: NotificationSettings): Promise<void> {
    this.stmt.setSettings.run(userId, JSON.stringify(settings.muted), settings.email)
  }

  async settingsOf(userIds: readonly string[]): Promise<Map<string, NotificationSettings>> {
    const rows = this.stmt.settingsOf.all(JSON.stringify(userIds)) as SettingsRow[]
    const found = new Map(rows.map((r) => [r.user_id, toSettings(r)]))
    return new Map(userIds.map((id) => [id, found.get(id) ?? toSettings(null)]))
  }

  async takeEmails(state: 'immediate' | 'digest', limit: number): Promise<NotificationRecord[]> {
    return (this.stmt.take.all(state, limit) as NotificationRow[]).map(toNotification).sort((a, b) => a.id - b.id)
  }

  async claim(key: string, at: string): Promise<boolean> {
    return this.stmt.claim.run(key, at).changes === 1
  }
}
