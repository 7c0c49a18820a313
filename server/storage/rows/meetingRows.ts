import type { MeetingRecord, VersionedMeeting } from '../meetings'

export interface MeetingRow {
  readonly id: string
  readonly draft_id: string
  readonly status: string
  readonly opened_at: string
  readonly version: number
  readonly record: string
}

export const toMeeting = (row: MeetingRow): MeetingRecord => JSON.parse(row.record) as MeetingRecord
export const toVersioned = (row: MeetingRow | null | undefined): VersionedMeeting | null => (row ? { record: toMeeting(row), version: row.version } : null)
export const meetingParams = (m: MeetingRecord) => [m.id, m.draftId, m.status, m.openedAt, JSON.stringify(m)] as const
