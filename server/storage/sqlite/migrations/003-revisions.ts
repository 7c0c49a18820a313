import type { Migration } from './types'

/** Named revisions (Yjs state + rendered clauses, immutable) and what each user last saw of a draft. */
export const revisions: Migration = {
  version: 3,
  name: 'revisions',
  sql: `
    CREATE TABLE revisions (
      draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      number INTEGER NOT NULL CHECK (number > 0),
      label TEXT NOT NULL,
      title TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id),
      created_at TEXT NOT NULL,
      state BLOB NOT NULL,
      clause_count INTEGER NOT NULL,
      PRIMARY KEY (draft_id, number)
    );
    CREATE TABLE revision_clauses (
      draft_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      ord INTEGER NOT NULL,
      clause_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      number INTEGER,
      label TEXT NOT NULL,
      heading TEXT NOT NULL,
      status TEXT NOT NULL,
      text TEXT NOT NULL,
      PRIMARY KEY (draft_id, revision, ord),
      FOREIGN KEY (draft_id, revision) REFERENCES revisions(draft_id, number) ON DELETE CASCADE
    );
    CREATE INDEX revision_clauses_clause ON revision_clauses(draft_id, clause_id, revision);
    -- A revision is a record: it never changes once saved.
    CREATE TRIGGER revisions_immutable BEFORE UPDATE ON revisions
      BEGIN SELECT RAISE(ABORT, 'revisions never change'); END;
    CREATE TRIGGER revision_clauses_immutable BEFORE UPDATE ON revision_clauses
      BEGIN SELECT RAISE(ABORT, 'revisions never change'); END;
    CREATE TABLE draft_seen (
      user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      seen_at TEXT NOT NULL,
      clauses TEXT NOT NULL,
      PRIMARY KEY (user_id, draft_id)
    );
  `,
}
