import type { Migration } from './types'

/** Each draft's last measured size and, while its stored log cannot be loaded within the limits, why (mirrors sqlite/007-draft-health). */
export const draftHealth: Migration = {
  version: 7,
  name: 'draft-health',
  sql: `
    CREATE TABLE draft_health (
      draft_id text COLLATE "C" PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
      bytes bigint NOT NULL DEFAULT 0,
      items bigint NOT NULL DEFAULT 0,
      measured_at text,
      damage text,
      damaged_at text
    );
  `,
}
