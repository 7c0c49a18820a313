import type { Migration } from './types'

/** The wording a proposal was made against (text form), so applying a stale proposal is caught. */
export const proposalBase: Migration = {
  version: 6,
  name: 'proposal-base',
  sql: `ALTER TABLE threads ADD COLUMN proposal_base TEXT;`,
}
