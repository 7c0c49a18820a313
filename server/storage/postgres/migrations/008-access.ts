import type { Migration } from './types'

/** Tenancy and revocation (mirrors sqlite/008-access). */
export const access: Migration = {
  version: 8,
  name: 'access',
  sql: `
    ALTER TABLE audit_log ADD COLUMN group_id text COLLATE "C";
    CREATE INDEX audit_log_group ON audit_log(group_id, id);
    ALTER TABLE credentials ADD COLUMN id text COLLATE "C";
    ALTER TABLE credentials ADD COLUMN session_hash text COLLATE "C";
    UPDATE credentials SET id = substr(md5(random()::text || token_hash), 1, 20) WHERE id IS NULL;
    CREATE UNIQUE INDEX credentials_id ON credentials(id);
    CREATE INDEX credentials_session ON credentials(session_hash);
    ALTER TABLE users ADD COLUMN disabled_at text;
    CREATE TABLE access_changes (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at text COLLATE "C" NOT NULL,
      user_id text COLLATE "C",
      draft_id text COLLATE "C",
      credential_hash text COLLATE "C"
    );
    CREATE INDEX access_changes_at ON access_changes(at);
  `,
}
