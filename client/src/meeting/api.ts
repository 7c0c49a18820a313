import type { DecisionKind, DecisionView, MeetingView } from '../../../shared/meetingApi'
import { api, apiHtml, draftUrl } from '../api/http'

/** The body of `POST /api/drafts/:id/meetings`. */
export interface NewMeeting {
  readonly title: string
  readonly place?: string
  /** YYYY-MM-DD; the server takes today without it. */
  readonly date?: string
}

export interface NewDecision {
  readonly clauseId: string
  readonly kind: DecisionKind
  readonly state?: string
  readonly note?: string
}

export type MinutesFormat = 'html' | 'docx'

const meetingUrl = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}`

/** Meeting mode over HTTP (README "Meeting mode"); every write answers the meeting as it now stands. */
export const meetingApi = {
  list: (draftId: string) => api<{ meetings: MeetingView[] }>(`${draftUrl(draftId)}/meetings`).then((r) => r.meetings),
  open: (draftId: string, body: NewMeeting) => api<MeetingView>(`${draftUrl(draftId)}/meetings`, { method: 'POST', body }),
  /** Reading an open meeting counts a delegate's State present. */
  get: (meetingId: string) => api<MeetingView>(meetingUrl(meetingId)),
  screen: (meetingId: string, clauseId: string | null) => api<MeetingView>(`${meetingUrl(meetingId)}/screen`, { method: 'PUT', body: { clauseId } }),
  askFloor: (meetingId: string) => api<MeetingView>(`${meetingUrl(meetingId)}/floor`, { method: 'POST' }),
  withdraw: (meetingId: string) => api<MeetingView>(`${meetingUrl(meetingId)}/floor`, { method: 'DELETE' }),
  /** Gives the floor to a State; null ends the current turn. */
  speaker: (meetingId: string, state: string | null) => api<MeetingView>(`${meetingUrl(meetingId)}/speaker`, { method: 'PUT', body: { state } }),
  decide: (meetingId: string, body: NewDecision) => api<DecisionView>(`${meetingUrl(meetingId)}/decisions`, { method: 'POST', body }),
  attendance: (meetingId: string, state: string, present: boolean) => api<MeetingView>(`${meetingUrl(meetingId)}/attendance`, { method: 'PUT', body: { state, present } }),
  close: (meetingId: string) => api<MeetingView>(`${meetingUrl(meetingId)}/close`, { method: 'POST' }),
  minutesUrl: (meetingId: string, format: MinutesFormat) => `${meetingUrl(meetingId)}/minutes?format=${format}`,
  minutesHtml: (meetingId: string, signal: AbortSignal) => apiHtml(`${meetingUrl(meetingId)}/minutes?format=html`, { signal }),
}

