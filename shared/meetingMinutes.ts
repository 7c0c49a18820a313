/**
 * The minutes of a meeting (issue 19, point 5), as `GET /api/meetings/:id/minutes?format=json`
 * answers and the HTML and DOCX writers render: plain JSON, assembled from the meeting's record, the
 * statements on record and the draft's revisions at the open and the close.
 */
import type { ClauseKind, ClauseStatus } from './draft/format'
import type { DiffSummary } from './diff/types'
import { DECISION_LABELS, type LoggedDecisionKind, type MeetingPerson, type MeetingStatus } from './meetingApi'
import type { AssembledChange, ReportStatement, SuggestedOp } from './report/types'

/** A State's attendance: its name, the delegates seen, and how it was recorded. */
export interface MinutesAttendee {
  readonly state: string
  /** The Member State's name ("Japan"); the code when the State is unknown. */
  readonly stateName: string
  readonly delegates: readonly MeetingPerson[]
  readonly source: 'sign-in' | 'secretariat'
}

export interface MinutesSpeaker {
  readonly state: string
  readonly stateName: string
  /** Null when the floor went to a State none of whose delegates was signed in. */
  readonly user: MeetingPerson | null
  readonly since: string
}

export interface MinutesDecision {
  readonly id: string
  /** The meeting's own numbering, 1, 2, 3 … in the order recorded. */
  readonly seq: number
  readonly clauseId: string
  /** The clause's label when the decision was recorded ("Article 4"). */
  readonly clauseLabelThen: string
  readonly kind: LoggedDecisionKind
  /** "Agreed ad referendum (JPN)", "Status changed to agreed". */
  readonly label: string
  readonly state: string | null
  readonly stateName: string | null
  readonly note: string | null
  readonly status: string | null
  /** The latest saved revision when recorded. */
  readonly revision: number
  readonly by: MeetingPerson
  readonly at: string
}

/** A clause of the minutes: one taken up (put on screen), or one decided on or spoken to without being on screen. */
export interface MinutesClause {
  readonly clauseId: string
  /** As the text at the close numbers it, else as it was last known ("Article 4", "Preamble"). */
  readonly label: string
  readonly heading: string
  /** When it was put on screen, in order (empty for a clause never on screen). */
  readonly onScreen: readonly string[]
  readonly speakers: readonly MinutesSpeaker[]
  /** In seq order. */
  readonly decisions: readonly MinutesDecision[]
  /** Statements on record made on the clause while the meeting was open, in the order made. */
  readonly statements: readonly ReportStatement[]
}

/** A clause of the text as it stood at the close. */
export interface MinutesTextClause {
  readonly id: string
  readonly kind: ClauseKind
  readonly number: number | null
  readonly label: string
  readonly heading: string
  readonly status: ClauseStatus
  /** Plain-text form (shared/draft/blocks.ts): "(a) " sub-paragraphs, "Option A: " lines, "[…]" brackets. */
  readonly text: string
  /** The text with its open suggestions as tracked runs, as in the report; absent when it has none. */
  readonly suggested?: readonly SuggestedOp[]
}

export interface MinutesRevision {
  readonly number: number
  readonly label: string
  readonly createdAt: string
}

export interface Minutes {
  readonly formatVersion: 1
  readonly meetingId: string
  readonly draft: { readonly id: string; readonly title: string }
  readonly title: string
  readonly place: string | null
  /** YYYY-MM-DD. */
  readonly date: string
  readonly status: MeetingStatus
  /** True while the meeting is open: assembled from the live draft, not final. */
  readonly provisional: boolean
  /** When these minutes were assembled. */
  readonly assembledAt: string
  /** Who opened the meeting (the chair or the secretariat). */
  readonly openedBy: MeetingPerson
  readonly openedAt: string
  readonly closedAt: string | null
  readonly attendance: {
    /** By State name. */
    readonly present: readonly MinutesAttendee[]
    /** States the secretariat corrected to absent, by State name. */
    readonly absent: readonly MinutesAttendee[]
  }
  /** The clauses taken up, in the order first put on screen. */
  readonly clauses: readonly MinutesClause[]
  /** Clauses never put on screen that were decided on (or spoken to, or stated on) during the meeting, in the order first touched. */
  readonly otherClauses: readonly MinutesClause[]
  /** What concerns no clause: statements on the whole draft, speakers with nothing on screen. */
  readonly general: { readonly speakers: readonly MinutesSpeaker[]; readonly statements: readonly ReportStatement[] }
  /** How many decisions the meeting recorded (each appears exactly once, under its clause). */
  readonly decisionCount: number
  readonly text: {
    /** The revision saved at the close; null for provisional minutes (the live draft). */
    readonly revision: MinutesRevision | null
    readonly clauses: readonly MinutesTextClause[]
  }
  readonly changes: {
    /** The revision the meeting opened on; null when the draft had none (every clause then reads as added). */
    readonly from: MinutesRevision | null
    /** The revision saved at the close; null for provisional minutes (the live draft). */
    readonly to: MinutesRevision | null
    readonly summary: DiffSummary
    /** Only the clauses that changed, each word-diffed. */
    readonly clauses: readonly AssembledChange[]
  }
}

/** "Agreed ad referendum (JPN)", "Statement taken note of (KEN)", "Status changed to agreed": how a decision reads in the minutes. */
export function decisionLabel(d: { readonly kind: LoggedDecisionKind; readonly state: string | null; readonly status: string | null }): string {
  if (d.kind === 'status') return d.status ? `${DECISION_LABELS.status} to ${d.status.replace(/-/g, ' ')}` : DECISION_LABELS.status
  return d.state ? `${DECISION_LABELS[d.kind]} (${d.state})` : DECISION_LABELS[d.kind]
}
