/** `GET /api/search` (shared by server and client). */

export const SEARCH_KIND_VALUES = ['text', 'comment', 'event'] as const
export type SearchKindValue = (typeof SEARCH_KIND_VALUES)[number]

/** A piece of a snippet: the text as written, `hit` where it matched. */
export interface SnippetPiece {
  readonly text: string
  readonly hit: boolean
}

export interface SearchHitView {
  readonly kind: SearchKindValue
  /** What was found: the live text of a clause, a clause in revisions, a comment, a proposal, a position, an event. */
  readonly source: 'clause' | 'revision' | 'comment' | 'proposal' | 'position' | 'event'
  readonly snippet: readonly SnippetPiece[]
  readonly heading: string
  /** Who wrote it (name, State code and name), or the revision's author. */
  readonly who: string
  readonly stateCode: string | null
  readonly at: string
  /** Holds the words typed, adjacent and in order. */
  readonly exact: boolean
  readonly threadId: string | null
  readonly eventId: number | null
  /** For text of revisions: the revisions holding this same wording, by number. */
  readonly revisions: readonly number[]
  /** Where the app opens it: the draft at the clause, the thread, the revision or the history. */
  readonly link: string
}

export interface SearchClauseGroup {
  /** Null: things of the draft not about one clause (a comment round opened). */
  readonly clauseId: string | null
  readonly label: string
  readonly hits: readonly SearchHitView[]
}

export interface SearchDraftGroup {
  readonly draft: { readonly id: string; readonly title: string }
  readonly clauses: readonly SearchClauseGroup[]
}

export interface SearchResponse {
  readonly query: string
  /** Hits returned (at most `limit`). */
  readonly total: number
  readonly drafts: readonly SearchDraftGroup[]
}

/** Where a hit opens: `?clause=` scrolls the text to the clause, `&thread=` opens the thread; a revision opens compared with the text now. */
export function searchLink(hit: { source: SearchHitView['source']; draftId: string; clauseId: string | null; threadId: string | null; revision: number | null }): string {
  const base = `/drafts/${encodeURIComponent(hit.draftId)}`
  const clause = hit.clauseId ? `clause=${encodeURIComponent(hit.clauseId)}` : ''
  // The revisions tab compares that revision with the text now (its own `from`/`to` parameters).
  if (hit.source === 'revision' && hit.revision !== null) return `${base}/revisions?from=${hit.revision}&to=current${clause && `&${clause}`}`
  if (hit.threadId && hit.source !== 'event') return `${base}?${clause}&thread=${encodeURIComponent(hit.threadId)}`
  if (hit.source === 'event') return `${base}/history${clause && `?${clause}`}`
  return clause ? `${base}?${clause}` : base
}
