/** Response shapes of the revisions and diff API, shared by the server and the client. */
import type { ClauseDiff, ClauseSnapshot, ClausesDiff } from './diff/types'

export interface RevisionSummary {
  /** 1, 2, 3 … per draft. */
  readonly number: number
  readonly label: string
  /** The draft's title when the revision was saved. */
  readonly title: string
  readonly createdAt: string
  readonly createdBy: { readonly id: string; readonly displayName: string }
  readonly clauseCount: number
}

export interface RevisionDetail extends RevisionSummary {
  readonly clauses: readonly ClauseSnapshot[]
}

/** One side of a comparison. */
export type DiffEndpoint =
  | { readonly kind: 'revision'; readonly number: number; readonly label: string; readonly createdAt: string }
  | { readonly kind: 'current'; readonly at: string }
  | { readonly kind: 'seen'; readonly at: string }

export interface DraftDiff extends ClausesDiff {
  readonly draftId: string
  readonly from: DiffEndpoint
  readonly to: DiffEndpoint
}

export interface RestoreResult {
  readonly revision: number
  /** The clause restored, or null when the whole draft was. */
  readonly clauseId: string | null
  /** Ids of the clauses the restore changed (none when the draft already matched). */
  readonly changed: readonly string[]
}

export interface ClauseHistoryEntry {
  readonly from: DiffEndpoint
  readonly to: DiffEndpoint
  readonly diff: ClauseDiff
}

/** The revisions (and the live draft) in which a clause changed, oldest first, each with its diff. */
export interface ClauseHistory {
  readonly clauseId: string
  readonly entries: readonly ClauseHistoryEntry[]
}

export interface SeenResponse {
  readonly seenAt: string
}
