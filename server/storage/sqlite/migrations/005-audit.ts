import type { Migration } from './types'

/** Security-relevant actions (sign-ins, failed sign-ins, roles, phases, applied proposals), append-only. */
export const audit: Migration = {
  version: 5,
  name: 'audit',
  sql: `
    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      action TEXT NOT NULL,
      actor_id TEXT,
      actor_name TEXT,
      target TEXT,
      address TEXT,
      data TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_log_action ON audit_log(action, id);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  `,
}
