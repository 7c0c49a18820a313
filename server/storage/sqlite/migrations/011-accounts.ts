import type { Migration } from './types'

/**
 * The secretariat's console and notifications (issue 18): e-mail addresses, archived drafts,
 * one-time links (invitations, password resets), second factors and recovery codes, instance
 * settings, the inbox, per-user notification settings and the claims that make a reminder go once.
 */
export const accounts: Migration = {
  version: 11,
  name: 'accounts',
  sql: `
    CREATE TABLE user_emails (
      user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      email TEXT NOT NULL UNIQUE COLLATE NOCASE
    );
    CREATE TABLE draft_archive (
      draft_id TEXT PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
      archived_at TEXT NOT NULL
    );
    CREATE TABLE account_links (
      token_hash TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('invitation','reset')),
      user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      used_at TEXT
    );
    CREATE INDEX account_links_user ON account_links(user_id);
    CREATE TABLE user_totp (
      user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      secret TEXT NOT NULL,
      enabled_at TEXT,
      last_step INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE recovery_codes (
      user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      code_hash TEXT NOT NULL,
      used_at TEXT,
      PRIMARY KEY (user_id, code_hash)
    );
    CREATE TABLE instance_settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
    CREATE TABLE notifications (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind TEXT NOT NULL,
      draft_id TEXT,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      link TEXT,
      created_at TEXT NOT NULL,
      read_at TEXT,
      email_state TEXT NOT NULL CHECK (email_state IN ('none','immediate','digest','sent'))
    );
    CREATE INDEX notifications_user ON notifications(user_id, id);
    CREATE INDEX notifications_email ON notifications(email_state, id);
    CREATE TABLE notification_settings (
      user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      muted TEXT NOT NULL DEFAULT '[]',
      email TEXT NOT NULL CHECK (email IN ('immediate','digest','never'))
    );
    CREATE TABLE notification_claims (
      key TEXT PRIMARY KEY,
      claimed_at TEXT NOT NULL
    );
  `,
}
