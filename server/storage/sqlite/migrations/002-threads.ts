import type { Migration } from './types'

/** Comment rounds, threads, comments (with earlier versions), proposals, positions and the event log. */
export const threads: Migration = {
  version: 2,
  name: 'threads',
  sql: `
    CREATE TABLE comment_rounds (
      id TEXT PRIMARY KEY,
      draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      deadline TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('open','closed')),
      opened_by TEXT NOT NULL REFERENCES users(id),
      opened_at TEXT NOT NULL,
      closed_at TEXT
    );
    CREATE INDEX comment_rounds_draft ON comment_rounds(draft_id, opened_at);
    CREATE TABLE threads (
      id TEXT PRIMARY KEY,
      draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      clause_id TEXT NOT NULL,
      anchor_start BLOB,
      anchor_end BLOB,
      quote TEXT,
      status TEXT NOT NULL CHECK (status IN ('open','resolved')),
      author_id TEXT NOT NULL REFERENCES users(id),
      author_state TEXT,
      round_id TEXT REFERENCES comment_rounds(id),
      created_at TEXT NOT NULL,
      resolved_by TEXT REFERENCES users(id),
      resolved_at TEXT,
      proposal_text TEXT,
      proposal_status TEXT CHECK (proposal_status IN ('pending','applied','declined')),
      proposal_decided_by TEXT REFERENCES users(id),
      proposal_decided_at TEXT,
      proposal_reason TEXT
    );
    CREATE INDEX threads_draft ON threads(draft_id, clause_id, created_at);
    CREATE TABLE comments (
      id TEXT PRIMARY KEY,
      thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
      author_id TEXT NOT NULL REFERENCES users(id),
      author_state TEXT,
      body TEXT NOT NULL,
      created_at TEXT NOT NULL,
      edited_at TEXT,
      deleted_at TEXT
    );
    CREATE INDEX comments_thread ON comments(thread_id, created_at);
    CREATE TABLE comment_versions (
      comment_id TEXT NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
      body TEXT NOT NULL,
      replaced_at TEXT NOT NULL
    );
    CREATE INDEX comment_versions_comment ON comment_versions(comment_id, replaced_at);
    CREATE TABLE positions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      clause_id TEXT NOT NULL,
      state_code TEXT NOT NULL REFERENCES member_states(code),
      stance TEXT NOT NULL CHECK (stance IN ('support','reservation','objection','none')),
      statement TEXT,
      author_id TEXT NOT NULL REFERENCES users(id),
      round_id TEXT REFERENCES comment_rounds(id),
      created_at TEXT NOT NULL
    );
    CREATE INDEX positions_current ON positions(draft_id, clause_id, state_code, id);
    CREATE TABLE draft_events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      type TEXT NOT NULL,
      at TEXT NOT NULL,
      actor_id TEXT NOT NULL REFERENCES users(id),
      actor_state TEXT,
      clause_id TEXT,
      thread_id TEXT,
      comment_id TEXT,
      round_id TEXT,
      data TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX draft_events_draft ON draft_events(draft_id, id);
    CREATE INDEX draft_events_state ON draft_events(draft_id, actor_state, id);
    CREATE INDEX draft_events_clause ON draft_events(draft_id, clause_id, id);
  `,
}
