import type Database from 'better-sqlite3'
import type { MeetingRecord, MeetingStore, VersionedMeeting } from '../meetings'
import { type MeetingRow, meetingParams, toMeeting, toVersioned } from '../rows/meetingRows'

/** Meetings as versioned JSON records (mirrors PgMeetingStore). */
export class SqliteMeetingStore implements MeetingStore {
  private readonly stmt

  constructor(db: Database.Database) {
    this.stmt = {
      create: db.prepare('INSERT INTO meetings (id, draft_id, status, opened_at, version, record) VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT DO NOTHING'),
      get: db.prepare('SELECT * FROM meetings WHERE id = ?'),
      open: db.prepare(`SELECT * FROM meetings WHERE draft_id = ? AND status = 'open'`),
      list: db.prepare('SELECT * FROM meetings WHERE draft_id = ? ORDER BY opened_at DESC, rowid DESC'),
      replace: db.prepare('UPDATE meetings SET status = ?, record = ?, version = version + 1 WHERE id = ? AND version = ?'),
    }
  }

  async create(record: MeetingRecord): Promise<boolean> {
    return this.stmt.create.run(...meetingParams(record)).changes === 1
  }

  async get(id: string): Promise<VersionedMeeting | null> {
    return toVersioned(this.stmt.get.get(id) as MeetingRow | undefined)
  }

  async openFor(draftId: string): Promise<VersionedMeeting | null> {
    return toVersioned(this.stmt.open.get(draftId) as MeetingRow | undefined)
  }

  async list(draftId: string): Promise<MeetingRecord[]> {
    return (this.stmt.list.all(draftId) as MeetingRow[]).map(toMeeting)
  }

  async replace(id: string, version: number, record: MeetingRecord): Promise<boolean> {
    return this.stmt.replace.run(record.status, JSON.stringify(record), id, version).changes === 1
  }
}
