import type { Migration } from './types'

/**
 * The full-text index (mirrors sqlite/012-search): the words the server computed (folded) in a
 * generated tsvector ('simple': no stemming, as SQLite's unicode61) with a GIN index.
 */
export const search: Migration = {
  version: 12,
  name: 'search',
  sql: `
    CREATE TABLE search_entries (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      draft_id text COLLATE "C" NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      key text COLLATE "C" NOT NULL,
      source text NOT NULL CHECK (source IN ('clause','revision','comment','proposal','position','event')),
      kind text NOT NULL CHECK (kind IN ('text','comment','event')),
      clause_id text COLLATE "C",
      thread_id text COLLATE "C",
      revision integer,
      event_id bigint,
      state_code text COLLATE "C",
      label text NOT NULL,
      heading text NOT NULL,
      body text NOT NULL,
      who text NOT NULL,
      at text COLLATE "C" NOT NULL,
      words text NOT NULL,
      who_words text NOT NULL,
      tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', words), 'A') || setweight(to_tsvector('simple', who_words), 'B')) STORED,
      UNIQUE (draft_id, key)
    );
    CREATE INDEX search_entries_tsv ON search_entries USING GIN (tsv);
    CREATE INDEX search_entries_kind ON search_entries(draft_id, kind);
    CREATE TABLE search_drafts (
      draft_id text COLLATE "C" PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
      indexed_at text COLLATE "C" NOT NULL
    );
  `,
}
