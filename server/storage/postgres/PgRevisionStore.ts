import type { Pool } from 'pg'
import type { ClauseSnapshot, ClauseVersion, NewRevision, RevisionMeta, RevisionStore, SeenState } from '../revisions'
import { type ClauseRow, type RevisionRow, toClause, toRevisionMeta } from '../rows/revisionRows'
import { bytes } from '../rows/bytes'
import { all, first, run, transaction } from './db'

const META = `SELECT r.draft_id, r.number, r.label, r.title, r.created_by, u.display_name AS created_by_name, r.created_at, r.clause_count
  FROM revisions r LEFT JOIN users u ON u.id = r.created_by`
const CLAUSE_COLUMNS = 'c.revision, c.clause_id, c.kind, c.number, c.label, c.heading, c.status, c.text'

/** Revisions in two tables: one row per revision (with the Y.Doc state), one per clause of it. */
export class PgRevisionStore implements RevisionStore {
  constructor(private readonly pool: Pool) {}

  async createRevision(revision: NewRevision): Promise<RevisionMeta> {
    const createdAt = new Date().toISOString()
    return transaction(this.pool, async (client) => {
      // Lock the draft's row (NO KEY UPDATE: appends, whose foreign key takes KEY SHARE, go on) so that
      // revisions of one draft, from any process, take their numbers one after the other.
      await run(client, 'SELECT 1 FROM drafts WHERE id = $1 FOR NO KEY UPDATE', [revision.draftId])
      const next = await first<{ next: number }>(client, 'SELECT COALESCE(MAX(number), 0) + 1 AS next FROM revisions WHERE draft_id = $1', [
        revision.draftId,
      ])
      const number = next?.next ?? 1
      await run(
        client,
        'INSERT INTO revisions (draft_id, number, label, title, created_by, created_at, state, clause_count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [revision.draftId, number, revision.label, revision.title, revision.createdBy, createdAt, revision.state, revision.clauses.length],
      )
      if (revision.clauses.length > 0) {
        const c = revision.clauses
        // One statement for all clauses: a 300-clause draft is one round trip, not 300.
        await run(
          client,
          `INSERT INTO revision_clauses (draft_id, revision, ord, clause_id, kind, number, label, heading, status, text)
           SELECT $1, $2, t.ord - 1, t.clause_id, t.kind, t.number, t.label, t.heading, t.status, t.text
           FROM unnest($3::text[], $4::text[], $5::integer[], $6::text[], $7::text[], $8::text[], $9::text[])
             WITH ORDINALITY AS t(clause_id, kind, number, label, heading, status, text, ord)`,
          [
            revision.draftId,
            number,
            c.map((x) => x.id),
            c.map((x) => x.kind),
            c.map((x) => x.number),
            c.map((x) => x.label),
            c.map((x) => x.heading),
            c.map((x) => x.status),
            c.map((x) => x.text),
          ],
        )
      }
      const meta = await first<RevisionRow>(client, `${META} WHERE r.draft_id = $1 AND r.number = $2`, [revision.draftId, number])
      if (!meta) throw new Error('revision vanished after insert')
      return toRevisionMeta(meta)
    })
  }

  async listRevisions(draftId: string): Promise<RevisionMeta[]> {
    return (await all<RevisionRow>(this.pool, `${META} WHERE r.draft_id = $1 ORDER BY r.number`, [draftId])).map(toRevisionMeta)
  }

  async getRevision(draftId: string, number: number): Promise<RevisionMeta | null> {
    const row = await first<RevisionRow>(this.pool, `${META} WHERE r.draft_id = $1 AND r.number = $2`, [draftId, number])
    return row ? toRevisionMeta(row) : null
  }

  /** The revision's clause rows; null without the revision, [] for one without clauses (one statement). */
  private async clauseRows(draftId: string, number: number): Promise<ClauseRow[] | null> {
    const rows = await all<ClauseRow | { [K in keyof ClauseRow]: null }>(
      this.pool,
      `SELECT ${CLAUSE_COLUMNS} FROM revisions r
       LEFT JOIN revision_clauses c ON c.draft_id = r.draft_id AND c.revision = r.number
       WHERE r.draft_id = $1 AND r.number = $2 ORDER BY c.ord`,
      [draftId, number],
    )
    if (rows.length === 0) return null
    return rows.filter((r): r is ClauseRow => r.clause_id !== null)
  }

  async revisionClauses(draftId: string, number: number): Promise<ClauseSnapshot[] | null> {
    return (await this.clauseRows(draftId, number))?.map(toClause) ?? null
  }

  async revisionOrder(draftId: string, number: number): Promise<string[] | null> {
    const rows = await all<{ clause_id: string | null }>(
      this.pool,
      `SELECT c.clause_id FROM revisions r
       LEFT JOIN revision_clauses c ON c.draft_id = r.draft_id AND c.revision = r.number
       WHERE r.draft_id = $1 AND r.number = $2 ORDER BY c.ord`,
      [draftId, number],
    )
    if (rows.length === 0) return null
    return rows.flatMap((r) => (r.clause_id === null ? [] : [r.clause_id]))
  }

  async revisionState(draftId: string, number: number): Promise<Uint8Array | null> {
    const row = await first<{ state: Buffer }>(this.pool, 'SELECT state FROM revisions WHERE draft_id = $1 AND number = $2', [draftId, number])
    return row ? bytes(row.state) : null
  }

  async clauseVersions(draftId: string, clauseId: string): Promise<ClauseVersion[]> {
    const rows = await all<ClauseRow>(
      this.pool,
      `SELECT ${CLAUSE_COLUMNS} FROM revision_clauses c WHERE c.draft_id = $1 AND c.clause_id = $2 ORDER BY c.revision`,
      [draftId, clauseId],
    )
    return rows.map((r) => ({ revision: r.revision, clause: toClause(r) }))
  }

  async getSeen(userId: string, draftId: string): Promise<SeenState | null> {
    const row = await first<{ seen_at: string; clauses: ClauseSnapshot[] }>(
      this.pool,
      'SELECT seen_at, clauses FROM draft_seen WHERE user_id = $1 AND draft_id = $2',
      [userId, draftId],
    )
    return row ? { seenAt: row.seen_at, clauses: row.clauses } : null
  }

  async setSeen(userId: string, draftId: string, seen: SeenState): Promise<void> {
    await run(
      this.pool,
      `INSERT INTO draft_seen (user_id, draft_id, seen_at, clauses) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, draft_id) DO UPDATE SET seen_at = excluded.seen_at, clauses = excluded.clauses`,
      [userId, draftId, seen.seenAt, JSON.stringify(seen.clauses)],
    )
  }
}
