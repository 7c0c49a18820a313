import { DECISION_LABELS, type DecisionView, type MeetingView, type Speaker } from '../../../shared/meetingApi'

/** "3 States present" as a count of the States marked present. */
export function presentCount(meeting: MeetingView): string {
  const n = meeting.attendance.filter((a) => a.present).length
  return n === 1 ? '1 State' : `${n} States`
}

/** "Agreed ad referendum (JPN)": how a decision reads in the log. */
export function decisionLabel(d: Pick<DecisionView, 'kind' | 'state'>): string {
  return `${DECISION_LABELS[d.kind]}${d.state ? ` (${d.state})` : ''}`
}

/** "JPN (Haruka Morimoto)"; the State alone when no delegate of it is signed in. */
export const speakerName = (s: Speaker) => (s.user ? `${s.state} (${s.user.name})` : s.state)
