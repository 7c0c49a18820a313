import type Database from 'better-sqlite3'
import type { ClauseStatusStore, HoldRecord, HoldRelease, NewHold, NewStatusRequest, StatusRequestDecision, StatusRequestRecord } from '../clauseStatus'
import { type HoldRow, type RequestRow, toHold, toRequest } from '../rows/clauseStatusRows'

/** Ad referendum holds and proposed statuses in two tables. */
export class SqliteClauseStatusStore implements ClauseStatusStore {
  private readonly stmt
  private readonly replace

  constructor(db: Database.Database) {
    this.stmt = {
      release: db.prepare(
        `UPDATE clause_holds SET released_by = @by, released_at = @at, outcome = @outcome, reason = @reason
         WHERE draft_id = @draftId AND clause_id = @clauseId AND (@stateCode IS NULL OR state_code = @stateCode) AND released_at IS NULL`,
      ),
      insertHold: db.prepare(
        `INSERT INTO clause_holds (id, draft_id, clause_id, state_code, expected_by, placed_by, placed_at) VALUES (@id, @draftId, @clauseId, @stateCode, @expectedBy, @placedBy, @placedAt)`,
      ),
      openHolds: db.prepare(`SELECT * FROM clause_holds WHERE draft_id = @draftId AND (@clauseId IS NULL OR clause_id = @clauseId) AND released_at IS NULL ORDER BY placed_at, state_code`),
      listHolds: db.prepare('SELECT * FROM clause_holds WHERE draft_id = ? ORDER BY placed_at, state_code'),
      insertRequest: db.prepare(
        `INSERT INTO clause_status_requests (id, draft_id, clause_id, status, states, expected_by, reason, requested_by, requested_at, outcome)
         VALUES (@id, @draftId, @clauseId, @status, @states, @expectedBy, @reason, @requestedBy, @requestedAt, 'pending')`,
      ),
      decide: db.prepare(
        `UPDATE clause_status_requests SET outcome = @outcome, decided_by = @by, decided_at = @at, decision_reason = @reason WHERE draft_id = @draftId AND id = @id AND outcome = 'pending'`,
      ),
      getRequest: db.prepare('SELECT * FROM clause_status_requests WHERE draft_id = ? AND id = ?'),
      listRequests: db.prepare(`SELECT * FROM clause_status_requests WHERE draft_id = @draftId AND (@pending = 0 OR outcome = 'pending') ORDER BY requested_at, rowid`),
    }
    this.replace = db.transaction((draftId: string, clauseId: string, holds: readonly NewHold[], placedBy: string, at: string, release: HoldRelease) => {
      this.stmt.release.run({ draftId, clauseId, stateCode: null, ...release })
      for (const hold of holds) this.stmt.insertHold.run({ ...hold, draftId, clauseId, placedBy, placedAt: at })
    })
  }

  async replaceHolds(draftId: string, clauseId: string, holds: readonly NewHold[], placedBy: string, at: string, release: HoldRelease): Promise<void> {
    this.replace(draftId, clauseId, holds, placedBy, at, release)
  }

  async releaseHold(draftId: string, clauseId: string, stateCode: string, release: HoldRelease): Promise<boolean> {
    return this.stmt.release.run({ draftId, clauseId, stateCode, ...release }).changes > 0
  }

  async openHolds(draftId: string, clauseId?: string): Promise<HoldRecord[]> {
    return (this.stmt.openHolds.all({ draftId, clauseId: clauseId ?? null }) as HoldRow[]).map(toHold)
  }

  async listHolds(draftId: string): Promise<HoldRecord[]> {
    return (this.stmt.listHolds.all(draftId) as HoldRow[]).map(toHold)
  }

  async createRequest(request: NewStatusRequest): Promise<StatusRequestRecord> {
    this.stmt.insertRequest.run({ ...request, states: JSON.stringify(request.states) })
    return { ...request, outcome: 'pending', decidedBy: null, decidedAt: null, decisionReason: null }
  }

  async decideRequest(draftId: string, id: string, decision: StatusRequestDecision): Promise<boolean> {
    return this.stmt.decide.run({ draftId, id, ...decision }).changes === 1
  }

  async getRequest(draftId: string, id: string): Promise<StatusRequestRecord | null> {
    const row = this.stmt.getRequest.get(draftId, id) as RequestRow | undefined
    return row ? toRequest(row) : null
  }

  async listRequests(draftId: string, options: { readonly pendingOnly?: boolean } = {}): Promise<StatusRequestRecord[]> {
    return (this.stmt.listRequests.all({ draftId, pending: options.pendingOnly ? 1 : 0 }) as RequestRow[]).map(toRequest)
  }
}
