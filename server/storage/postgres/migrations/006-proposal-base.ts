import type { Migration } from './types'

/** The wording a proposal was made against (mirrors sqlite/006-proposal-base). */
export const proposalBase: Migration = {
  version: 6,
  name: 'proposal-base',
  sql: `ALTER TABLE threads ADD COLUMN proposal_base text;`,
}
