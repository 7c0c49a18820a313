import type { SuggestionKind } from '../../shared/draft/suggestions'

export const SUGGESTION_STATUSES = ['open', 'accepted', 'rejected', 'withdrawn'] as const
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number]

/** A State's suggested change as the record keeps it, open or decided (its marks leave the document once decided). */
export interface SuggestionRecord {
  readonly draftId: string
  readonly id: string
  readonly clauseId: string
  readonly kind: SuggestionKind
  readonly userId: string
  readonly authorName: string
  readonly stateCode: string | null
  /** The text it adds (empty for a deletion), as it last stood in the document. */
  readonly inserted: string
  /** The text it strikes (empty for an insertion). */
  readonly deleted: string
  readonly suggestedAt: string
  readonly status: SuggestionStatus
  readonly decidedBy: string | null
  readonly decidedAt: string | null
  readonly reason: string | null
}

/** An open suggestion as the document shows it now (its text may still grow while typed). */
export type OpenSuggestionRecord = Omit<SuggestionRecord, 'status' | 'decidedBy' | 'decidedAt' | 'reason'>

export interface SuggestionDecision {
  readonly status: Exclude<SuggestionStatus, 'open'>
  readonly by: string | null
  readonly at: string
  readonly reason: string | null
}

export interface SuggestionFilter {
  readonly stateCode?: string
  readonly clauseId?: string
  readonly status?: SuggestionStatus
}

/** The record of suggestions (README "Suggestions"). */
export interface SuggestionStore {
  /** Records an open suggestion or updates its text (and clause); a decided one is left as decided. */
  upsertOpen(record: OpenSuggestionRecord): Promise<void>
  /** Records its fate if it is still open: true when this call decided it. */
  decide(draftId: string, id: string, decision: SuggestionDecision): Promise<boolean>
  get(draftId: string, id: string): Promise<SuggestionRecord | null>
  /** In the order they were suggested. */
  list(draftId: string, filter?: SuggestionFilter): Promise<SuggestionRecord[]>
}
