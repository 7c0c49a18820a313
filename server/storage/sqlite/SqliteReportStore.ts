import type Database from 'better-sqlite3'
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



const REPORT = 'SELECT r.id, r.draft_id, r.created_by, u.display_name AS created_by_name, r.created_at FROM reports r LEFT JOIN users u ON u.id = r.created_by'

const isPrimaryKeyClash = (error: unknown) => error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'

/** Reports in two tables: one row per report, one per version (inputs and assembled content as JSON). */
export class SqliteReportStore implements ReportStore {
  private readonly stmt

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      insertReport: db.prepare('INSERT INTO reports (id, draft_id, created_by, created_at) VALUES (?, ?, ?, ?)'),
      insertVersion: db.prepare(
        `INSERT INTO report_versions (report_id, version, draft_id, title, base_revision, compare_to, input, content, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      getReport: db.prepare(`${REPORT} WHERE r.id = ?`),
      listReports: db.prepare(`${REPORT} WHERE r.draft_id = ? ORDER BY r.created_at, r.rowid`),
      latest: db.prepare(`${VERSION_META} WHERE v.report_id = ? ORDER BY v.version DESC LIMIT 1`),
      versions: db.prepare(`${VERSION_META} WHERE v.report_id = ? ORDER BY v.version`),
      version: db.prepare(`${VERSION_META} WHERE v.report_id = ? AND v.version = ?`),
      body: db.prepare('SELECT input, content FROM report_versions WHERE report_id = ? AND version = ?'),
    }
  }

  private insertVersion(reportId: string, draftId: string, v: NewReportVersion): void {
    try {
      this.stmt.insertVersion.run(reportId, v.version, draftId, v.input.title, v.input.baseRevision, v.input.compareTo, JSON.stringify(v.input), v.content, v.createdBy, v.createdAt)
    } catch (error) {
      if (isPrimaryKeyClash(error)) throw new ReportVersionTakenError(reportId, v.version)
      throw error
    }
  }

  private record(row: ReportRow): ReportRecord {
    const latest = this.stmt.latest.get(row.id) as VersionRow | undefined
    if (!latest) throw new Error(`report ${row.id} has no version`)
    return toRecord(row, toReportVersionMeta(latest))
  }

  async createReport(report: { readonly id: string; readonly draftId: string }, first: NewReportVersion): Promise<ReportRecord> {
    this.db.transaction(() => {
      this.stmt.insertReport.run(report.id, report.draftId, first.createdBy, first.createdAt)
      this.insertVersion(report.id, report.draftId, first)
    })()
    const created = await this.getReport(report.id)
    if (!created) throw new Error('report vanished after insert')
    return created
  }

  async addVersion(reportId: string, version: NewReportVersion): Promise<ReportVersionMeta | null> {
    return this.db
      .transaction(() => {
        const report = this.stmt.getReport.get(reportId) as ReportRow | undefined
        if (!report) return null
        this.insertVersion(reportId, report.draft_id, version)
        return toReportVersionMeta(this.stmt.version.get(reportId, version.version) as VersionRow)
      })
      .immediate()
  }

  async getReport(id: string): Promise<ReportRecord | null> {
    return this.db.transaction(() => {
      const row = this.stmt.getReport.get(id) as ReportRow | undefined
      return row ? this.record(row) : null
    })()
  }

  async listReports(draftId: string): Promise<ReportRecord[]> {
    return this.db.transaction(() => (this.stmt.listReports.all(draftId) as ReportRow[]).map((row) => this.record(row)))()
  }

  async listVersions(reportId: string): Promise<ReportVersionMeta[]> {
    return (this.stmt.versions.all(reportId) as VersionRow[]).map(toReportVersionMeta)
  }

  async getVersion(reportId: string, version: number): Promise<ReportVersionRecord | null> {
    return this.db.transaction(() => {
      const meta = this.stmt.version.get(reportId, version) as VersionRow | undefined
      const body = this.stmt.body.get(reportId, version) as { input: string; content: string } | undefined
      if (!meta || !body) return null
      return { ...toReportVersionMeta(meta), input: JSON.parse(body.input) as ReportInput, content: body.content }
    })()
  }
}
