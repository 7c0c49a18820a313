/** The reports area's rows and their mapping: one definition for SQLite and PostgreSQL. */
import type { ReportRecord, ReportVersionMeta } from '../reports'

export interface VersionRow {
  report_id: string
  draft_id: string
  version: number
  title: string
  base_revision: number
  compare_to: number | null
  created_by: string
  created_by_name: string | null
  created_at: string
}
export interface ReportRow {
  id: string
  draft_id: string
  created_by: string
  created_by_name: string | null
  created_at: string
}

/** A version's columns and its author's display name (both databases speak this SQL). */
export const VERSION_META = `SELECT v.report_id, v.draft_id, v.version, v.title, v.base_revision, v.compare_to, v.created_by,
  u.display_name AS created_by_name, v.created_at FROM report_versions v LEFT JOIN users u ON u.id = v.created_by`

export const toReportVersionMeta = (r: VersionRow): ReportVersionMeta => ({
  reportId: r.report_id,
  draftId: r.draft_id,
  version: r.version,
  title: r.title,
  baseRevision: r.base_revision,
  compareTo: r.compare_to,
  createdBy: r.created_by,
  createdByName: r.created_by_name ?? '',
  createdAt: r.created_at,
})

export const toRecord = (r: ReportRow, latest: ReportVersionMeta): ReportRecord => ({
  id: r.id,
  draftId: r.draft_id,
  createdBy: r.created_by,
  createdByName: r.created_by_name ?? '',
  createdAt: r.created_at,
  latest,
})
