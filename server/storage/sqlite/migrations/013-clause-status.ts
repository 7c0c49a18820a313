import type { Migration } from './types'

/**
 * Reaching agreement: the States holding a clause agreed ad referendum (each with the date it expects
 * its capital's answer, and how the hold ended), and the statuses the rapporteur proposes for the
 * chair to confirm or decline. The status itself stays in the document; who holds it is data whose
 * authorship matters, so it lives here behind the API.
 */
export const clauseStatus: Migration = {
  version: 13,
  name: 'clause-status',
  sql: `
    CREATE TABLE clause_holds (
      id TEXT PRIMARY KEY,
      draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      clause_id TEXT NOT NULL,
      state_code TEXT NOT NULL,
      expected_by TEXT,
      placed_by TEXT NOT NULL,
      placed_at TEXT NOT NULL,
      released_by TEXT,
      released_at TEXT,
      outcome TEXT CHECK (outcome IN ('confirmed', 'withdrawn', 'cleared')),
      reason TEXT
    );
    CREATE UNIQUE INDEX clause_holds_open ON clause_holds (draft_id, clause_id, state_code) WHERE released_at IS NULL;
    CREATE INDEX clause_holds_by_draft ON clause_holds (draft_id, placed_at);
    CREATE TABLE clause_status_requests (
      id TEXT PRIMARY KEY,
      draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      clause_id TEXT NOT NULL,
      status TEXT NOT NULL,
      states TEXT NOT NULL,
      expected_by TEXT,
      reason TEXT,
      requested_by TEXT NOT NULL,
      requested_at TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'confirmed', 'declined', 'superseded')),
      decided_by TEXT,
      decided_at TEXT,
      decision_reason TEXT
    );
    CREATE INDEX clause_status_requests_by_draft ON clause_status_requests (draft_id, outcome, requested_at);
  `,
}
