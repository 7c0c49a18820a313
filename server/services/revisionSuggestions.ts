import * as Y from 'yjs'
import { type SuggestedRun, suggestedRuns } from '../../shared/diff/suggestedText'
import type { ClauseSnapshot } from '../../shared/diff/types'
import { type OpenSuggestion, DELETION, INSERTION, readSuggestions } from '../../shared/draft/suggestions'
import { readClauseEntries } from '../../shared/draft/ydoc'
import type { RevisionStore } from '../storage/revisions'

/**
 * The open suggestions a revision holds. Its stored clause rows keep the base text only; the marks
 * are in its Y.Doc state, which takes a few hundred ms to load for a large draft. Revisions never
 * change, so each one's suggestions are read once per process and kept (only clauses that have some).
 */
export interface ClauseSuggestions {
  readonly suggestions: readonly OpenSuggestion[]
  /** The clause's text with them, for the report (shared/diff/suggestedText.ts). */
  readonly runs: readonly SuggestedRun[]
}

export type Found = ReadonlyMap<string, ClauseSuggestions>

const CACHE_SIZE = 64
const cache = new Map<string, Found>()
const NONE: Found = new Map()

const KEYS = [INSERTION, DELETION].map((key) => Buffer.from(key, 'utf8'))

/** False when the encoded state cannot hold a suggestion mark: its key is written as plain UTF-8 in the update. */
export function mayHoldSuggestions(state: Uint8Array): boolean {
  const bytes = Buffer.from(state.buffer, state.byteOffset, state.byteLength)
  return KEYS.some((key) => bytes.includes(key))
}

/** Per clause id, the open suggestions of a Y.Doc state (clauses without any left out). */
export function suggestionsOfState(state: Uint8Array): Found {
  if (!mayHoldSuggestions(state)) return NONE
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, state)
    const found = new Map<string, ClauseSuggestions>()
    for (const { id, body } of readClauseEntries(doc)) {
      const runs = suggestedRuns(body)
      if (runs) found.set(id, { suggestions: readSuggestions(body), runs })
    }
    return found
  } finally {
    doc.destroy()
  }
}

export async function revisionSuggestions(store: RevisionStore, draftId: string, number: number): Promise<Found> {
  const key = `${draftId}:${number}`
  const hit = cache.get(key)
  if (hit) {
    // Most recently used last, so the oldest is dropped first.
    cache.delete(key)
    cache.set(key, hit)
    return hit
  }
  const state = await store.revisionState(draftId, number)
  const found = state ? suggestionsOfState(state) : NONE
  cache.set(key, found)
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string)
  return found
}

/** The clause with the revision's open suggestions on it, when it has any. */
export function withFound(clause: ClauseSnapshot, found: Found): ClauseSnapshot {
  const suggestions = found.get(clause.id)?.suggestions
  return suggestions ? { ...clause, suggestions } : clause
}
