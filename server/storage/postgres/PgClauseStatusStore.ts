import type { Pool } from 'pg'
import type { ClauseStatusStore, HoldRecord, HoldRelease, NewHold, NewStatusRequest, StatusRequestDecision, StatusRequestRecord } from '../clauseStatus'
import { type HoldRow, type RequestRow, toHold, toRequest } from '../rows/clauseStatusRows'
import { type Queryable, all, first, run, transaction } from './db'

const RELEASE = `UPDATE clause_holds SET released_by = $1, released_at = $2, outcome = $3, reason = $4
  WHERE draft_id = $5 AND clause_id = $6 AND ($7::text IS NULL OR state_code = $7) AND released_at IS NULL`

const release = (db: Queryable, draftId: string, clauseId: string, stateCode: string | null, r: HoldRelease): Promise<number> =>
  run(db, RELEASE, [r.by, r.at, r.outcome, r.reason, draftId, clauseId, stateCode])

/** Ad referendum holds and proposed statuses (mirrors SqliteClauseStatusStore). */
export class PgClauseStatusStore implements ClauseStatusStore {
  constructor(private readonly pool: Pool) {}

  async replaceHolds(draftId: string, clauseId: string, holds: readonly NewHold[], placedBy: string, at: string, r: HoldRelease): Promise<void> {
    await transaction(this.pool, async (client) => {
      await release(client, draftId, clauseId, null, r)
      for (const hold of holds) {
        await run(client, 'INSERT INTO clause_holds (id, draft_id, clause_id, state_code, expected_by, placed_by, placed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
          hold.id,
          draftId,
          clauseId,
          hold.stateCode,
          hold.expectedBy,
          placedBy,
          at,
        ])
      }
    })
  }

  async releaseHold(draftId: string, clauseId: string, stateCode: string, r: HoldRelease): Promise<boolean> {
    return (await release(this.pool, draftId, clauseId, stateCode, r)) > 0
  }

  async openHolds(draftId: string, clauseId?: string): Promise<HoldRecord[]> {
    const rows = await all<HoldRow>(this.pool, 'SELECT * FROM clause_holds WHERE draft_id = $1 AND ($2::text IS NULL OR clause_id = $2) AND released_at IS NULL ORDER BY placed_at, state_code', [draftId, clauseId ?? null])
    return rows.map(toHold)
  }

  async listHolds(draftId: string): Promise<HoldRecord[]> {
    return (await all<HoldRow>(this.pool, 'SELECT * FROM clause_holds WHERE draft_id = $1 ORDER BY placed_at, state_code', [draftId])).map(toHold)
  }

  async createRequest(q: NewStatusRequest): Promise<StatusRequestRecord> {
    await run(
      this.pool,
      `INSERT INTO clause_status_requests (id, draft_id, clause_id, status, states, expected_by, reason, requested_by, requested_at, outcome)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending')`,
      [q.id, q.draftId, q.clauseId, q.status, JSON.stringify(q.states), q.expectedBy, q.reason, q.requestedBy, q.requestedAt],
    )
    return { ...q, outcome: 'pending', decidedBy: null, decidedAt: null, decisionReason: null }
  }

  async decideRequest(draftId: string, id: string, d: StatusRequestDecision): Promise<boolean> {
    const row = await first<{ id: string }>(
      this.pool,
      `UPDATE clause_status_requests SET outcome = $1, decided_by = $2, decided_at = $3, decision_reason = $4 WHERE draft_id = $5 AND id = $6 AND outcome = 'pending' RETURNING id`,
      [d.outcome, d.by, d.at, d.reason, draftId, id],
    )
    return row !== null
  }

  async getRequest(draftId: string, id: string): Promise<StatusRequestRecord | null> {
    const row = await first<RequestRow>(this.pool, 'SELECT * FROM clause_status_requests WHERE draft_id = $1 AND id = $2', [draftId, id])
    return row ? toRequest(row) : null
  }

  async listRequests(draftId: string, options: { readonly pendingOnly?: boolean } = {}): Promise<StatusRequestRecord[]> {
    const rows = await all<RequestRow>(this.pool, `SELECT * FROM clause_status_requests WHERE draft_id = $1 AND ($2::boolean = false OR outcome = 'pending') ORDER BY requested_at, id`, [draftId, options.pendingOnly === true])
    return rows.map(toRequest)
  }
}
