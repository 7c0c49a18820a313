import type { Migration } from './types'

/** Comment rounds, threads, comments (with earlier versions), proposals, positions and the event log (mirrors sqlite/002-threads). */
export const threads: Migration = {
  version: 2,
  name: 'threads',
  sql: `
    CREATE TABLE comment_rounds (
      id text COLLATE "C" PRIMARY KEY,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      draft_id text COLLATE "C" NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      name text NOT NULL,
      deadline text COLLATE "C" NOT NULL,
      status text NOT NULL CHECK (status IN ('open','closed')),
      opened_by text COLLATE "C" NOT NULL REFERENCES users(id),
      opened_at text COLLATE "C" NOT NULL,
      closed_at text COLLATE "C"
    );
    CREATE INDEX comment_rounds_draft ON comment_rounds(draft_id, opened_at, seq);
    CREATE TABLE threads (
      id text COLLATE "C" PRIMARY KEY,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      draft_id text COLLATE "C" NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      clause_id text COLLATE "C" NOT NULL,
      anchor_start bytea,
      anchor_end bytea,
      quote text,
      status text NOT NULL CHECK (status IN ('open','resolved')),
      author_id text COLLATE "C" NOT NULL REFERENCES users(id),
      author_state text COLLATE "C",
      round_id text COLLATE "C" REFERENCES comment_rounds(id),
      created_at text COLLATE "C" NOT NULL,
      resolved_by text COLLATE "C" REFERENCES users(id),
      resolved_at text COLLATE "C",
      proposal_text text,
      proposal_status text CHECK (proposal_status IN ('pending','applied','declined')),
      proposal_decided_by text COLLATE "C" REFERENCES users(id),
      proposal_decided_at text COLLATE "C",
      proposal_reason text
    );
    CREATE INDEX threads_draft ON threads(draft_id, clause_id, created_at);
    CREATE INDEX threads_draft_time ON threads(draft_id, created_at, seq);
    CREATE TABLE comments (
      id text COLLATE "C" PRIMARY KEY,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      thread_id text COLLATE "C" NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
      author_id text COLLATE "C" NOT NULL REFERENCES users(id),
      author_state text COLLATE "C",
      body text NOT NULL,
      created_at text COLLATE "C" NOT NULL,
      edited_at text COLLATE "C",
      deleted_at text COLLATE "C"
    );
    CREATE INDEX comments_thread ON comments(thread_id, created_at);
    CREATE TABLE comment_versions (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      comment_id text COLLATE "C" NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
      body text NOT NULL,
      replaced_at text COLLATE "C" NOT NULL
    );
    CREATE INDEX comment_versions_comment ON comment_versions(comment_id, replaced_at);
    CREATE TABLE positions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      draft_id text COLLATE "C" NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      clause_id text COLLATE "C" NOT NULL,
      state_code text COLLATE "C" NOT NULL REFERENCES member_states(code),
      stance text NOT NULL CHECK (stance IN ('support','reservation','objection','none')),
      statement text,
      author_id text COLLATE "C" NOT NULL REFERENCES users(id),
      round_id text COLLATE "C" REFERENCES comment_rounds(id),
      created_at text COLLATE "C" NOT NULL
    );
    CREATE INDEX positions_current ON positions(draft_id, clause_id, state_code, id);
    CREATE TABLE draft_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      draft_id text COLLATE "C" NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      type text NOT NULL,
      at text COLLATE "C" NOT NULL,
      actor_id text COLLATE "C" NOT NULL REFERENCES users(id),
      actor_state text COLLATE "C",
      clause_id text COLLATE "C",
      thread_id text COLLATE "C",
      comment_id text COLLATE "C",
      round_id text COLLATE "C",
      data jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX draft_events_draft ON draft_events(draft_id, id);
    CREATE INDEX draft_events_state ON draft_events(draft_id, actor_state, id);
    CREATE INDEX draft_events_clause ON draft_events(draft_id, clause_id, id);
  `,
}
