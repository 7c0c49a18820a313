import type { HistoryEvent, PositionsResponse, RoundView, Stance, ThreadView } from '../../../shared/threadsApi'
import { api, draftUrl } from './http'

export interface NewThread {
  readonly clauseId: string
  readonly body: string
  readonly anchor?: { readonly start: string; readonly end: string }
  readonly quote?: string
  readonly proposal?: { readonly text: string }
}

export const threadsApi = {
  list: (draftId: string) => api<{ threads: ThreadView[] }>(`${draftUrl(draftId)}/threads`).then((r) => r.threads),
  create: (draftId: string, thread: NewThread) =>
    api<{ thread: ThreadView }>(`${draftUrl(draftId)}/threads`, { method: 'POST', body: thread }).then((r) => r.thread),
  reply: (threadId: string, body: string) => api<{ thread: ThreadView }>(`/api/threads/${threadId}/comments`, { method: 'POST', body: { body } }),
  edit: (commentId: string, body: string) => api<{ thread: ThreadView }>(`/api/comments/${commentId}`, { method: 'PATCH', body: { body } }),
  remove: (commentId: string) => api<{ thread: ThreadView }>(`/api/comments/${commentId}`, { method: 'DELETE' }),
  resolve: (threadId: string) => api<{ thread: ThreadView }>(`/api/threads/${threadId}/resolve`, { method: 'POST' }),
  reopen: (threadId: string) => api<{ thread: ThreadView }>(`/api/threads/${threadId}/reopen`, { method: 'POST' }),
  apply: (threadId: string, expected?: string) =>
    api<{ thread: ThreadView }>(`/api/threads/${threadId}/proposal/apply`, { method: 'POST', body: expected === undefined ? {} : { expected } }),
  /** Writes the proposal's changes against `expected` (the wording its diff was shown against) as its author's suggestions. */
  suggest: (threadId: string, expected?: string) =>
    api<{ thread: ThreadView }>(`/api/threads/${threadId}/proposal/suggest`, { method: 'POST', body: expected === undefined ? {} : { expected } }),
  decline: (threadId: string, reason: string) =>
    api<{ thread: ThreadView }>(`/api/threads/${threadId}/proposal/decline`, { method: 'POST', body: { reason } }),
  positions: (draftId: string) => api<PositionsResponse>(`${draftUrl(draftId)}/positions`),
  setPosition: (draftId: string, clauseId: string, stance: Stance, statement: string) =>
    api<PositionsResponse>(`${draftUrl(draftId)}/clauses/${clauseId}/position`, { method: 'PUT', body: statement ? { stance, statement } : { stance } }),
  rounds: (draftId: string) => api<{ rounds: RoundView[] }>(`${draftUrl(draftId)}/rounds`).then((r) => r.rounds),
  openRound: (draftId: string, name: string, deadline: string) =>
    api<{ round: RoundView }>(`${draftUrl(draftId)}/rounds`, { method: 'POST', body: { name, deadline } }),
  closeRound: (roundId: string) => api<{ round: RoundView }>(`/api/rounds/${roundId}/close`, { method: 'POST' }),
  reopenRound: (roundId: string, deadline: string) => api<{ round: RoundView }>(`/api/rounds/${roundId}/reopen`, { method: 'POST', body: { deadline } }),
  history: (draftId: string, filter: Record<string, string>) => {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== '')).toString()
    return api<{ events: HistoryEvent[] }>(`${draftUrl(draftId)}/history${query ? `?${query}` : ''}`).then((r) => r.events)
  },
}
