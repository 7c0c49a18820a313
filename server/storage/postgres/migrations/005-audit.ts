import type { Migration } from './types'

/** Security-relevant actions (sign-ins, failed sign-ins, roles, phases, applied proposals), append-only (mirrors sqlite/005-audit). */
export const audit: Migration = {
  version: 5,
  name: 'audit',
  sql: `
    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at text COLLATE "C" NOT NULL,
      action text COLLATE "C" NOT NULL,
      actor_id text COLLATE "C",
      actor_name text,
      target text,
      address text,
      data jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_log_action ON audit_log(action, id);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION provisio_refuse_change('the audit log is append-only');
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION provisio_refuse_change('the audit log is append-only');
    -- TRUNCATE skips row triggers; SQLite has no TRUNCATE, so refusing it keeps the same promise.
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION provisio_refuse_change('the audit log is append-only');
  `,
}
