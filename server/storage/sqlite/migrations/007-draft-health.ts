import type { Migration } from './types'

/** Each draft's last measured size and, while its stored log cannot be loaded within the limits, why. */
export const draftHealth: Migration = {
  version: 7,
  name: 'draft-health',
  sql: `
    CREATE TABLE draft_health (
      draft_id TEXT PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
      bytes INTEGER NOT NULL DEFAULT 0,
      items INTEGER NOT NULL DEFAULT 0,
      measured_at TEXT,
      damage TEXT,
      damaged_at TEXT
    );
  `,
}
