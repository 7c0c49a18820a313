import type { Migration } from './types'

/**
 * The full-text index (issue 20): one row per indexed piece of a draft, its words in an FTS5 table
 * (contentless: the words are computed by the server, folded; rowid = search_entries.id), and which
 * drafts were indexed whole.
 */
export const search: Migration = {
  version: 12,
  name: 'search',
  sql: `
    CREATE TABLE search_entries (
      id INTEGER PRIMARY KEY,
      draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      key TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('clause','revision','comment','proposal','position','event')),
      kind TEXT NOT NULL CHECK (kind IN ('text','comment','event')),
      clause_id TEXT,
      thread_id TEXT,
      revision INTEGER,
      event_id INTEGER,
      state_code TEXT,
      label TEXT NOT NULL,
      heading TEXT NOT NULL,
      body TEXT NOT NULL,
      who TEXT NOT NULL,
      at TEXT NOT NULL,
      UNIQUE (draft_id, key)
    );
    CREATE INDEX search_entries_kind ON search_entries(draft_id, kind);
    CREATE VIRTUAL TABLE search_fts USING fts5(
      words, who_words, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0', prefix='2 3'
    );
    -- However a row goes (replaced, its draft deleted), its words go with it.
    CREATE TRIGGER search_entries_gone AFTER DELETE ON search_entries
      BEGIN DELETE FROM search_fts WHERE rowid = old.id; END;
    CREATE TABLE search_drafts (
      draft_id TEXT PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
      indexed_at TEXT NOT NULL
    );
  `,
}
