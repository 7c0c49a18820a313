import type * as Y from 'yjs'
import { bodyText, readClauseEntries } from '../draft/ydoc'
import type { ClauseSnapshot } from './types'

/** The draft's clauses in order as a revision keeps them (plain text, no HTML): what diffs compare. */
export function clauseSnapshots(doc: Y.Doc): ClauseSnapshot[] {
  // Key order is part of the stored revision's JSON: keep it as it was.
  return readClauseEntries(doc).map(({ id, kind, number, label, heading, status, body }) => ({ id, kind, number, label, heading, status, text: bodyText(body) }))
}
