import type { Migration } from './types'

/** Ad referendum holds and proposed statuses (mirrors sqlite/013-clause-status). */
export const clauseStatus: Migration = {
  version: 13,
  name: 'clause-status',
  sql: `
    CREATE TABLE clause_holds (
      id text COLLATE "C" PRIMARY KEY,
      draft_id text COLLATE "C" NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      clause_id text COLLATE "C" NOT NULL,
      state_code text COLLATE "C" NOT NULL,
      expected_by text,
      placed_by text COLLATE "C" NOT NULL,
      placed_at text NOT NULL,
      released_by text COLLATE "C",
      released_at text,
      outcome text CHECK (outcome IN ('confirmed', 'withdrawn', 'cleared')),
      reason text
    );
    CREATE UNIQUE INDEX clause_holds_open ON clause_holds (draft_id, clause_id, state_code) WHERE released_at IS NULL;
    CREATE INDEX clause_holds_by_draft ON clause_holds (draft_id, placed_at);
    CREATE TABLE clause_status_requests (
      id text COLLATE "C" PRIMARY KEY,
      draft_id text COLLATE "C" NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      clause_id text COLLATE "C" NOT NULL,
      status text NOT NULL,
      states text NOT NULL,
      expected_by text,
      reason text,
      requested_by text COLLATE "C" NOT NULL,
      requested_at text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('pending', 'confirmed', 'declined', 'superseded')),
      decided_by text COLLATE "C",
      decided_at text,
      decision_reason text
    );
    CREATE INDEX clause_status_requests_by_draft ON clause_status_requests (draft_id, outcome, requested_at);
  `,
}
