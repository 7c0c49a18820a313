import type { Migration } from './types'

/**
 * A draft's text mode (edit directly, or delegates only suggest), and the record of suggestions:
 * each State's suggested change, kept after its marks leave the document, with its fate.
 */
export const suggestions: Migration = {
  version: 10,
  name: 'suggestions',
  sql: `
    ALTER TABLE drafts ADD COLUMN text_mode TEXT NOT NULL DEFAULT 'edit' CHECK (text_mode IN ('edit', 'suggest'));
    CREATE TABLE suggestions (
      draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      clause_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('insert', 'delete', 'replace')),
      user_id TEXT NOT NULL,
      author_name TEXT NOT NULL,
      state_code TEXT,
      inserted TEXT NOT NULL,
      deleted TEXT NOT NULL,
      suggested_at TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'rejected', 'withdrawn')),
      decided_by TEXT,
      decided_at TEXT,
      reason TEXT,
      PRIMARY KEY (draft_id, id)
    );
    CREATE INDEX suggestions_by_clause ON suggestions (draft_id, clause_id, status);
  `,
}
