import type { Migration } from './types'

/**
 * Tenancy and revocation: each audit entry's working group, tokens with a public id and the session
 * that made them, disabled accounts, and the access changes every server process watches.
 */
export const access: Migration = {
  version: 8,
  name: 'access',
  sql: `
    ALTER TABLE audit_log ADD COLUMN group_id TEXT;
    CREATE INDEX audit_log_group ON audit_log(group_id, id);
    ALTER TABLE credentials ADD COLUMN id TEXT;
    ALTER TABLE credentials ADD COLUMN session_hash TEXT;
    UPDATE credentials SET id = lower(hex(randomblob(10))) WHERE id IS NULL;
    CREATE UNIQUE INDEX credentials_id ON credentials(id);
    CREATE INDEX credentials_session ON credentials(session_hash);
    ALTER TABLE users ADD COLUMN disabled_at TEXT;
    CREATE TABLE access_changes (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      user_id TEXT,
      draft_id TEXT,
      credential_hash TEXT
    );
    CREATE INDEX access_changes_at ON access_changes(at);
  `,
}
