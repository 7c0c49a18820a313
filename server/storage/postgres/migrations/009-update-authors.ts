import type { Migration } from './types'

/** Who wrote each stored Yjs update (mirrors sqlite/009-update-authors). */
export const updateAuthors: Migration = {
  version: 9,
  name: 'update-authors',
  sql: `
    ALTER TABLE doc_updates ADD COLUMN author_id text COLLATE "C";
  `,
}
