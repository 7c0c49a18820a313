import type { Pool } from 'pg'
import { type SuggestionRow, filterParams, toSuggestion } from '../rows/suggestionRows'
import type { OpenSuggestionRecord, SuggestionDecision, SuggestionFilter, SuggestionRecord, SuggestionStore } from '../suggestions'
import { all, first, run } from './db'

/** The record of suggestions (mirrors SqliteSuggestionStore). */
export class PgSuggestionStore implements SuggestionStore {
  constructor(private readonly pool: Pool) {}

  async upsertOpen(r: OpenSuggestionRecord): Promise<void> {
    await run(
      this.pool,
      `INSERT INTO suggestions (draft_id, id, clause_id, kind, user_id, author_name, state_code, inserted, deleted, suggested_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open')
       ON CONFLICT (draft_id, id) DO UPDATE SET clause_id = excluded.clause_id, kind = excluded.kind, inserted = excluded.inserted, deleted = excluded.deleted
       WHERE suggestions.status = 'open'`,
      [r.draftId, r.id, r.clauseId, r.kind, r.userId, r.authorName, r.stateCode, r.inserted, r.deleted, r.suggestedAt],
    )
  }

  async decide(draftId: string, id: string, d: SuggestionDecision): Promise<boolean> {
    const row = await first<{ id: string }>(
      this.pool,
      `UPDATE suggestions SET status = $1, decided_by = $2, decided_at = $3, reason = $4 WHERE draft_id = $5 AND id = $6 AND status = 'open' RETURNING id`,
      [d.status, d.by, d.at, d.reason, draftId, id],
    )
    return row !== null
  }

  async get(draftId: string, id: string): Promise<SuggestionRecord | null> {
    const row = await first<SuggestionRow>(this.pool, 'SELECT * FROM suggestions WHERE draft_id = $1 AND id = $2', [draftId, id])
    return row ? toSuggestion(row) : null
  }

  async list(draftId: string, filter?: SuggestionFilter): Promise<SuggestionRecord[]> {
    const p = filterParams(draftId, filter)
    const rows = await all<SuggestionRow>(
      this.pool,
      `SELECT * FROM suggestions WHERE draft_id = $1 AND ($2::text IS NULL OR state_code = $2) AND ($3::text IS NULL OR clause_id = $3)
       AND ($4::text IS NULL OR status = $4) ORDER BY suggested_at, id`,
      [p.draft, p.state, p.clause, p.status],
    )
    return rows.map(toSuggestion)
  }
}
