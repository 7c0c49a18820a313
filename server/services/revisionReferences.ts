import * as Y from 'yjs'
import type { ClauseSnapshot } from '../../shared/diff/types'
import { REFERENCE_NODE } from '../../shared/draft/references'
import { bodyText, readClauseEntries, referenceResolver } from '../../shared/draft/ydoc'
import type { RevisionStore } from '../storage/revisions'

/**
 * The cross-references a revision holds, as each clause's `refText` (shared/draft/references.ts).
 * Its stored clause rows keep the text only (with the numbers of that revision); the targets are in
 * its Y.Doc state. Revisions never change: read once per process and kept, like its suggestions.
 */
export type RefTexts = ReadonlyMap<string, string>

const CACHE_SIZE = 64
const cache = new Map<string, RefTexts>()
const NONE: RefTexts = new Map()
const KEY = Buffer.from(REFERENCE_NODE, 'utf8')

/** Per clause id, the marked text of the clauses of a Y.Doc state that hold references. */
export function refTextsOfState(state: Uint8Array): RefTexts {
  // The node name is written as plain UTF-8 in the update: without it there is nothing to read.
  if (!Buffer.from(state.buffer, state.byteOffset, state.byteLength).includes(KEY)) return NONE
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, state)
    const entries = readClauseEntries(doc)
    const resolve = referenceResolver(entries)
    const found = new Map<string, string>()
    for (const { id, body } of entries) {
      const marked = bodyText(body, { resolve, marked: true })
      if (marked !== bodyText(body, { resolve })) found.set(id, marked)
    }
    return found
  } finally {
    doc.destroy()
  }
}

export async function revisionRefTexts(store: RevisionStore, draftId: string, number: number): Promise<RefTexts> {
  const key = `${draftId}:${number}`
  const hit = cache.get(key)
  if (hit) return hit
  const state = await store.revisionState(draftId, number)
  const found = state ? refTextsOfState(state) : NONE
  cache.set(key, found)
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string)
  return found
}

/** The clause with its references marked, when it has any. */
export function withRefText(clause: ClauseSnapshot, found: RefTexts): ClauseSnapshot {
  const refText = found.get(clause.id)
  return refText ? { ...clause, refText } : clause
}
