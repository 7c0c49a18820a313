import * as Y from 'yjs'
import { ClauseKey } from '../../../shared/draft/format'
import { DELETION, INSERTION, type OpenSuggestion, type SuggestionAttrs, parseSuggestionAttrs, readSuggestions } from '../../../shared/draft/suggestions'
import { clausesMap } from '../../../shared/draft/ydoc'
import type { DraftDelta } from './changes'
import type { Marks } from './textRuns'

export type SuggestionFate = 'accepted' | 'rejected' | 'withdrawn'

/** What one stored update did to one suggestion: it is open with this text now, or it left the document with this fate. */
export interface SuggestionChange {
  readonly clauseId: string
  readonly attrs: SuggestionAttrs
  /** The suggestion as the document holds it now; null once it is gone. */
  readonly open: OpenSuggestion | null
  /** Why it is gone (null while open). */
  readonly fate: SuggestionFate | null
}

/** How its marks went: its inserted text deleted or unmarked, its struck text deleted or unmarked. */
interface Traces {
  clauseId: string
  attrs: SuggestionAttrs
  insertionDeleted: boolean
  insertionUnmarked: boolean
  deletionDeleted: boolean
  deletionUnmarked: boolean
}

function suggestionsIn(marks: Marks): { key: string; attrs: SuggestionAttrs }[] {
  const found: { key: string; attrs: SuggestionAttrs }[] = []
  for (const key of [INSERTION, DELETION]) {
    const attrs = key in marks ? parseSuggestionAttrs(marks[key]) : null
    if (attrs) found.push({ key, attrs })
  }
  return found
}

/**
 * The suggestions an applied update touched, with where they stand now (read from the live
 * document): still open (new, or its text changed), or gone with a fate read from how its marks went
 * — its insertion's text deleted: rejected (withdrawn by its author); unmarked: accepted; its
 * deletion's text deleted: accepted; unmarked: rejected (withdrawn by its author).
 */
export function suggestionChanges(doc: Y.Doc, delta: DraftDelta, actorId: string | null): SuggestionChange[] {
  const traces = new Map<string, Traces>()
  const trace = (clauseId: string, attrs: SuggestionAttrs): Traces => {
    let found = traces.get(attrs.id)
    if (!found) {
      found = { clauseId, attrs, insertionDeleted: false, insertionUnmarked: false, deletionDeleted: false, deletionUnmarked: false }
      traces.set(attrs.id, found)
    }
    return found
  }
  for (const c of delta.clauses.values()) {
    for (const run of c.inserted) for (const { attrs } of suggestionsIn(run.marks)) trace(c.clauseId, attrs)
    for (const run of c.deleted) {
      for (const { key, attrs } of suggestionsIn(run.marks)) {
        const t = trace(c.clauseId, attrs)
        if (key === INSERTION) t.insertionDeleted = true
        else t.deletionDeleted = true
      }
    }
    for (const run of c.reformatted) {
      for (const { attrs } of suggestionsIn(run.after)) trace(c.clauseId, attrs)
      for (const { key, attrs } of suggestionsIn(run.before)) {
        if (suggestionsIn(run.after).some((s) => s.key === key && s.attrs.id === attrs.id)) continue
        const t = trace(c.clauseId, attrs)
        if (key === INSERTION) t.insertionUnmarked = true
        else t.deletionUnmarked = true
      }
    }
  }
  if (traces.size === 0) return []
  // Where they stand now: the open suggestions of the clauses touched.
  const openNow = new Map<string, { clauseId: string; open: OpenSuggestion }>()
  for (const clauseId of new Set([...traces.values()].map((t) => t.clauseId))) {
    const body = clausesMap(doc).get(clauseId)?.get(ClauseKey.body)
    for (const open of readSuggestions(body instanceof Y.XmlFragment ? body : null)) openNow.set(open.id, { clauseId, open })
  }
  return [...traces.values()].map((t) => {
    const now = openNow.get(t.attrs.id)
    if (now) return { clauseId: now.clauseId, attrs: t.attrs, open: now.open, fate: null }
    const byAuthor = actorId !== null && actorId === t.attrs.user
    const fate: SuggestionFate =
      t.insertionUnmarked || (t.deletionDeleted && !t.insertionDeleted) ? 'accepted'
      : byAuthor ? 'withdrawn'
      : 'rejected'
    return { clauseId: t.clauseId, attrs: t.attrs, open: null, fate }
  })
}
