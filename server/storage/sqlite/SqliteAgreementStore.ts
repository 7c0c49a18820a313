import type Database from 'better-sqlite3'
import type { SilenceBreakView, SilenceState } from '../../../shared/agreementApi'
import type { AgreementStore, NewSilence, SilenceRecord, StatementFilter, StatementRecord } from '../agreement'
import { type BreakRow, SETTLE_OUTCOME, type SilenceRow, type StatementRow, statementFilter, toSilence, toStatement } from '../rows/agreementRows'

/** Silences, their breaks and statements on record (mirrors PgAgreementStore). */
export class SqliteAgreementStore implements AgreementStore {
  private readonly stmt

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      start: db.prepare(
        `INSERT INTO silences (id, draft_id, revision, clause_ids, started_by, started_at, deadline, state)
         VALUES (@id, @draftId, @revision, @clauseIds, @startedBy, @startedAt, @deadline, 'open') ON CONFLICT DO NOTHING`,
      ),
      get: db.prepare('SELECT * FROM silences WHERE id = ?'),
      open: db.prepare(`SELECT * FROM silences WHERE draft_id = ? AND state = 'open'`),
      list: db.prepare('SELECT * FROM silences WHERE draft_id = ? ORDER BY started_at DESC, rowid DESC'),
      due: db.prepare(`SELECT * FROM silences WHERE state = 'open' AND deadline <= ? ORDER BY deadline`),
      breaks: db.prepare('SELECT b.* FROM silence_breaks b JOIN silences s ON s.id = b.silence_id WHERE s.draft_id = ? ORDER BY b.at, b.rowid'),
      breaksOf: db.prepare('SELECT * FROM silence_breaks WHERE silence_id = ? ORDER BY at, rowid'),
      // The break counts only while the silence is open and before its deadline (one per State).
      addBreak: db.prepare(
        `INSERT INTO silence_breaks (silence_id, state_code, user_id, reason, at)
         SELECT @silenceId, @stateCode, @userId, @reason, @at WHERE EXISTS (SELECT 1 FROM silences WHERE id = @silenceId AND state = 'open' AND deadline > @at)
         ON CONFLICT DO NOTHING`,
      ),
      settle: db.prepare(`UPDATE silences SET state = ${SETTLE_OUTCOME}, settled_at = ? WHERE id = ? AND state = 'open'`),
      addStatement: db.prepare(
        `INSERT INTO statements (id, draft_id, clause_id, kind, state_code, user_id, text, at) VALUES (@id, @draftId, @clauseId, @kind, @stateCode, @userId, @text, @at)`,
      ),
      statements: db.prepare(
        `SELECT * FROM statements WHERE draft_id = @draft AND (@clause IS NULL OR clause_id = @clause) AND (@state IS NULL OR state_code = @state)
         AND (@kind IS NULL OR kind = @kind) ORDER BY at, rowid`,
      ),
    }
  }

  private withBreaks(row: SilenceRow | undefined): SilenceRecord | null {
    return row ? toSilence(row, this.stmt.breaksOf.all(row.id) as BreakRow[]) : null
  }

  async startSilence(s: NewSilence): Promise<boolean> {
    return this.stmt.start.run({ ...s, clauseIds: JSON.stringify(s.clauseIds) }).changes === 1
  }

  async getSilence(id: string): Promise<SilenceRecord | null> {
    return this.withBreaks(this.stmt.get.get(id) as SilenceRow | undefined)
  }

  async openSilence(draftId: string): Promise<SilenceRecord | null> {
    return this.withBreaks(this.stmt.open.get(draftId) as SilenceRow | undefined)
  }

  async listSilences(draftId: string): Promise<SilenceRecord[]> {
    const breaks = this.stmt.breaks.all(draftId) as BreakRow[]
    return (this.stmt.list.all(draftId) as SilenceRow[]).map((row) => toSilence(row, breaks))
  }

  async breakSilence(silenceId: string, entry: SilenceBreakView): Promise<boolean> {
    return this.stmt.addBreak.run({ silenceId, ...entry }).changes === 1
  }

  async dueSilences(now: string): Promise<SilenceRecord[]> {
    return (this.stmt.due.all(now) as SilenceRow[]).map((row) => toSilence(row, this.stmt.breaksOf.all(row.id) as BreakRow[]))
  }

  async settleSilence(id: string, at: string): Promise<Exclude<SilenceState, 'open'> | null> {
    const settle = this.db.transaction(() => {
      if (this.stmt.settle.run(at, id).changes !== 1) return null
      return (this.stmt.get.get(id) as SilenceRow).state as Exclude<SilenceState, 'open'>
    })
    return settle()
  }

  async addStatement(statement: StatementRecord): Promise<void> {
    this.stmt.addStatement.run(statement)
  }

  async listStatements(draftId: string, filter?: StatementFilter): Promise<StatementRecord[]> {
    return (this.stmt.statements.all(statementFilter(draftId, filter)) as StatementRow[]).map(toStatement)
  }
}
