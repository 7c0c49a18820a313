import type { ClauseHistory, DraftDiff, RestoreResult, RevisionDetail, RevisionSummary, SeenResponse } from '../../../shared/api'
import { api, draftUrl } from './http'

/** One side of a comparison: a revision number, the live draft, or the user's last visit. */
export type Side = number | 'current' | 'seen'

export const revisionsApi = {
  list: (draftId: string) => api<{ revisions: RevisionSummary[] }>(`${draftUrl(draftId)}/revisions`).then((r) => r.revisions),
  save: (draftId: string, label: string) => api<RevisionSummary>(`${draftUrl(draftId)}/revisions`, { method: 'POST', body: { label } }),
  get: (draftId: string, number: number) => api<RevisionDetail>(`${draftUrl(draftId)}/revisions/${number}`),
  diff: (draftId: string, from: Side, to: Side, changesOnly = false) =>
    api<DraftDiff>(`${draftUrl(draftId)}/diff?from=${from}&to=${to}${changesOnly ? '&changesOnly=true' : ''}`),
  restore: (draftId: string, number: number, clauseId?: string) =>
    api<RestoreResult>(`${draftUrl(draftId)}/revisions/${number}/restore`, { method: 'POST', body: clauseId ? { clauseId } : {} }),
  clauseHistory: (draftId: string, clauseId: string) => api<ClauseHistory>(`${draftUrl(draftId)}/clauses/${encodeURIComponent(clauseId)}/history`),
  lastSeen: (draftId: string) => api<{ seenAt: string | null }>(`${draftUrl(draftId)}/seen`).then((r) => r.seenAt),
  markSeen: (draftId: string) => api<SeenResponse>(`${draftUrl(draftId)}/seen`, { method: 'POST' }),
  /** Marks the draft seen while the page goes away: `keepalive` lets the request outlive the page. */
  markSeenOnExit: (draftId: string): void => {
    void fetch(`${draftUrl(draftId)}/seen`, { method: 'POST', credentials: 'same-origin', keepalive: true }).catch(() => undefined)
  },
}
