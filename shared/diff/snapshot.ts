import type * as Y from 'yjs'
import { readSuggestions } from '../draft/suggestions'
import { bodyText, readClauseEntries } from '../draft/ydoc'
import type { ClauseSnapshot } from './types'

/** The draft's clauses in order as a revision keeps them (base text, no HTML, open suggestions when any): what diffs compare. */
export function clauseSnapshots(doc: Y.Doc): ClauseSnapshot[] {
  // Key order is part of the stored revision's JSON: keep it as it was (suggestions last, only when there are some).
  return readClauseEntries(doc).map(({ id, kind, number, label, heading, status, body }) => {
    const suggestions = readSuggestions(body)
    return { id, kind, number, label, heading, status, text: bodyText(body), ...(suggestions.length > 0 ? { suggestions } : {}) }
  })
}

