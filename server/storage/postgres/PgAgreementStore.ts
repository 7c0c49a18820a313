import type { Pool } from 'pg'
import type { SilenceBreakView, SilenceState } from '../../../shared/agreementApi'
import type { AgreementStore, NewSilence, SilenceRecord, StatementFilter, StatementRecord } from '../agreement'
import { type BreakRow, SETTLE_OUTCOME, type SilenceRow, type StatementRow, statementFilter, toSilence, toStatement } from '../rows/agreementRows'
import { all, first, run } from './db'

/** Silences, their breaks and statements on record (mirrors SqliteAgreementStore). */
export class PgAgreementStore implements AgreementStore {
  constructor(private readonly pool: Pool) {}

  private async withBreaks(rows: readonly SilenceRow[]): Promise<SilenceRecord[]> {
    if (rows.length === 0) return []
    const breaks = await all<BreakRow>(this.pool, 'SELECT * FROM silence_breaks WHERE silence_id = ANY($1) ORDER BY at, state_code', [rows.map((r) => r.id)])
    return rows.map((row) => toSilence(row, breaks))
  }

  async startSilence(s: NewSilence): Promise<boolean> {
    const changed = await run(
      this.pool,
      `INSERT INTO silences (id, draft_id, revision, clause_ids, started_by, started_at, deadline, state) VALUES ($1, $2, $3, $4, $5, $6, $7, 'open') ON CONFLICT DO NOTHING`,
      [s.id, s.draftId, s.revision, JSON.stringify(s.clauseIds), s.startedBy, s.startedAt, s.deadline],
    )
    return changed === 1
  }

  async getSilence(id: string): Promise<SilenceRecord | null> {
    return (await this.withBreaks(await all<SilenceRow>(this.pool, 'SELECT * FROM silences WHERE id = $1', [id])))[0] ?? null
  }

  async openSilence(draftId: string): Promise<SilenceRecord | null> {
    return (await this.withBreaks(await all<SilenceRow>(this.pool, `SELECT * FROM silences WHERE draft_id = $1 AND state = 'open'`, [draftId])))[0] ?? null
  }

  async listSilences(draftId: string): Promise<SilenceRecord[]> {
    return this.withBreaks(await all<SilenceRow>(this.pool, 'SELECT * FROM silences WHERE draft_id = $1 ORDER BY started_at DESC, id DESC', [draftId]))
  }

  async breakSilence(silenceId: string, b: SilenceBreakView): Promise<boolean> {
    // The break counts only while the silence is open and before its deadline (one per State).
    const changed = await run(
      this.pool,
      `INSERT INTO silence_breaks (silence_id, state_code, user_id, reason, at)
       SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM silences WHERE id = $1 AND state = 'open' AND deadline > $5) ON CONFLICT DO NOTHING`,
      [silenceId, b.stateCode, b.userId, b.reason, b.at],
    )
    return changed === 1
  }

  async dueSilences(now: string): Promise<SilenceRecord[]> {
    return this.withBreaks(await all<SilenceRow>(this.pool, `SELECT * FROM silences WHERE state = 'open' AND deadline <= $1 ORDER BY deadline`, [now]))
  }

  async settleSilence(id: string, at: string): Promise<Exclude<SilenceState, 'open'> | null> {
    const row = await first<{ state: Exclude<SilenceState, 'open'> }>(
      this.pool,
      `UPDATE silences SET state = ${SETTLE_OUTCOME}, settled_at = $1 WHERE id = $2 AND state = 'open' RETURNING state`,
      [at, id],
    )
    return row?.state ?? null
  }

  async addStatement(s: StatementRecord): Promise<void> {
    await run(this.pool, 'INSERT INTO statements (id, draft_id, clause_id, kind, state_code, user_id, text, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      s.id,
      s.draftId,
      s.clauseId,
      s.kind,
      s.stateCode,
      s.userId,
      s.text,
      s.at,
    ])
  }

  async listStatements(draftId: string, filter?: StatementFilter): Promise<StatementRecord[]> {
    const f = statementFilter(draftId, filter)
    const rows = await all<StatementRow>(
      this.pool,
      `SELECT * FROM statements WHERE draft_id = $1 AND ($2::text IS NULL OR clause_id = $2) AND ($3::text IS NULL OR state_code = $3) AND ($4::text IS NULL OR kind = $4) ORDER BY at, id`,
      [f.draft, f.clause, f.state, f.kind],
    )
    return rows.map(toStatement)
  }
}
