import type { AttendanceEntry, DecisionView, MeetingStatus, ScreenEntry } from '../../shared/meetingApi'

/** A person as the record keeps them: by id (names are resolved when shown). */
export interface FloorEntry {
  readonly state: string
  readonly userId: string
  readonly clauseId: string | null
  readonly at: string
}

export interface SpeakerEntry {
  readonly state: string
  /** null: the chair gave the floor to a State none of whose delegates is signed in. */
  readonly userId: string | null
  readonly clauseId: string | null
  readonly since: string
}

export type DecisionEntry = Omit<DecisionView, 'by'> & { readonly byUserId: string }

export type AttendanceRecord = Omit<AttendanceEntry, 'delegates'> & { readonly delegateIds: readonly string[] }

/** One meeting, whole: small enough (a session's decisions, floor and attendance) to be read and written as one record. */
export interface MeetingRecord {
  readonly id: string
  readonly draftId: string
  readonly title: string
  readonly place: string | null
  readonly date: string
  readonly status: MeetingStatus
  readonly openedBy: string
  readonly openedAt: string
  readonly closedAt: string | null
  readonly openRevision: number
  readonly closeRevision: number | null
  readonly screen: { readonly clauseId: string; readonly since: string } | null
  readonly screenLog: readonly ScreenEntry[]
  readonly speaker: SpeakerEntry | null
  readonly floor: readonly FloorEntry[]
  readonly speakers: readonly SpeakerEntry[]
  readonly decisions: readonly DecisionEntry[]
  readonly attendance: readonly AttendanceRecord[]
}

/** A record and the version it was read at (for compare-and-set). */
export interface VersionedMeeting {
  readonly record: MeetingRecord
  readonly version: number
}

/**
 * Meetings of a draft (issue 19). Every change is a compare-and-set on the record's version, so two
 * processes changing one meeting at once never lose each other's change: the loser reads again.
 */
export interface MeetingStore {
  /** false when the draft already has an open meeting. */
  create(record: MeetingRecord): Promise<boolean>
  get(id: string): Promise<VersionedMeeting | null>
  /** The draft's open meeting, if any. */
  openFor(draftId: string): Promise<VersionedMeeting | null>
  /** Newest first. */
  list(draftId: string): Promise<MeetingRecord[]>
  /** Writes `record` if the stored one is still at `version`: false when another change came first. */
  replace(id: string, version: number, record: MeetingRecord): Promise<boolean>
}
