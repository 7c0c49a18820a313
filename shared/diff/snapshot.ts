import type * as Y from 'yjs'
import { readSuggestions } from '../draft/suggestions'
import { bodyText, readClauseEntries, referenceResolver } from '../draft/ydoc'
import type { ClauseSnapshot } from './types'

/** The draft's clauses in order as a revision keeps them (base text, no HTML, open suggestions when any): what diffs compare. */
export function clauseSnapshots(doc: Y.Doc): ClauseSnapshot[] {
  // Key order is part of the stored revision's JSON: keep it as it was (suggestions last, only when there are some).
  const entries = readClauseEntries(doc)
  const resolve = referenceResolver(entries)
  return entries.map(({ id, kind, number, label, heading, status, body }) => {
    const suggestions = readSuggestions(body)
    const text = bodyText(body, { resolve })
    // The text with each cross-reference's target kept, only when there are any: diffs compare references by target.
    const refText = bodyText(body, { resolve, marked: true })
    return { id, kind, number, label, heading, status, text, ...(suggestions.length > 0 ? { suggestions } : {}), ...(refText !== text ? { refText } : {}) }
  })
}

