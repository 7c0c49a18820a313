import type Database from 'better-sqlite3'
import type { ClauseSnapshot, ClauseVersion, NewRevision, RevisionMeta, RevisionStore, SeenState } from '../revisions'
import { type ClauseRow, type RevisionRow, toClause, toRevisionMeta } from '../rows/revisionRows'
import { bytes } from '../rows/bytes'

const META = `SELECT r.draft_id, r.number, r.label, r.title, r.created_by, u.display_name AS created_by_name, r.created_at, r.clause_count
  FROM revisions r LEFT JOIN users u ON u.id = r.created_by`

/** Revisions in two tables: one row per revision (with the Y.Doc state), one per clause of it. */
export class SqliteRevisionStore implements RevisionStore {
  private readonly stmt

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      nextNumber: db.prepare('SELECT COALESCE(MAX(number), 0) + 1 AS next FROM revisions WHERE draft_id = ?'),
      insert: db.prepare(
        'INSERT INTO revisions (draft_id, number, label, title, created_by, created_at, state, clause_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      insertClause: db.prepare(
        'INSERT INTO revision_clauses (draft_id, revision, ord, clause_id, kind, number, label, heading, status, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      list: db.prepare(`${META} WHERE r.draft_id = ? ORDER BY r.number`),
      get: db.prepare(`${META} WHERE r.draft_id = ? AND r.number = ?`),
      exists: db.prepare('SELECT 1 FROM revisions WHERE draft_id = ? AND number = ?'),
      clauses: db.prepare(
        'SELECT revision, clause_id, kind, number, label, heading, status, text FROM revision_clauses WHERE draft_id = ? AND revision = ? ORDER BY ord',
      ),
      order: db.prepare('SELECT clause_id FROM revision_clauses WHERE draft_id = ? AND revision = ? ORDER BY ord'),
      state: db.prepare('SELECT state FROM revisions WHERE draft_id = ? AND number = ?'),
      versions: db.prepare(
        'SELECT revision, clause_id, kind, number, label, heading, status, text FROM revision_clauses WHERE draft_id = ? AND clause_id = ? ORDER BY revision',
      ),
      getSeen: db.prepare('SELECT seen_at, clauses FROM draft_seen WHERE user_id = ? AND draft_id = ?'),
      setSeen: db.prepare(
        `INSERT INTO draft_seen (user_id, draft_id, seen_at, clauses) VALUES (?, ?, ?, ?)
         ON CONFLICT(user_id, draft_id) DO UPDATE SET seen_at = excluded.seen_at, clauses = excluded.clauses`,
      ),
    }
  }

  async createRevision(revision: NewRevision): Promise<RevisionMeta> {
    const createdAt = new Date().toISOString()
    // IMMEDIATE: take the write lock before reading the next number, so another process cannot take it too.
    const number = this.db
      .transaction(() => {
        const { next } = this.stmt.nextNumber.get(revision.draftId) as { next: number }
        this.stmt.insert.run(revision.draftId, next, revision.label, revision.title, revision.createdBy, createdAt, revision.state, revision.clauses.length)
        revision.clauses.forEach((c, ord) => {
          this.stmt.insertClause.run(revision.draftId, next, ord, c.id, c.kind, c.number, c.label, c.heading, c.status, c.text)
        })
        return next
      })
      .immediate()
    const meta = await this.getRevision(revision.draftId, number)
    if (!meta) throw new Error('revision vanished after insert')
    return meta
  }

  async listRevisions(draftId: string): Promise<RevisionMeta[]> {
    return (this.stmt.list.all(draftId) as RevisionRow[]).map(toRevisionMeta)
  }

  async getRevision(draftId: string, number: number): Promise<RevisionMeta | null> {
    const row = this.stmt.get.get(draftId, number) as RevisionRow | undefined
    return row ? toRevisionMeta(row) : null
  }

  async revisionClauses(draftId: string, number: number): Promise<ClauseSnapshot[] | null> {
    return this.db.transaction(() => {
      if (!this.stmt.exists.get(draftId, number)) return null
      return (this.stmt.clauses.all(draftId, number) as ClauseRow[]).map(toClause)
    })()
  }

  async revisionOrder(draftId: string, number: number): Promise<string[] | null> {
    return this.db.transaction(() => {
      if (!this.stmt.exists.get(draftId, number)) return null
      return (this.stmt.order.all(draftId, number) as { clause_id: string }[]).map((r) => r.clause_id)
    })()
  }

  async revisionState(draftId: string, number: number): Promise<Uint8Array | null> {
    const row = this.stmt.state.get(draftId, number) as { state: Buffer } | undefined
    return row ? bytes(row.state) : null
  }

  async clauseVersions(draftId: string, clauseId: string): Promise<ClauseVersion[]> {
    return (this.stmt.versions.all(draftId, clauseId) as ClauseRow[]).map((r) => ({ revision: r.revision, clause: toClause(r) }))
  }

  async getSeen(userId: string, draftId: string): Promise<SeenState | null> {
    const row = this.stmt.getSeen.get(userId, draftId) as { seen_at: string; clauses: string } | undefined
    return row ? { seenAt: row.seen_at, clauses: JSON.parse(row.clauses) as ClauseSnapshot[] } : null
  }

  async setSeen(userId: string, draftId: string, seen: SeenState): Promise<void> {
    this.stmt.setSeen.run(userId, draftId, seen.seenAt, JSON.stringify(seen.clauses))
  }
}
