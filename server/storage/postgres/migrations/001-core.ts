import type { Migration } from './types'

/**
 * Member states, groups, users, credentials, drafts and each draft's Yjs log (mirrors sqlite/001-core).
 * Keys, names and ISO timestamps are `COLLATE "C"` (byte order, as SQLite's BINARY) so both sort the
 * same whatever the database's locale; `seq` stands for SQLite's rowid: creation order among equal times.
 */
export const core: Migration = {
  version: 1,
  name: 'core',
  sql: `
    CREATE TABLE member_states (
      code text COLLATE "C" PRIMARY KEY CHECK (length(code) = 3),
      name text COLLATE "C" NOT NULL
    );
    CREATE TABLE working_groups (
      id text COLLATE "C" PRIMARY KEY,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      slug text COLLATE "C" NOT NULL UNIQUE,
      name text NOT NULL,
      mandate text NOT NULL DEFAULT '',
      created_at text COLLATE "C" NOT NULL
    );
    CREATE TABLE users (
      id text COLLATE "C" PRIMARY KEY,
      username text COLLATE "C" NOT NULL,
      display_name text NOT NULL,
      role text NOT NULL CHECK (role IN ('secretariat','chair','rapporteur','delegate','observer')),
      state_code text COLLATE "C" REFERENCES member_states(code),
      password_hash text NOT NULL,
      created_at text COLLATE "C" NOT NULL
    );
    -- SQLite's COLLATE NOCASE: unique and looked up ignoring ASCII case (lower() under "C" folds ASCII only).
    CREATE UNIQUE INDEX users_username_nocase ON users (lower(username));
    CREATE TABLE group_members (
      group_id text COLLATE "C" NOT NULL REFERENCES working_groups(id) ON DELETE CASCADE,
      user_id text COLLATE "C" NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      PRIMARY KEY (group_id, user_id)
    );
    CREATE INDEX group_members_user ON group_members(user_id);
    CREATE TABLE credentials (
      token_hash text COLLATE "C" PRIMARY KEY,
      user_id text COLLATE "C" NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('session','token')),
      label text,
      created_at text COLLATE "C" NOT NULL,
      expires_at text COLLATE "C" NOT NULL
    );
    CREATE INDEX credentials_user ON credentials(user_id);
    CREATE TABLE drafts (
      id text COLLATE "C" PRIMARY KEY,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      group_id text COLLATE "C" NOT NULL REFERENCES working_groups(id),
      title text NOT NULL,
      phase text NOT NULL DEFAULT 'drafting' CHECK (phase IN ('drafting','consultation','closed')),
      comment_deadline text COLLATE "C",
      created_by text COLLATE "C" NOT NULL REFERENCES users(id),
      created_at text COLLATE "C" NOT NULL,
      updated_at text COLLATE "C" NOT NULL
    );
    CREATE INDEX drafts_group ON drafts(group_id);
    CREATE TABLE doc_snapshots (
      draft_id text COLLATE "C" PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
      data bytea NOT NULL,
      through_update_id bigint NOT NULL,
      updated_at text COLLATE "C" NOT NULL
    );
    -- An identity never hands out a number twice, like SQLite's AUTOINCREMENT.
    CREATE TABLE doc_updates (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      draft_id text COLLATE "C" NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      data bytea NOT NULL
    );
    CREATE INDEX doc_updates_draft ON doc_updates(draft_id, id);
  `,
}
