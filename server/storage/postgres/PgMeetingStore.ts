import type { Pool } from 'pg'
import type { MeetingRecord, MeetingStore, VersionedMeeting } from '../meetings'
import { type MeetingRow, meetingParams, toMeeting, toVersioned } from '../rows/meetingRows'
import { all, first, run } from './db'

/** Meetings as versioned JSON records (mirrors SqliteMeetingStore). */
export class PgMeetingStore implements MeetingStore {
  constructor(private readonly pool: Pool) {}

  async create(record: MeetingRecord): Promise<boolean> {
    const changed = await run(this.pool, 'INSERT INTO meetings (id, draft_id, status, opened_at, version, record) VALUES ($1, $2, $3, $4, 1, $5) ON CONFLICT DO NOTHING', meetingParams(record))
    return changed === 1
  }

  async get(id: string): Promise<VersionedMeeting | null> {
    return toVersioned(await first<MeetingRow>(this.pool, 'SELECT * FROM meetings WHERE id = $1', [id]))
  }

  async openFor(draftId: string): Promise<VersionedMeeting | null> {
    return toVersioned(await first<MeetingRow>(this.pool, `SELECT * FROM meetings WHERE draft_id = $1 AND status = 'open'`, [draftId]))
  }

  async list(draftId: string): Promise<MeetingRecord[]> {
    return (await all<MeetingRow>(this.pool, 'SELECT * FROM meetings WHERE draft_id = $1 ORDER BY opened_at DESC, id DESC', [draftId])).map(toMeeting)
  }

  async replace(id: string, version: number, record: MeetingRecord): Promise<boolean> {
    return (await run(this.pool, 'UPDATE meetings SET status = $1, record = $2, version = version + 1 WHERE id = $3 AND version = $4', [record.status, JSON.stringify(record), id, version])) === 1
  }
}
