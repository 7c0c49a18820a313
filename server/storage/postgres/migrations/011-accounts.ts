import type { Migration } from './types'

/** The secretariat's console and notifications (mirrors sqlite/011-accounts). */
export const accounts: Migration = {
  version: 11,
  name: 'accounts',
  sql: `
    CREATE TABLE user_emails (
      user_id text COLLATE "C" PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      email text NOT NULL
    );
    CREATE UNIQUE INDEX user_emails_email ON user_emails(lower(email));
    CREATE TABLE draft_archive (
      draft_id text COLLATE "C" PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
      archived_at text NOT NULL
    );
    CREATE TABLE account_links (
      token_hash text COLLATE "C" PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('invitation','reset')),
      user_id text COLLATE "C" NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at text COLLATE "C" NOT NULL,
      expires_at text COLLATE "C" NOT NULL,
      used_at text
    );
    CREATE INDEX account_links_user ON account_links(user_id);
    CREATE TABLE user_totp (
      user_id text COLLATE "C" PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      secret text NOT NULL,
      enabled_at text,
      last_step bigint NOT NULL DEFAULT 0
    );
    CREATE TABLE recovery_codes (
      user_id text COLLATE "C" NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      code_hash text COLLATE "C" NOT NULL,
      used_at text,
      PRIMARY KEY (user_id, code_hash)
    );
    CREATE TABLE instance_settings (
      key text COLLATE "C" PRIMARY KEY,
      value text NOT NULL
    );
    CREATE TABLE notifications (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id text COLLATE "C" NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind text COLLATE "C" NOT NULL,
      draft_id text COLLATE "C",
      title text NOT NULL,
      body text NOT NULL,
      link text,
      created_at text COLLATE "C" NOT NULL,
      read_at text,
      email_state text NOT NULL CHECK (email_state IN ('none','immediate','digest','sent'))
    );
    CREATE INDEX notifications_user ON notifications(user_id, id);
    CREATE INDEX notifications_email ON notifications(email_state, id);
    CREATE TABLE notification_settings (
      user_id text COLLATE "C" PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      muted text NOT NULL DEFAULT '[]',
      email text NOT NULL CHECK (email IN ('immediate','digest','never'))
    );
    CREATE TABLE notification_claims (
      key text COLLATE "C" PRIMARY KEY,
      claimed_at text NOT NULL
    );
  `,
}
