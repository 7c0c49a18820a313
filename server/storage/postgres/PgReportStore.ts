import type { Pool } from 'pg'
import {
  type NewReportVersion,
  type ReportInput,
  type ReportRecord,
  type ReportStore,
  type ReportVersionMeta,
  type ReportVersionRecord,
  ReportVersionTakenError,
} from '../reports'
import { type ReportRow, VERSION_META, type VersionRow, toReportVersionMeta, toRecord } from '../rows/reportRows'
import { type Queryable, all, first, isUniqueViolation, run, transaction } from './db'

/** A report with its latest version's columns prefixed `v_`. */
interface ReportWithLatestRow extends ReportRow {
  v_version: number
  v_title: string
  v_base_revision: number
  v_compare_to: number | null
  v_created_by: string
  v_created_by_name: string | null
  v_created_at: string
}

const withLatest = (r: ReportWithLatestRow): ReportRecord =>
  toRecord(
    r,
    toReportVersionMeta({
      report_id: r.id,
      draft_id: r.draft_id,
      version: r.v_version,
      title: r.v_title,
      base_revision: r.v_base_revision,
      compare_to: r.v_compare_to,
      created_by: r.v_created_by,
      created_by_name: r.v_created_by_name,
      created_at: r.v_created_at,
    }),
  )

// A report and its latest version in one statement, so both come from one snapshot of the database.
const REPORT = `SELECT r.id, r.draft_id, r.created_by, ru.display_name AS created_by_name, r.created_at,
    l.version AS v_version, l.title AS v_title, l.base_revision AS v_base_revision, l.compare_to AS v_compare_to,
    l.created_by AS v_created_by, lu.display_name AS v_created_by_name, l.created_at AS v_created_at
  FROM reports r
  LEFT JOIN users ru ON ru.id = r.created_by
  JOIN LATERAL (SELECT * FROM report_versions v WHERE v.report_id = r.id ORDER BY v.version DESC LIMIT 1) l ON true
  LEFT JOIN users lu ON lu.id = l.created_by`

/** Reports in two tables: one row per report, one per version (inputs as jsonb, the assembled content as exact text). */
export class PgReportStore implements ReportStore {
  constructor(private readonly pool: Pool) {}

  private async insertVersion(db: Queryable, reportId: string, draftId: string, v: NewReportVersion): Promise<void> {
    try {
      await run(
        db,
        `INSERT INTO report_versions (report_id, version, draft_id, title, base_revision, compare_to, input, content, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [reportId, v.version, draftId, v.input.title, v.input.baseRevision, v.input.compareTo, JSON.stringify(v.input), v.content, v.createdBy, v.createdAt],
      )
    } catch (error) {
      if (isUniqueViolation(error, 'report_versions_pkey')) throw new ReportVersionTakenError(reportId, v.version)
      throw error
    }
  }

  async createReport(report: { readonly id: string; readonly draftId: string }, initial: NewReportVersion): Promise<ReportRecord> {
    return transaction(this.pool, async (client) => {
      await run(client, 'INSERT INTO reports (id, draft_id, created_by, created_at) VALUES ($1, $2, $3, $4)', [
        report.id,
        report.draftId,
        initial.createdBy,
        initial.createdAt,
      ])
      await this.insertVersion(client, report.id, report.draftId, initial)
      const row = await first<ReportWithLatestRow>(client, `${REPORT} WHERE r.id = $1`, [report.id])
      if (!row) throw new Error('report vanished after insert')
      return withLatest(row)
    })
  }

  async addVersion(reportId: string, version: NewReportVersion): Promise<ReportVersionMeta | null> {
    return transaction(this.pool, async (client) => {
      const report = await first<{ draft_id: string }>(client, 'SELECT draft_id FROM reports WHERE id = $1', [reportId])
      if (!report) return null
      // Two revisions at once: the second waits on the first's key, then gets ReportVersionTakenError.
      await this.insertVersion(client, reportId, report.draft_id, version)
      const row = await first<VersionRow>(client, `${VERSION_META} WHERE v.report_id = $1 AND v.version = $2`, [reportId, version.version])
      if (!row) throw new Error('report version vanished after insert')
      return toReportVersionMeta(row)
    })
  }

  async getReport(id: string): Promise<ReportRecord | null> {
    const row = await first<ReportWithLatestRow>(this.pool, `${REPORT} WHERE r.id = $1`, [id])
    return row ? withLatest(row) : null
  }

  async listReports(draftId: string): Promise<ReportRecord[]> {
    return (await all<ReportWithLatestRow>(this.pool, `${REPORT} WHERE r.draft_id = $1 ORDER BY r.created_at, r.seq`, [draftId])).map(withLatest)
  }

  async listVersions(reportId: string): Promise<ReportVersionMeta[]> {
    return (await all<VersionRow>(this.pool, `${VERSION_META} WHERE v.report_id = $1 ORDER BY v.version`, [reportId])).map(toReportVersionMeta)
  }

  async getVersion(reportId: string, version: number): Promise<ReportVersionRecord | null> {
    const row = await first<VersionRow & { input: ReportInput; content: string }>(
      this.pool,
      `SELECT v.report_id, v.draft_id, v.version, v.title, v.base_revision, v.compare_to, v.created_by,
         u.display_name AS created_by_name, v.created_at, v.input, v.content
       FROM report_versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.report_id = $1 AND v.version = $2`,
      [reportId, version],
    )
    return row ? { ...toReportVersionMeta(row), input: row.input, content: row.content } : null
  }
}
