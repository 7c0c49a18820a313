import type { Migration } from './types'

/** Who wrote each stored Yjs update: the connection's user (null for the server's own changes and for older rows). */
export const updateAuthors: Migration = {
  version: 9,
  name: 'update-authors',
  sql: `
    ALTER TABLE doc_updates ADD COLUMN author_id TEXT;
  `,
}
