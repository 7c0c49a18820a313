/** The clause_holds and clause_status_requests rows and their mapping: one definition for SQLite and PostgreSQL. */
import type { HoldOutcome, StatusRequestOutcome } from '../../../shared/clauseStatusApi'
import { type ClauseStatus, isClauseStatus } from '../../../shared/draft/format'
import type { HoldRecord, StatusRequestRecord } from '../clauseStatus'

export interface HoldRow {
  id: string
  draft_id: string
  clause_id: string
  state_code: string
  expected_by: string | null
  placed_by: string
  placed_at: string
  released_by: string | null
  released_at: string | null
  outcome: HoldOutcome | null
  reason: string | null
}

export const toHold = (r: HoldRow): HoldRecord => ({
  id: r.id,
  draftId: r.draft_id,
  clauseId: r.clause_id,
  stateCode: r.state_code,
  expectedBy: r.expected_by,
  placedBy: r.placed_by,
  placedAt: r.placed_at,
  releasedBy: r.released_by,
  releasedAt: r.released_at,
  outcome: r.outcome,
  reason: r.reason,
})

export interface RequestRow {
  id: string
  draft_id: string
  clause_id: string
  status: string
  states: string
  expected_by: string | null
  reason: string | null
  requested_by: string
  requested_at: string
  outcome: StatusRequestOutcome
  decided_by: string | null
  decided_at: string | null
  decision_reason: string | null
}

const statesOf = (json: string): string[] => {
  const parsed: unknown = JSON.parse(json)
  return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === 'string') : []
}

export const toRequest = (r: RequestRow): StatusRequestRecord => ({
  id: r.id,
  draftId: r.draft_id,
  clauseId: r.clause_id,
  status: (isClauseStatus(r.status) ? r.status : 'proposed') satisfies ClauseStatus,
  states: statesOf(r.states),
  expectedBy: r.expected_by,
  reason: r.reason,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at,
  outcome: r.outcome,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  decisionReason: r.decision_reason,
})
