import pLimit, { type LimitFunction } from 'p-limit'
import type { Pool } from 'pg'
import type { DocStats, DocStore, DraftHealth, DraftSize, StoredDoc, StoredUpdate } from '../docs'
import { bytes } from '../rows/bytes'
import { type DraftHealthRow, HEALTH_COLUMNS, toDraftHealth } from '../rows/healthRows'
import { type Queryable, all, first, run, transaction } from './db'
import { LockSpace } from './locks'

/** Upsert of a draft's snapshot; `through_update_id` never goes back (a late, older compaction cannot unfold updates). */
const UPSERT_SNAPSHOT = `INSERT INTO doc_snapshots (draft_id, data, through_update_id, updated_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (draft_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at,
    through_update_id = GREATEST(doc_snapshots.through_update_id, excluded.through_update_id)`

type LogRow = { kind: 'snapshot' | 'update'; id: number; data: Buffer }

/** The snapshot row and the update rows of one statement (one view of the database), and the newest ids of each. */
function split(rows: readonly LogRow[]) {
  const snapshot = rows.find((r) => r.kind === 'snapshot')
  const updates = rows.filter((r) => r.kind === 'update')
  return {
    snapshot: snapshot ? bytes(snapshot.data) : null,
    updates: updates.map((r) => bytes(r.data)),
    snapshotId: snapshot?.id ?? null,
    lastId: updates.at(-1)?.id ?? null,
  }
}

/** Each draft's document log and health on PostgreSQL; several processes may append to one log. */
export class PgDocStore implements DocStore {
  /**
   * A compaction holds one connection for its locks and needs another for its reads and writes: at
   * most half the pool compacts at once, so that many drafts unloading together cannot starve it.
   */
  private readonly compactions: LimitFunction

  constructor(
    private readonly pool: Pool,
    poolSize: number,
  ) {
    this.compactions = pLimit(Math.max(1, Math.floor(poolSize / 2)))
  }

  /** Writes a new draft's first snapshot inside the caller's transaction. */
  async writeInitial(client: Queryable, draftId: string, state: Uint8Array, at: string): Promise<void> {
    await run(client, UPSERT_SNAPSHOT, [draftId, state, 0, at])
  }

  async load(draftId: string): Promise<StoredDoc> {
    // One statement sees one snapshot of the database: no compaction can fall between the two reads.
    const rows = await all<LogRow>(
      this.pool,
      `SELECT 'snapshot' AS kind, through_update_id AS id, data FROM doc_snapshots WHERE draft_id = $1
       UNION ALL
       SELECT 'update' AS kind, id, data FROM doc_updates WHERE draft_id = $1
       ORDER BY kind, id`,
      [draftId],
    )
    const { snapshot, updates, snapshotId, lastId } = split(rows)
    return { snapshot, updates, lastUpdateId: lastId ?? snapshotId ?? 0 }
  }

  async loadSince(draftId: string, afterId: number, options: { readonly everyUpdate?: boolean } = {}): Promise<StoredDoc> {
    const rows = await all<LogRow>(
      this.pool,
      `SELECT 'snapshot' AS kind, through_update_id AS id, data FROM doc_snapshots WHERE draft_id = $1 AND through_update_id > $2
       UNION ALL
       SELECT 'update' AS kind, id, data FROM doc_updates WHERE draft_id = $1 AND id > $3
       ORDER BY kind, id`,
      [draftId, afterId, options.everyUpdate ? 0 : afterId],
    )
    const { snapshot, updates, snapshotId, lastId } = split(rows)
    return { snapshot, updates, lastUpdateId: Math.max(afterId, lastId ?? 0, snapshotId ?? 0) }
  }

  async append(draftId: string, update: Uint8Array, authorId: string | null = null): Promise<number> {
    // One statement outside a transaction block commits before it returns: durable on return. It
    // holds the draft's log fence shared until then, so a compaction (exclusive) never reads the
    // log while an update with a lower id is still uncommitted.
    const row = await first<{ id: number }>(
      this.pool,
      `WITH fence AS (SELECT pg_advisory_xact_lock_shared($3, hashtext($1)))
       INSERT INTO doc_updates (draft_id, data, author_id) SELECT $1::text, $2::bytea, $4::text FROM fence RETURNING id`,
      [draftId, update, LockSpace.logFence, authorId],
    )
    if (!row) throw new Error('INSERT … RETURNING returned no row')
    return row.id
  }

