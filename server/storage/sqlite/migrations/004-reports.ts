import type { Migration } from './types'

/** Rapporteur's reports and their versions (inputs + the assembled report, immutable), tied to revisions. */
export const reports: Migration = {
  version: 4,
  name: 'reports',
  sql: `
    CREATE TABLE reports (
      id TEXT PRIMARY KEY,
      draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      created_by TEXT NOT NULL REFERENCES users(id),
      created_at TEXT NOT NULL
    );
    CREATE INDEX reports_draft ON reports(draft_id, created_at);
    CREATE TABLE report_versions (
      report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
      version INTEGER NOT NULL CHECK (version > 0),
      draft_id TEXT NOT NULL,
      title TEXT NOT NULL,
      base_revision INTEGER NOT NULL,
      compare_to INTEGER,
      input TEXT NOT NULL,
      content TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id),
      created_at TEXT NOT NULL,
      PRIMARY KEY (report_id, version),
      -- Each version is tied to the revisions it presents and compares.
      FOREIGN KEY (draft_id, base_revision) REFERENCES revisions(draft_id, number),
      FOREIGN KEY (draft_id, compare_to) REFERENCES revisions(draft_id, number)
    );
    -- A saved version is a record: revising a report adds a version, it never rewrites one.
    CREATE TRIGGER report_versions_immutable BEFORE UPDATE ON report_versions
      BEGIN SELECT RAISE(ABORT, 'report versions never change'); END;
  `,
}
