import type { ExportFormat, ReportSection, ReportSummary, ReportView } from '../../../shared/report/types'
import { ApiError, api } from '../api/http'

const draftPath = (draftId: string) => `/api/drafts/${encodeURIComponent(draftId)}`

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

export const reportsApi = {
  list: (draftId: string) => api<{ reports: ReportSummary[] }>(`${draftPath(draftId)}/reports`).then((r) => r.reports),
  get: (reportId: string, version?: number) => api<{ report: ReportView }>(`/api/reports/${encodeURIComponent(reportId)}${version ? `?version=${version}` : ''}`).then((r) => r.report),
  create: (draftId: string, body: ReportBody) => api<{ report: ReportView }>(`${draftPath(draftId)}/reports`, { method: 'POST', body }).then((r) => r.report),
  revise: (reportId: string, body: ReportBody) => api<{ report: ReportView }>(`/api/reports/${encodeURIComponent(reportId)}`, { method: 'PUT', body }).then((r) => r.report),
}

/** Where a saved version downloads in a format. */
export function exportUrl(reportId: string, format: ExportFormat, version?: number): string {
  return `/api/reports/${encodeURIComponent(reportId)}/export?format=${format}${version ? `&version=${version}` : ''}`
}

async function html(response: Response): Promise<string> {
  if (response.ok) return response.text()
  const data = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null
  throw new ApiError(response.status, data?.error?.code ?? 'http_error', data?.error?.message ?? `Request failed (${response.status}).`)
}

/** The report as it would be saved now (as the next version of `revising`, if given), as HTML (nothing is stored). */
export async function previewHtml(draftId: string, body: ReportBody, signal: AbortSignal, revising?: string): Promise<string> {
  const query = revising ? `?revising=${encodeURIComponent(revising)}` : ''
  return html(await fetch(`${draftPath(draftId)}/reports/preview${query}`, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal }))
}

/** A saved version's HTML export, to show it in the page. */
export async function savedHtml(reportId: string, version: number, signal: AbortSignal): Promise<string> {
  return html(await fetch(exportUrl(reportId, 'html', version), { credentials: 'same-origin', signal }))
}
