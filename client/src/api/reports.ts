import type { ExportFormat, ReportSection, ReportSummary, ReportView } from '../../../shared/report/types'
import { api, apiHtml, draftUrl } from './http'

/** The body of `POST /api/drafts/:id/reports`, `…/preview` and `PUT /api/reports/:id`. */
export interface ReportBody {
  readonly title: string
  readonly session?: string
  readonly place?: string
  readonly date?: string
  /** Absent: the automatic symbol. */
  readonly symbol?: string
  readonly sections: readonly ReportSection[]
  readonly baseRevision: number
  /** Absent: the revision saved when the comment round opened, else the one before the base; null: none. */
  readonly compareTo?: number | null
  /** Absent: every thread opened up to the base revision. */
  readonly rounds?: readonly string[]
}

const reportUrl = (reportId: string) => `/api/reports/${encodeURIComponent(reportId)}`

/** Where a saved version downloads in a format. */
function exportUrl(reportId: string, format: ExportFormat, version?: number): string {
  return `${reportUrl(reportId)}/export?format=${format}${version ? `&version=${version}` : ''}`
}

export const reportsApi = {
  list: (draftId: string) => api<{ reports: ReportSummary[] }>(`${draftUrl(draftId)}/reports`).then((r) => r.reports),
  get: (reportId: string, version?: number) => api<{ report: ReportView }>(`${reportUrl(reportId)}${version ? `?version=${version}` : ''}`).then((r) => r.report),
  create: (draftId: string, body: ReportBody) => api<{ report: ReportView }>(`${draftUrl(draftId)}/reports`, { method: 'POST', body }).then((r) => r.report),
  revise: (reportId: string, body: ReportBody) => api<{ report: ReportView }>(reportUrl(reportId), { method: 'PUT', body }).then((r) => r.report),
  exportUrl,
  /** The report as it would be saved now (as the next version of `revising`, if given), as HTML (nothing is stored). */
  previewHtml: (draftId: string, body: ReportBody, signal: AbortSignal, revising?: string) =>
    apiHtml(`${draftUrl(draftId)}/reports/preview${revising ? `?revising=${encodeURIComponent(revising)}` : ''}`, { method: 'POST', body, signal }),
  /** A saved version's HTML export, to show it in the page. */
  savedHtml: (reportId: string, version: number, signal: AbortSignal) => apiHtml(exportUrl(reportId, 'html', version), { signal }),
}
