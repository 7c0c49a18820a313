import type { Migration } from './types'

/** Rapporteur's reports and their versions (inputs + the assembled report, immutable), tied to revisions (mirrors sqlite/004-reports). */
export const reports: Migration = {
  version: 4,
  name: 'reports',
  sql: `
    CREATE TABLE reports (
      id text COLLATE "C" PRIMARY KEY,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      draft_id text COLLATE "C" NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      created_by text COLLATE "C" NOT NULL REFERENCES users(id),
      created_at text COLLATE "C" NOT NULL
    );
    CREATE INDEX reports_draft ON reports(draft_id, created_at, seq);
    CREATE TABLE report_versions (
      report_id text COLLATE "C" NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
      version integer NOT NULL CHECK (version > 0),
      draft_id text COLLATE "C" NOT NULL,
      title text NOT NULL,
      base_revision integer NOT NULL,
      compare_to integer,
      input jsonb NOT NULL,
      -- Text, not jsonb: exports render from exactly the stored characters.
      content text NOT NULL,
      created_by text COLLATE "C" NOT NULL REFERENCES users(id),
      created_at text COLLATE "C" NOT NULL,
      PRIMARY KEY (report_id, version),
      -- Each version is tied to the revisions it presents and compares.
      FOREIGN KEY (draft_id, base_revision) REFERENCES revisions(draft_id, number),
      FOREIGN KEY (draft_id, compare_to) REFERENCES revisions(draft_id, number)
    );
    -- A saved version is a record: revising a report adds a version, it never rewrites one.
    CREATE TRIGGER report_versions_immutable BEFORE UPDATE ON report_versions
      FOR EACH ROW EXECUTE FUNCTION provisio_refuse_change('report versions never change');
  `,
}
