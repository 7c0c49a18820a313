/**
 * What the meeting did, clause by clause: the clauses taken up in the order first put on screen,
 * each with its speakers, its decisions (every decision exactly once, in seq order) and the
 * statements put on record on it while the meeting was open; then the clauses decided on without
 * being on screen; then what concerns no clause.
 */
import type { DecisionView, MeetingView, Speaker } from '../../../shared/meetingApi'
import { type Minutes, type MinutesClause, type MinutesDecision, type MinutesSpeaker, decisionLabel } from '../../../shared/meetingMinutes'
import type { ReportStatement } from '../../../shared/report/types'
import { byText } from '../../report/sections/people'

export interface ClauseNames {
  readonly label: (clauseId: string) => string
  readonly heading: (clauseId: string) => string
  readonly stateName: (code: string) => string
}

const speaker = (s: Speaker, names: ClauseNames): MinutesSpeaker => ({ state: s.state, stateName: names.stateName(s.state), user: s.user, since: s.since })

function decision(d: DecisionView, names: ClauseNames): MinutesDecision {
  return {
    id: d.id,
    seq: d.seq,
    clauseId: d.clauseId,
    clauseLabelThen: d.clauseLabel,
    kind: d.kind,
    label: decisionLabel(d),
    state: d.state,
    stateName: d.state ? names.stateName(d.state) : null,
    note: d.note,
    status: d.status,
    revision: d.revision,
    by: d.by,
    at: d.at,
  }
}

type Record = Pick<Minutes, 'clauses' | 'otherClauses' | 'general' | 'decisionCount'>

/** `statements`: those made while the meeting was open, in the order made. */
export function meetingRecord(meeting: MeetingView, statements: readonly ReportStatement[], names: ClauseNames): Record {
  // Decisions by seq whatever order the view lists them in: the minutes number them so.
  const decisions = [...meeting.decisions].sort((a, b) => a.seq - b.seq)
  const clause = (clauseId: string): MinutesClause => ({
    clauseId,
    label: names.label(clauseId),
    heading: names.heading(clauseId),
    onScreen: meeting.screenLog.filter((e) => e.clauseId === clauseId).map((e) => e.at),
    speakers: meeting.speakers.filter((s) => s.clauseId === clauseId).map((s) => speaker(s, names)),
    decisions: decisions.filter((d) => d.clauseId === clauseId).map((d) => decision(d, names)),
    statements: statements.filter((s) => s.clauseId === clauseId),
  })

  const takenUp = [...new Set(meeting.screenLog.map((e) => e.clauseId))]
  const onScreen = new Set(takenUp)
  // Clauses never on screen, in the order something first happened on them.
  const firstTouched = new Map<string, string>()
  const touch = (clauseId: string | null, at: string) => {
    if (clauseId === null || onScreen.has(clauseId)) return
    const known = firstTouched.get(clauseId)
    if (known === undefined || at < known) firstTouched.set(clauseId, at)
  }
  for (const d of decisions) touch(d.clauseId, d.at)
  for (const s of meeting.speakers) touch(s.clauseId, s.since)
  for (const s of statements) touch(s.clauseId, s.at)
  const others = [...firstTouched.entries()].sort((a, b) => byText(a[1], b[1]) || byText(a[0], b[0])).map(([id]) => id)

  return {
    clauses: takenUp.map(clause),
    otherClauses: others.map(clause),
    general: {
      speakers: meeting.speakers.filter((s) => s.clauseId === null).map((s) => speaker(s, names)),
      statements: statements.filter((s) => s.clauseId === null),
    },
    decisionCount: decisions.length,
  }
}
