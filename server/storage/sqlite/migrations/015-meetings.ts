import type { Migration } from './types'

/** Meetings (issue 19): one JSON record per meeting, changed by compare-and-set on `version`; one open meeting per draft. */
export const meetings: Migration = {
  version: 15,
  name: 'meetings',
  sql: `
    CREATE TABLE meetings (
      id TEXT PRIMARY KEY,
      draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      status TEXT NOT NULL CHECK (status IN ('open','closed')),
      opened_at TEXT NOT NULL,
      version INTEGER NOT NULL,
      record TEXT NOT NULL
    );
    CREATE UNIQUE INDEX meetings_one_open ON meetings(draft_id) WHERE status = 'open';
    CREATE INDEX meetings_draft ON meetings(draft_id, opened_at);
  `,
}
