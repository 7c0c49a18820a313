/** The full-text index of drafts: clause text (live and in revisions), comments, proposals, positions, events. */
import { words } from '../../shared/search/fold'
import type { ParsedQuery } from '../search/query'

/** What an entry is: the three kinds of `GET /api/search?kind=` and the thing each entry stands for. */
export const SEARCH_KINDS = ['text', 'comment', 'event'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]
export const SEARCH_SOURCES = ['clause', 'revision', 'comment', 'proposal', 'position', 'event'] as const
export type SearchSource = (typeof SEARCH_SOURCES)[number]

export const KIND_OF: Readonly<Record<SearchSource, SearchKind>> = {
  clause: 'text',
  revision: 'text',
  comment: 'comment',
  proposal: 'comment',
  position: 'comment',
  event: 'event',
}

/** One indexed piece of a draft; (draftId, key) is unique, e.g. `clause:<id>`, `revision:3:<id>`, `comment:<id>`. */
export interface SearchEntry {
  readonly draftId: string
  readonly key: string
  readonly source: SearchSource
  readonly clauseId: string | null
  readonly threadId: string | null
  readonly revision: number | null
  readonly eventId: number | null
  /** The State it is by (a delegate's comment, a position, an event's actor): `state=KEN` keeps these. */
  readonly stateCode: string | null
  /** Where it stood when indexed ("Article 5"); empty when no clause. */
  readonly label: string
  readonly heading: string
  /** The text shown and matched. */
  readonly body: string
  /** Who: a name, the State's code and name (matched too, ranked below the text). */
  readonly who: string
  readonly at: string
}

export interface SearchQuery {
  readonly query: ParsedQuery
  /** Only drafts of these working groups: the reader's. */
  readonly groupIds: readonly string[]
  readonly draftId?: string | undefined
  readonly kinds?: readonly SearchKind[] | undefined
  readonly stateCode?: string | undefined
  readonly limit: number
}

/** An entry found, best first: `exact` when it holds the words typed, adjacent and in order. */
export interface SearchHit extends SearchEntry {
  readonly exact: boolean
}

export interface SearchIndexSize {
  readonly entries: number
  /** Bytes of the index's tables and indexes. */
  readonly bytes: number
}

/** The index; every implementation passes searchContract.ts. */
export interface SearchStore {
  /** Adds entries, replacing those with the same draft and key. */
  put(entries: readonly SearchEntry[]): Promise<void>
  remove(draftId: string, keys: readonly string[]): Promise<void>
  /** Sets the label of every entry of these clauses but revisions' (clauses moved: "Article 5" is now "Article 6"). */
  relabel(draftId: string, labels: readonly { readonly clauseId: string; readonly label: string }[]): Promise<void>
  /** Replaces everything the draft has in the index with `entries`, and marks the draft indexed. */
  replaceDraft(draftId: string, entries: readonly SearchEntry[]): Promise<void>
  /** Those of `draftIds` never indexed whole (new drafts, or a database older than the index). */
  unindexed(draftIds: readonly string[]): Promise<string[]>
  /** Empties the index and forgets every draft's mark (before a rebuild). */
  clear(): Promise<void>
  /** Matches, best first: exact phrase first, then by the database's rank, then newest. */
  search(query: SearchQuery): Promise<SearchHit[]>
  size(): Promise<SearchIndexSize>
}

/** The words an entry is matched by: its heading and body, and (weighted less) who. Folded, space-separated. */
export function indexWords(entry: SearchEntry): { readonly text: string; readonly who: string } {
  return { text: words(`${entry.heading}\n${entry.body}`).join(' '), who: words(entry.who).join(' ') }
}
