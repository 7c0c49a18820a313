/** The suggestions table's rows and their mapping: one definition for SQLite and PostgreSQL. */
import type { SuggestionKind } from '../../../shared/draft/suggestions'
import type { SuggestionFilter, SuggestionRecord, SuggestionStatus } from '../suggestions'

export interface SuggestionRow {
  draft_id: string
  id: string
  clause_id: string
  kind: SuggestionKind
  user_id: string
  author_name: string
  state_code: string | null
  inserted: string
  deleted: string
  suggested_at: string
  status: SuggestionStatus
  decided_by: string | null
  decided_at: string | null
  reason: string | null
}

export const toSuggestion = (r: SuggestionRow): SuggestionRecord => ({
  draftId: r.draft_id,
  id: r.id,
  clauseId: r.clause_id,
  kind: r.kind,
  userId: r.user_id,
  authorName: r.author_name,
  stateCode: r.state_code,
  inserted: r.inserted,
  deleted: r.deleted,
  suggestedAt: r.suggested_at,
  status: r.status,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  reason: r.reason,
})

/** The filter as named parameters (null: any). */
export const filterParams = (draftId: string, filter: SuggestionFilter = {}) => ({
  draft: draftId,
  state: filter.stateCode ?? null,
  clause: filter.clauseId ?? null,
  status: filter.status ?? null,
})
