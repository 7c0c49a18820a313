/** Meeting mode (issue 19): the Chair leads a session of the Working Group through the text. As the API shows it. */

/** What the chair (or the secretariat as minute-taker) records on a clause; `status` entries are written by the server. */
export const DECISION_KINDS = ['agreed', 'agreed-ad-referendum', 'kept-in-brackets', 'deferred', 'statement-noted'] as const
export type DecisionKind = (typeof DECISION_KINDS)[number]
/** A status change made while the meeting was open (through the clause status routes), logged automatically. */
export type LoggedDecisionKind = DecisionKind | 'status'

/** Decisions that name the State they concern (400 without `state`). */
export const DECISIONS_NAMING_A_STATE: readonly DecisionKind[] = ['agreed-ad-referendum', 'statement-noted']

/** How a decision reads in the log, the minutes and the browser ("Agreed ad referendum (JPN)"). */
export const DECISION_LABELS: Readonly<Record<LoggedDecisionKind, string>> = {
  agreed: 'Agreed',
  'agreed-ad-referendum': 'Agreed ad referendum',
  'kept-in-brackets': 'Kept in brackets',
  deferred: 'Deferred',
  'statement-noted': 'Statement taken note of',
  status: 'Status changed',
}

export type MeetingStatus = 'open' | 'closed'

export interface MeetingPerson {
  readonly userId: string
  readonly name: string
}

export interface FloorRequest {
  /** The State that asks (a delegate asks as its State: one request per State). */
  readonly state: string
  readonly user: MeetingPerson
  /** The clause on screen when it asked. */
  readonly clauseId: string | null
  readonly at: string
}

export interface Speaker {
  readonly state: string
  /** The delegate who asked, or one seen for that State; null when the chair gave the floor to a State no delegate of which is signed in. */
  readonly user: MeetingPerson | null
  readonly clauseId: string | null
  readonly since: string
}

export interface ScreenEntry {
  readonly clauseId: string
  readonly at: string
  readonly by: string
}

export interface DecisionView {
  readonly id: string
  /** 1, 2, 3 … in the order recorded. */
  readonly seq: number
  readonly clauseId: string
  /** The clause's label when recorded ("Article 4"). */
  readonly clauseLabel: string
  readonly kind: LoggedDecisionKind
  readonly state: string | null
  readonly note: string | null
  /** The clause status after the decision (for `status` entries and those that set one). */
  readonly status: string | null
  /** The latest saved revision when recorded (the text it applies to is `text`, as it stood then). */
  readonly revision: number
  /** The clause's plain text as it stood when the decision was recorded. */
  readonly text: string
  readonly by: MeetingPerson
  readonly at: string
}

export interface AttendanceEntry {
  readonly state: string
  /** Present unless the secretariat corrected it to absent. */
  readonly present: boolean
  /** `sign-in`: a delegate of that State opened the meeting while it was open; `secretariat`: recorded or corrected by the secretariat. */
  readonly source: 'sign-in' | 'secretariat'
  /** Delegates of the State seen during the meeting. */
  readonly delegates: readonly MeetingPerson[]
  readonly since: string
}

export interface MeetingView {
  readonly id: string
  readonly draftId: string
  readonly title: string
  readonly place: string | null
  /** YYYY-MM-DD. */
  readonly date: string
  readonly status: MeetingStatus
  readonly openedBy: MeetingPerson
  readonly openedAt: string
  readonly closedAt: string | null
  /** The latest saved revision when the meeting opened (0: none yet): the base of the minutes' changes. */
  readonly openRevision: number
  /** The revision saved automatically at the close. */
  readonly closeRevision: number | null
  readonly screen: { readonly clauseId: string; readonly since: string } | null
  /** The clauses put on screen, in order (a clause taken up again appears again). */
  readonly screenLog: readonly ScreenEntry[]
  readonly speaker: Speaker | null
  /** Who asked for the floor, in order. */
  readonly floor: readonly FloorRequest[]
  /** Everyone given the floor, in order. */
  readonly speakers: readonly Speaker[]
  readonly decisions: readonly DecisionView[]
  readonly attendance: readonly AttendanceEntry[]
}

/** Event types on the draft's event stream (`/api/drafts/:id/events`); `data.meetingId` names the meeting. */
export const MEETING_EVENT_TYPES = ['meeting.opened', 'meeting.screen', 'meeting.floor', 'meeting.decision', 'meeting.attendance', 'meeting.closed'] as const
export type MeetingEventType = (typeof MEETING_EVENT_TYPES)[number]
