import type Database from 'better-sqlite3'
import { type DraftHealthRow, HEALTH_COLUMNS, toDraftHealth } from '../rows/healthRows'
import type { DraftHealth, StoredUpdate } from '../Storage'

const bytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)

/** A draft's log rows, size and damage mark on SQLite (the Storage methods of the same names). */
export class SqliteDraftHealth {
  private readonly stmt

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      listUpdates: db.prepare('SELECT id, data FROM doc_updates WHERE draft_id = ? ORDER BY id'),
      dropUpdate: db.prepare('DELETE FROM doc_updates WHERE draft_id = ? AND id = ?'),
      recordSize: db.prepare(
        `INSERT INTO draft_health (draft_id, bytes, items, measured_at) SELECT @draftId, @bytes, @items, @at WHERE EXISTS (SELECT 1 FROM drafts WHERE id = @draftId)
         ON CONFLICT(draft_id) DO UPDATE SET bytes = excluded.bytes, items = excluded.items, measured_at = excluded.measured_at`,
      ),
      setDamage: db.prepare(
        `INSERT INTO draft_health (draft_id, damage, damaged_at) SELECT @draftId, @damage, @at WHERE EXISTS (SELECT 1 FROM drafts WHERE id = @draftId)
         ON CONFLICT(draft_id) DO UPDATE SET damage = excluded.damage, damaged_at = excluded.damaged_at`,
      ),
      get: db.prepare(`SELECT ${HEALTH_COLUMNS} FROM draft_health WHERE draft_id = ?`),
    }
  }

  async listDocUpdates(draftId: string): Promise<StoredUpdate[]> {
    return (this.stmt.listUpdates.all(draftId) as { id: number; data: Buffer }[]).map((r) => ({ id: r.id, data: bytes(r.data) }))
  }

  async dropDocUpdates(draftId: string, ids: readonly number[]): Promise<number> {
    return this.db.transaction(() => ids.reduce((n, id) => n + this.stmt.dropUpdate.run(draftId, id).changes, 0))()
  }

  async recordDraftSize(draftId: string, size: { readonly bytes: number; readonly items: number }): Promise<void> {
    this.stmt.recordSize.run({ draftId, bytes: size.bytes, items: size.items, at: new Date().toISOString() })
  }

  async setDraftDamage(draftId: string, damage: string | null): Promise<void> {
    this.stmt.setDamage.run({ draftId, damage, at: damage === null ? null : new Date().toISOString() })
  }

  async getDraftHealth(draftId: string): Promise<DraftHealth | null> {
    const row = this.stmt.get.get(draftId) as DraftHealthRow | undefined
    return row ? toDraftHealth(row) : null
  }
}
