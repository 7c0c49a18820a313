import type { Migration } from './types'

/**
 * Silence procedures (issue 16, point 3) and statements on record (point 4). A silence is settled
 * once: the UPDATE … WHERE state = 'open' that only one process wins. One break per State.
 */
export const agreement: Migration = {
  version: 14,
  name: 'agreement',
  sql: `
    CREATE TABLE silences (
      id TEXT PRIMARY KEY,
      draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      revision INTEGER NOT NULL,
      clause_ids text NOT NULL,
      started_by TEXT NOT NULL,
      started_at TEXT NOT NULL,
      deadline TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('open','adopted','broken')),
      settled_at TEXT
    );
    CREATE UNIQUE INDEX silences_one_open ON silences(draft_id) WHERE state = 'open';
    CREATE INDEX silences_due ON silences(state, deadline);
    CREATE TABLE silence_breaks (
      silence_id TEXT NOT NULL REFERENCES silences(id) ON DELETE CASCADE,
      state_code TEXT NOT NULL,
      user_id TEXT NOT NULL,
      reason TEXT NOT NULL,
      at TEXT NOT NULL,
      PRIMARY KEY (silence_id, state_code)
    );
    CREATE TABLE statements (
      id TEXT PRIMARY KEY,
      draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      clause_id TEXT,
      kind TEXT NOT NULL CHECK (kind IN ('explanation','reservation','dissociation')),
      state_code TEXT NOT NULL,
      user_id TEXT NOT NULL,
      text TEXT NOT NULL,
      at TEXT NOT NULL
    );
    CREATE INDEX statements_draft ON statements(draft_id, at);
  `,
}
