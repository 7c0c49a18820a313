import type Database from 'better-sqlite3'
import { type SuggestionRow, filterParams, toSuggestion } from '../rows/suggestionRows'
import type { OpenSuggestionRecord, SuggestionDecision, SuggestionFilter, SuggestionRecord, SuggestionStore } from '../suggestions'

/** The record of suggestions in one table, keyed by draft and suggestion id. */
export class SqliteSuggestionStore implements SuggestionStore {
  private readonly stmt

  constructor(db: Database.Database) {
    this.stmt = {
      upsert: db.prepare(
        `INSERT INTO suggestions (draft_id, id, clause_id, kind, user_id, author_name, state_code, inserted, deleted, suggested_at, status)
         VALUES (@draftId, @id, @clauseId, @kind, @userId, @authorName, @stateCode, @inserted, @deleted, @suggestedAt, 'open')
         ON CONFLICT (draft_id, id) DO UPDATE SET clause_id = excluded.clause_id, kind = excluded.kind, inserted = excluded.inserted, deleted = excluded.deleted
         WHERE suggestions.status = 'open'`,
      ),
      decide: db.prepare(`UPDATE suggestions SET status = @status, decided_by = @by, decided_at = @at, reason = @reason WHERE draft_id = @draftId AND id = @id AND status = 'open'`),
      get: db.prepare('SELECT * FROM suggestions WHERE draft_id = ? AND id = ?'),
      list: db.prepare(
        `SELECT * FROM suggestions WHERE draft_id = @draft AND (@state IS NULL OR state_code = @state) AND (@clause IS NULL OR clause_id = @clause)
         AND (@status IS NULL OR status = @status) ORDER BY suggested_at, rowid`,
      ),
    }
  }

  async upsertOpen(record: OpenSuggestionRecord): Promise<void> {
    this.stmt.upsert.run(record)
  }

  async decide(draftId: string, id: string, decision: SuggestionDecision): Promise<boolean> {
    return this.stmt.decide.run({ draftId, id, ...decision }).changes === 1
  }

  async get(draftId: string, id: string): Promise<SuggestionRecord | null> {
    const row = this.stmt.get.get(draftId, id) as SuggestionRow | undefined
    return row ? toSuggestion(row) : null
  }

  async list(draftId: string, filter?: SuggestionFilter): Promise<SuggestionRecord[]> {
    return (this.stmt.list.all(filterParams(draftId, filter)) as SuggestionRow[]).map(toSuggestion)
  }
}
