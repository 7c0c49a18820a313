import { core } from './001-core'
import { threads } from './002-threads'
import { revisions } from './003-revisions'
import { reports } from './004-reports'
import { audit } from './005-audit'
import { proposalBase } from './006-proposal-base'
import { draftHealth } from './007-draft-health'
import { access } from './008-access'
import { updateAuthors } from './009-update-authors'
import { suggestions } from './010-suggestions'
import { accounts } from './011-accounts'
import { search } from './012-search'
import { clauseStatus } from './013-clause-status'
import { agreement } from './014-agreement'
import { meetings } from './015-meetings'
import type { Migration } from './types'

/** Every migration, one file each (NNN-name.ts), in version order. */
export const MIGRATIONS: readonly Migration[] = [core, threads, revisions, reports, audit, proposalBase, draftHealth, access, updateAuthors, suggestions, accounts, search, clauseStatus, agreement, meetings].sort((a, b) => a.version - b.version)

export type { Migration }
