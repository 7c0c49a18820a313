/** The silences and statements tables' rows and their mapping: one definition for SQLite and PostgreSQL. */
import type { SilenceBreakView, SilenceState, StatementKind } from '../../../shared/agreementApi'
import type { SilenceRecord, StatementFilter, StatementRecord } from '../agreement'

export interface SilenceRow {
  id: string
  draft_id: string
  revision: number
  clause_ids: string
  started_by: string
  started_at: string
  deadline: string
  state: SilenceState
  settled_at: string | null
}

export interface BreakRow {
  silence_id: string
  state_code: string
  user_id: string
  reason: string
  at: string
}

export interface StatementRow {
  id: string
  draft_id: string
  clause_id: string | null
  kind: StatementKind
  state_code: string
  user_id: string
  text: string
  at: string
}

const toBreak = (r: BreakRow): SilenceBreakView => ({ stateCode: r.state_code, userId: r.user_id, reason: r.reason, at: r.at })

/** Clause ids are stored as a JSON array (written only by the server). */
function clauseIdsOf(json: string): string[] {
  const parsed: unknown = JSON.parse(json)
  return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : []
}

export const toSilence = (r: SilenceRow, breaks: readonly BreakRow[]): SilenceRecord => ({
  id: r.id,
  draftId: r.draft_id,
  revision: r.revision,
  clauseIds: clauseIdsOf(r.clause_ids),
  startedBy: r.started_by,
  startedAt: r.started_at,
  deadline: r.deadline,
  state: r.state,
  settledAt: r.settled_at,
  breaks: breaks.filter((b) => b.silence_id === r.id).map(toBreak),
})

export const toStatement = (r: StatementRow): StatementRecord => ({
  id: r.id,
  draftId: r.draft_id,
  clauseId: r.clause_id,
  kind: r.kind,
  stateCode: r.state_code,
  userId: r.user_id,
  text: r.text,
  at: r.at,
})

export const statementFilter = (draftId: string, f: StatementFilter = {}) => ({ draft: draftId, clause: f.clauseId ?? null, state: f.stateCode ?? null, kind: f.kind ?? null })

export const SETTLE_OUTCOME = `CASE WHEN EXISTS (SELECT 1 FROM silence_breaks b WHERE b.silence_id = silences.id) THEN 'broken' ELSE 'adopted' END`
