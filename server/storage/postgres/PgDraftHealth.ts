import type { Pool } from 'pg'
import { type DraftHealthRow, HEALTH_COLUMNS, toDraftHealth } from '../rows/healthRows'
import type { DraftHealth, StoredUpdate } from '../Storage'
import { all, bytes, first, run } from './db'

/** A draft's log rows, size and damage mark on PostgreSQL (the Storage methods of the same names). */
export class PgDraftHealth {
  constructor(private readonly pool: Pool) {}

  async listDocUpdates(draftId: string): Promise<StoredUpdate[]> {
    const rows = await all<{ id: number; data: Buffer }>(this.pool, 'SELECT id, data FROM doc_updates WHERE draft_id = $1 ORDER BY id', [draftId])
    return rows.map((r) => ({ id: r.id, data: bytes(r.data) }))
  }

  dropDocUpdates(draftId: string, ids: readonly number[]): Promise<number> {
    if (ids.length === 0) return Promise.resolve(0)
    return run(this.pool, 'DELETE FROM doc_updates WHERE draft_id = $1 AND id = ANY($2::bigint[])', [draftId, ids])
  }

  async recordDraftSize(draftId: string, size: { readonly bytes: number; readonly items: number }): Promise<void> {
    await run(
      this.pool,
      `INSERT INTO draft_health (draft_id, bytes, items, measured_at) SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM drafts WHERE id = $1)
       ON CONFLICT (draft_id) DO UPDATE SET bytes = excluded.bytes, items = excluded.items, measured_at = excluded.measured_at`,
      [draftId, size.bytes, size.items, new Date().toISOString()],
    )
  }

  async setDraftDamage(draftId: string, damage: string | null): Promise<void> {
    await run(
      this.pool,
      `INSERT INTO draft_health (draft_id, damage, damaged_at) SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM drafts WHERE id = $1)
       ON CONFLICT (draft_id) DO UPDATE SET damage = excluded.damage, damaged_at = excluded.damaged_at`,
      [draftId, damage, damage === null ? null : new Date().toISOString()],
    )
  }

  async getDraftHealth(draftId: string): Promise<DraftHealth | null> {
    const row = await first<DraftHealthRow>(this.pool, `SELECT ${HEALTH_COLUMNS} FROM draft_health WHERE draft_id = $1`, [draftId])
    return row ? toDraftHealth(row) : null
  }
}
