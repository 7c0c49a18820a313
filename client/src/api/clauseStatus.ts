import type { ClauseStatusView, ClauseStatusesResponse, StatusRequestView } from '../../../shared/clauseStatusApi'
import type { ClauseStatus } from '../../../shared/draft/format'
import { api, draftUrl } from './http'

export interface StatusChangeBody {
  readonly status: ClauseStatus
  readonly states?: readonly string[]
  readonly expected?: string | null
  readonly reason?: string
}

const clauseUrl = (draftId: string, clauseId: string) => `${draftUrl(draftId)}/clauses/${encodeURIComponent(clauseId)}`

/** Clause statuses over HTTP: the server writes them into the document, with who and why. */
export const clauseStatusApi = {
  list: (draftId: string) => api<ClauseStatusesResponse>(`${draftUrl(draftId)}/statuses`),
  set: (draftId: string, clauseId: string, body: StatusChangeBody) => api<{ status: ClauseStatusView }>(`${clauseUrl(draftId, clauseId)}/status`, { method: 'PUT', body }).then((r) => r.status),
  reopen: (draftId: string, clauseId: string, reason: string) => api<{ status: ClauseStatusView }>(`${clauseUrl(draftId, clauseId)}/reopen`, { method: 'POST', body: { reason } }).then((r) => r.status),
  propose: (draftId: string, clauseId: string, body: StatusChangeBody) => api<{ request: StatusRequestView }>(`${clauseUrl(draftId, clauseId)}/status-requests`, { method: 'POST', body }).then((r) => r.request),
  decide: (draftId: string, requestId: string, confirm: boolean) => api<{ request: StatusRequestView }>(`${draftUrl(draftId)}/status-requests/${encodeURIComponent(requestId)}/${confirm ? 'confirm' : 'decline'}`, { method: 'POST', body: {} }).then((r) => r.request),
  answer: (draftId: string, clauseId: string, confirm: boolean, reason?: string) =>
    api<{ status: ClauseStatusView }>(`${clauseUrl(draftId, clauseId)}/ad-referendum/${confirm ? 'confirm' : 'withdraw'}`, { method: 'POST', body: reason ? { reason } : {} }).then((r) => r.status),
}
