/** The revisions area's rows and their mapping: one definition for SQLite and PostgreSQL. */
import type { ClauseKind, ClauseStatus } from '../../../shared/draft/format'
import type { ClauseSnapshot, RevisionMeta } from '../revisions'

export interface RevisionRow {
  draft_id: string
  number: number
  label: string
  title: string
  created_by: string
  created_by_name: string | null
  created_at: string
  clause_count: number
}
export interface ClauseRow {
  revision: number
  clause_id: string
  kind: ClauseKind
  number: number | null
  label: string
  heading: string
  status: ClauseStatus
  text: string
}

export const toRevisionMeta = (r: RevisionRow): RevisionMeta => ({
  draftId: r.draft_id,
  number: r.number,
  label: r.label,
  title: r.title,
  createdBy: r.created_by,
  createdByName: r.created_by_name ?? '',
  createdAt: r.created_at,
  clauseCount: r.clause_count,
})
export const toClause = (r: ClauseRow): ClauseSnapshot => ({
  id: r.clause_id,
  kind: r.kind,
  number: r.number,
  label: r.label,
  heading: r.heading,
  status: r.status,
  text: r.text,
})
