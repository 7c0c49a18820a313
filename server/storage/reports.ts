/** Rapporteur's reports: a report per draft, saved as numbered versions that never change. */
import type { ReportInput } from '../../shared/report/types'

export type { ReportInput }

export interface ReportVersionMeta {
  readonly reportId: string
  readonly draftId: string
  readonly version: number
  readonly title: string
  readonly baseRevision: number
  readonly compareTo: number | null
  readonly createdBy: string
  /** Display name of the author (empty if the user no longer exists). */
  readonly createdByName: string
  readonly createdAt: string
}

export interface ReportVersionRecord extends ReportVersionMeta {
  readonly input: ReportInput
  /** The assembled report as JSON text, exactly as stored: exports of a version render from it. */
  readonly content: string
}

export interface ReportRecord {
  readonly id: string
  readonly draftId: string
  /** Version 1's author and time. */
  readonly createdBy: string
  readonly createdByName: string
  readonly createdAt: string
  readonly latest: ReportVersionMeta
}

export interface NewReportVersion {
  /** 1 for a new report; the next number for a revised one (taken numbers are refused). */
  readonly version: number
  readonly input: ReportInput
  readonly content: string
  readonly createdBy: string
  readonly createdAt: string
}

/** Thrown when another version with that number was saved first (two revisions at once). */
export class ReportVersionTakenError extends Error {
  constructor(reportId: string, version: number) {
    super(`Report ${reportId} already has a version ${version}.`)
    this.name = 'ReportVersionTakenError'
  }
}

/** Storage of reports; every implementation passes reportsContract.ts. */
export interface ReportStore {
  /** Creates the report with its version 1. The revisions it names must exist. */
  createReport(report: { readonly id: string; readonly draftId: string }, first: NewReportVersion): Promise<ReportRecord>
  /** Adds a version; ReportVersionTakenError if that number exists, null if the report does not. */
  addVersion(reportId: string, version: NewReportVersion): Promise<ReportVersionMeta | null>
  getReport(id: string): Promise<ReportRecord | null>
  /** The draft's reports, oldest first. */
  listReports(draftId: string): Promise<ReportRecord[]>
  /** The report's versions, by number. */
  listVersions(reportId: string): Promise<ReportVersionMeta[]>
  getVersion(reportId: string, version: number): Promise<ReportVersionRecord | null>
}
