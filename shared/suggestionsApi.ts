import type { SuggestionKind } from './draft/suggestions'

export type SuggestionStatus = 'open' | 'accepted' | 'rejected' | 'withdrawn'

/** A State's suggestion and its fate (`GET /api/drafts/:id/suggestions`). */
export interface SuggestionView {
  readonly draftId: string
  readonly id: string
  readonly clauseId: string
  readonly kind: SuggestionKind
  readonly userId: string
  readonly authorName: string
  readonly stateCode: string | null
  readonly inserted: string
  readonly deleted: string
  readonly suggestedAt: string
  readonly status: SuggestionStatus
  readonly decidedBy: string | null
  readonly decidedByName: string | null
  readonly decidedAt: string | null
  readonly reason: string | null
}
