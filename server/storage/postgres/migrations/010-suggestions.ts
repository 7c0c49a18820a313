import type { Migration } from './types'

/** A draft's text mode and the record of suggestions (mirrors sqlite/010-suggestions). */
export const suggestions: Migration = {
  version: 10,
  name: 'suggestions',
  sql: `
    ALTER TABLE drafts ADD COLUMN text_mode text NOT NULL DEFAULT 'edit' CHECK (text_mode IN ('edit', 'suggest'));
    CREATE TABLE suggestions (
      draft_id text COLLATE "C" NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      id text COLLATE "C" NOT NULL,
      clause_id text COLLATE "C" NOT NULL,
      kind text NOT NULL CHECK (kind IN ('insert', 'delete', 'replace')),
      user_id text COLLATE "C" NOT NULL,
      author_name text NOT NULL,
      state_code text,
      inserted text NOT NULL,
      deleted text NOT NULL,
      suggested_at text NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'accepted', 'rejected', 'withdrawn')),
      decided_by text COLLATE "C",
      decided_at text,
      reason text,
      PRIMARY KEY (draft_id, id)
    );
    CREATE INDEX suggestions_by_clause ON suggestions (draft_id, clause_id, status);
  `,
}
