import type { ClauseHistory, DraftDiff, RestoreResult, RevisionDetail, RevisionSummary, SeenResponse } from '../../../shared/api'
import { api } from '../api/http'

const draftPath = (draftId: string) => `/api/drafts/${encodeURIComponent(draftId)}`

/** One side of a comparison: a revision number, the live draft, or the user's last visit. */
export type Side = number | 'current' | 'seen'

export const listRevisions = (draftId: string) =>
  api<{ revisions: RevisionSummary[] }>(`${draftPath(draftId)}/revisions`).then((r) => r.revisions)

export const saveRevision = (draftId: string, label: string) =>
  api<RevisionSummary>(`${draftPath(draftId)}/revisions`, { method: 'POST', body: { label } })

export const getRevision = (draftId: string, number: number) => api<RevisionDetail>(`${draftPath(draftId)}/revisions/${number}`)

export const getDiff = (draftId: string, from: Side, to: Side, changesOnly = false) =>
  api<DraftDiff>(`${draftPath(draftId)}/diff?from=${from}&to=${to}${changesOnly ? '&changesOnly=true' : ''}`)

export const restore = (draftId: string, number: number, clauseId?: string) =>
  api<RestoreResult>(`${draftPath(draftId)}/revisions/${number}/restore`, { method: 'POST', body: clauseId ? { clauseId } : {} })

export const clauseHistory = (draftId: string, clauseId: string) =>
  api<ClauseHistory>(`${draftPath(draftId)}/clauses/${encodeURIComponent(clauseId)}/history`)

export const lastSeen = (draftId: string) => api<{ seenAt: string | null }>(`${draftPath(draftId)}/seen`).then((r) => r.seenAt)
export const markSeen = (draftId: string) => api<SeenResponse>(`${draftPath(draftId)}/seen`, { method: 'POST' })

/** Marks the draft seen while the page goes away: `keepalive` lets the request outlive the page. */
export function markSeenOnExit(draftId: string): void {
  void fetch(`${draftPath(draftId)}/seen`, { method: 'POST', credentials: 'same-origin', keepalive: true }).catch(() => undefined)
}
