import type { Pool } from 'pg'
import type { NewNotification, NotificationRecord, NotificationSettings, NotificationStore } from '../notifications'
import { NOTIFICATION_COLUMNS, type NotificationRow, type SettingsRow, toNotification, toSettings } from '../rows/accountRows'
import { all, first, run, transaction } from './db'

/** The inbox, notification settings and once-only claims on PostgreSQL. */
export class PgNotificationStore implements NotificationStore {
  constructor(private readonly pool: Pool) {}

  async add(notifications: readonly NewNotification[]): Promise<NotificationRecord[]> {
    return transaction(this.pool, async (client) => {
      const added: NotificationRecord[] = []
      for (const n of notifications) {
        const row = await first<NotificationRow>(
          client,
          `INSERT INTO notifications (user_id, kind, draft_id, title, body, link, created_at, email_state)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${NOTIFICATION_COLUMNS}`,
          [n.userId, n.kind, n.draftId, n.title, n.body, n.link, n.createdAt, n.emailState],
        )
        if (row) added.push(toNotification(row))
      }
      return added
    })
  }

  async list(userId: string, options: { readonly limit: number; readonly before?: number }): Promise<NotificationRecord[]> {
    const rows = await all<NotificationRow>(this.pool, `SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE user_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3`, [
      userId,
      options.before ?? Number.MAX_SAFE_INTEGER,
      options.limit,
    ])
    return rows.map(toNotification)
  }

  async unreadCount(userId: string): Promise<number> {
    const row = await first<{ n: string }>(this.pool, 'SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [userId])
    return Number(row?.n ?? 0)
  }

  async markRead(userId: string, ids: readonly number[] | null, at: string): Promise<number> {
    if (ids) return run(this.pool, 'UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL AND id = ANY($3::bigint[])', [at, userId, ids])
    return run(this.pool, 'UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL', [at, userId])
  }

  async getSettings(userId: string): Promise<NotificationSettings> {
    return toSettings(await first<SettingsRow>(this.pool, 'SELECT user_id, muted, email FROM notification_settings WHERE user_id = $1', [userId]))
  }

  async setSettings(userId: string, settings: NotificationSettings): Promise<void> {
    await run(
      this.pool,
      'INSERT INTO notification_settings (user_id, muted, email) VALUES ($1, $2, $3) ON CONFLICT (user_id) DO UPDATE SET muted = excluded.muted, email = excluded.email',
      [userId, JSON.stringify(settings.muted), settings.email],
    )
  }

  async settingsOf(userIds: readonly string[]): Promise<Map<string, NotificationSettings>> {
    const rows = await all<SettingsRow>(this.pool, 'SELECT user_id, muted, email FROM notification_settings WHERE user_id = ANY($1::text[])', [userIds])
    const found = new Map(rows.map((r) => [r.user_id, toSettings(r)]))
    return new Map(userIds.map((id) => [id, found.get(id) ?? toSettings(null)]))
  }

  async takeEmails(state: 'immediate' | 'digest', limit: number): Promise<NotificationRecord[]> {
    // SKIP LOCKED: two processes taking at once each get their own rows.
    const rows = await all<NotificationRow>(
      this.pool,
      `UPDATE notifications SET email_state = 'sent' WHERE id IN (
         SELECT id FROM notifications WHERE email_state = $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED
       ) RETURNING ${NOTIFICATION_COLUMNS}`,
      [state, limit],
    )
    return rows.map(toNotification).sort((a, b) => a.id - b.id)
  }

  async claim(key: string, at: string): Promise<boolean> {
    return (await run(this.pool, 'INSERT INTO notification_claims (key, claimed_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, at])) === 1
  }
}
