import { isClauseStatus } from '../../../shared/draft/format'
import { DECISION_LABELS, type DecisionView, type MeetingView, type Speaker } from '../../../shared/meetingApi'
import { STATUS_LABEL } from '../workspace/StatusControl'

/** "3 States present" as a count of the States marked present. */
export function presentCount(meeting: MeetingView): string {
  const n = meeting.attendance.filter((a) => a.present).length
  return n === 1 ? '1 State' : `${n} States`
}

/** "Agreed ad referendum (JPN)"; a status change logged by itself says to what ("Status changed: Agreed"). */
export function decisionLabel(d: Pick<DecisionView, 'kind' | 'state' | 'status'>): string {
  const to = d.kind === 'status' && d.status && isClauseStatus(d.status) ? `: ${STATUS_LABEL[d.status]}` : ''
  return `${DECISION_LABELS[d.kind]}${to}${d.state ? ` (${d.state})` : ''}`
}

/** "JPN (Haruka Morimoto)"; the State alone when no delegate of it is signed in. */
export const speakerName = (s: Speaker) => (s.user ? `${s.state} (${s.user.name})` : s.state)
