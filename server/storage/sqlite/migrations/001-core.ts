import type { Migration } from './types'

/** Member states, groups, users, credentials, drafts and each draft's Yjs log. */
export const core: Migration = {
  version: 1,
  name: 'core',
  sql: `
      CREATE TABLE member_states (
        code TEXT PRIMARY KEY CHECK (length(code) = 3),
        name TEXT NOT NULL
      );
      CREATE TABLE working_groups (
        id TEXT PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        mandate TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      );
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('secretariat','chair','rapporteur','delegate','observer')),
        state_code TEXT REFERENCES member_states(code),
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE group_members (
        group_id TEXT NOT NULL REFERENCES working_groups(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        PRIMARY KEY (group_id, user_id)
      );
      CREATE TABLE credentials (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('session','token')),
        label TEXT,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX credentials_user ON credentials(user_id);
      CREATE TABLE drafts (
        id TEXT PRIMARY KEY,
        group_id TEXT NOT NULL REFERENCES working_groups(id),
        title TEXT NOT NULL,
        phase TEXT NOT NULL DEFAULT 'drafting' CHECK (phase IN ('drafting','consultation','closed')),
        comment_deadline TEXT,
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX drafts_group ON drafts(group_id);
      CREATE TABLE doc_snapshots (
        draft_id TEXT PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
        data BLOB NOT NULL,
        through_update_id INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE doc_updates (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        data BLOB NOT NULL
      );
      CREATE INDEX doc_updates_draft ON doc_updates(draft_id, id);
    `,
}
