import type { SuggestionStatus, SuggestionView } from '../../shared/suggestionsApi'

export const SUGGESTION_STATUSES = ['open', 'accepted', 'rejected', 'withdrawn'] as const satisfies readonly SuggestionStatus[]
export type { SuggestionStatus }

/** A State's suggested change as the record keeps it, open or decided (the API's view without the decider's name). */
export type SuggestionRecord = Omit<SuggestionView, 'decidedByName'>

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