  async compact(draftId: string, snapshot: Uint8Array, throughUpdateId: number): Promise<void> {
    await transaction(this.pool, async (client) => {
      await run(client, UPSERT_SNAPSHOT, [draftId, snapshot, throughUpdateId, new Date().toISOString()])
      await run(client, 'DELETE FROM doc_updates WHERE draft_id = $1 AND id <= $2', [draftId, throughUpdateId])
    })
  }

  withCompactionLock(draftId: string, fn: () => Promise<void>): Promise<boolean> {
    return this.compactions(() => this.compactLocked(draftId, fn))
  }

  private async compactLocked(draftId: string, fn: () => Promise<void>): Promise<boolean> {
    // On a connection of its own: a session-level advisory lock makes one compactor per draft (the
    // others return at once); then, in a transaction, the log fence taken exclusively waits for the
    // appends in flight to commit and holds new ones back until `fn` (read, fold, delete) is done.
    const client = await this.pool.connect()
    try {
      const key = [LockSpace.compaction, draftId]
      const got = await first<{ locked: boolean }>(client, 'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', key)
      if (!got?.locked) return false
      try {
        await client.query('BEGIN')
        try {
          await run(client, 'SELECT pg_advisory_xact_lock($1, hashtext($2))', [LockSpace.logFence, draftId])
          await fn()
        } finally {
          await client.query('COMMIT')
        }
      } finally {
        await run(client, 'SELECT pg_advisory_unlock($1, hashtext($2))', key)
      }
      return true
    } finally {
      client.release()
    }
  }

  async stats(draftId: string): Promise<DocStats> {
    const row = await first<{ updates: number; update_bytes: number; snapshot_bytes: number }>(
      this.pool,
      `SELECT (SELECT COUNT(*) FROM doc_updates WHERE draft_id = $1) AS updates,
         (SELECT COALESCE(SUM(octet_length(data)), 0)::bigint FROM doc_updates WHERE draft_id = $1) AS update_bytes,
         (SELECT COALESCE(SUM(octet_length(data)), 0)::bigint FROM doc_snapshots WHERE draft_id = $1) AS snapshot_bytes`,
      [draftId],
    )
    return { updates: row?.updates ?? 0, updateBytes: row?.update_bytes ?? 0, snapshotBytes: row?.snapshot_bytes ?? 0 }
  }

  async listUpdates(draftId: string): Promise<StoredUpdate[]> {
    const rows = await all<{ id: number; data: Buffer; author_id: string | null }>(this.pool, 'SELECT id, data, author_id FROM doc_updates WHERE draft_id = $1 ORDER BY id', [draftId])
    return rows.map((r) => ({ id: r.id, data: bytes(r.data), authorId: r.author_id }))
  }

  dropUpdates(draftId: string, ids: readonly number[]): Promise<number> {
    if (ids.length === 0) return Promise.resolve(0)
    return run(this.pool, 'DELETE FROM doc_updates WHERE draft_id = $1 AND id = ANY($2::bigint[])', [draftId, ids])
  }

  async recordSize(draftId: string, size: DraftSize): Promise<void> {
    await run(
      this.pool,
      `INSERT INTO draft_health (draft_id, bytes, items, measured_at) SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM drafts WHERE id = $1)
       ON CONFLICT (draft_id) DO UPDATE SET bytes = excluded.bytes, items = excluded.items, measured_at = excluded.measured_at`,
      [draftId, size.bytes, size.items, new Date().toISOString()],
    )
  }

  async setDamage(draftId: string, damage: string | null): Promise<void> {
    await run(
      this.pool,
      `INSERT INTO draft_health (draft_id, damage, damaged_at) SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM drafts WHERE id = $1)
       ON CONFLICT (draft_id) DO UPDATE SET damage = excluded.damage, damaged_at = excluded.damaged_at`,
      [draftId, damage, damage === null ? null : new Date().toISOString()],
    )
  }

  async getHealth(draftId: string): Promise<DraftHealth | null> {
    const row = await first<DraftHealthRow>(this.pool, `SELECT ${HEALTH_COLUMNS} FROM draft_health WHERE draft_id = $1`, [draftId])
    return row ? toDraftHealth(row) : null
  }
}
