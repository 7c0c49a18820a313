import type Database from 'better-sqlite3'
import type {
  CommentRecord,
  CommentRound,
  CommentVersion,
  DraftEvent,
  EventFilter,
  NewEvent,
  PositionRecord,
  Proposal,
  ThreadFilter,
  ThreadRecord,
  ThreadStatus,
  ThreadStore,
} from '../threads'
import { type CommentRow, type EventRow, type PositionRow, type RoundRow, type ThreadRow, toComment, toEvent, toPosition, toRound, toThread } from '../rows/threadRows'

/** A WHERE clause of `column = ?` terms built from optional filters. */
function conditions(firstColumn: string, value: unknown) {
  const where = [`${firstColumn} = ?`]
  const params: unknown[] = [value]
  const add = (column: string, param: unknown) => {
    where.push(`${column} = ?`)
    params.push(param)
  }
  return { where, params, add }
}

/** The threads area on SQLite; each change and its event are written in one transaction. */
export class SqliteThreadStore implements ThreadStore {
  private readonly stmt

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      insertEvent: db.prepare(
        `INSERT INTO draft_events (draft_id, type, at, actor_id, actor_state, clause_id, thread_id, comment_id, round_id, data)
         VALUES (@draftId, @type, @at, @actorId, @actorState, @clauseId, @threadId, @commentId, @roundId, @data)`,
      ),
      insertClauseEvent: db.prepare(
        `INSERT INTO draft_events (draft_id, type, at, actor_id, actor_state, clause_id, thread_id, comment_id, round_id, data)
         SELECT @draftId, @type, @at, @actorId, @actorState, @clauseId, @threadId, @commentId, @roundId, @data
         WHERE @since IS NULL OR NOT EXISTS (SELECT 1 FROM draft_events WHERE draft_id = @draftId AND clause_id = @clauseId
           AND actor_id = @actorId AND type = @type AND at >= @since)`,
      ),
      insertRound: db.prepare(
        `INSERT INTO comment_rounds (id, draft_id, name, deadline, status, opened_by, opened_at, closed_at)
         VALUES (@id, @draftId, @name, @deadline, @status, @openedBy, @openedAt, @closedAt)`,
      ),
      getRound: db.prepare('SELECT * FROM comment_rounds WHERE id = ?'),
      listRounds: db.prepare('SELECT * FROM comment_rounds WHERE draft_id = ? ORDER BY opened_at, rowid'),
      updateRound: db.prepare('UPDATE comment_rounds SET status = @status, deadline = @deadline, closed_at = @closedAt WHERE id = @id'),
      insertThread: db.prepare(
        `INSERT INTO threads (id, draft_id, clause_id, anchor_start, anchor_end, quote, status, author_id, author_state, round_id, created_at, proposal_text, proposal_status, proposal_base)
         VALUES (@id, @draftId, @clauseId, @anchorStart, @anchorEnd, @quote, @status, @authorId, @authorState, @roundId, @createdAt, @proposalText, @proposalStatus, @proposalBase)`,
      ),
      getThread: db.prepare('SELECT * FROM threads WHERE id = ?'),
      setThreadStatus: db.prepare('UPDATE threads SET status = ?, resolved_by = ?, resolved_at = ? WHERE id = ?'),
      decideProposal: db.prepare(
        'UPDATE threads SET proposal_status = @status, proposal_decided_by = @decidedBy, proposal_decided_at = @decidedAt, proposal_reason = @reason WHERE id = @id',
      ),
      insertComment: db.prepare(
        `INSERT INTO comments (id, thread_id, author_id, author_state, body, created_at, edited_at, deleted_at)
         VALUES (@id, @threadId, @authorId, @authorState, @body, @createdAt, @editedAt, @deletedAt)`,
      ),
      getComment: db.prepare('SELECT * FROM comments WHERE id = ?'),
      saveVersion: db.prepare('INSERT INTO comment_versions (comment_id, body, replaced_at) SELECT id, body, ? FROM comments WHERE id = ?'),
      editComment: db.prepare('UPDATE comments SET body = ?, edited_at = ? WHERE id = ?'),
      deleteComment: db.prepare("UPDATE comments SET body = '', deleted_at = ? WHERE id = ?"),
      insertPosition: db.prepare(
        `INSERT INTO positions (draft_id, clause_id, state_code, stance, statement, author_id, round_id, created_at)
         VALUES (@draftId, @clauseId, @stateCode, @stance, @statement, @authorId, @roundId, @createdAt)`,
      ),
      currentPositions: db.prepare(
        `SELECT p.* FROM positions p
         JOIN (SELECT MAX(id) AS id FROM positions WHERE draft_id = ? GROUP BY clause_id, state_code) latest ON latest.id = p.id
         ORDER BY p.clause_id, p.state_code`,
      ),
      positionHistory: db.prepare('SELECT * FROM positions WHERE draft_id = ? ORDER BY id'),
      clausePositionHistory: db.prepare('SELECT * FROM positions WHERE draft_id = ? AND clause_id = ? ORDER BY id'),
    }
  }

  private event(event: NewEvent): DraftEvent {
    const info = this.stmt.insertEvent.run({ ...event, data: JSON.stringify(event.data) })
    return { ...event, id: Number(info.lastInsertRowid) }
  }

  private withEvent(event: NewEvent, change: () => void): DraftEvent {
    return this.db.transaction(() => {
      change()
      return this.event(event)
    })()
  }

  async recordClauseEvent(event: NewEvent, mergeWithinMs: number): Promise<DraftEvent | null> {
    const since = mergeWithinMs > 0 ? new Date(Date.parse(event.at) - mergeWithinMs).toISOString() : null
    const info = this.stmt.insertClauseEvent.run({ ...event, data: JSON.stringify(event.data), since })
    return info.changes === 0 ? null : { ...event, id: Number(info.lastInsertRowid) }
  }

  async openRound(round: CommentRound, event: NewEvent): Promise<DraftEvent> {
    return this.withEvent(event, () => this.stmt.insertRound.run(round))
  }

  async getRound(id: string): Promise<CommentRound | null> {
    const row = this.stmt.getRound.get(id) as RoundRow | undefined
    return row ? toRound(row) : null
  }

  async listRounds(draftId: string): Promise<CommentRound[]> {
    return (this.stmt.listRounds.all(draftId) as RoundRow[]).map(toRound)
  }

  async updateRound(id: string, patch: Pick<CommentRound, 'status' | 'deadline' | 'closedAt'>, event: NewEvent): Promise<DraftEvent> {
    return this.withEvent(event, () => this.stmt.updateRound.run({ id, ...patch }))
  }

  async createThread(thread: ThreadRecord, comment: CommentRecord, event: NewEvent): Promise<DraftEvent> {
    return this.withEvent(event, () => {
      this.stmt.insertThread.run({
        ...thread,
        proposalText: thread.proposal?.text ?? null,
        proposalStatus: thread.proposal?.status ?? null,
        proposalBase: thread.proposal?.base ?? null,
      })
      this.stmt.insertComment.run(comment)
    })
  }

  async getThread(id: string): Promise<ThreadRecord | null> {
    const row = this.stmt.getThread.get(id) as ThreadRow | undefined
    return row ? toThread(row) : null
  }

  async listThreads(draftId: string, filter: ThreadFilter = {}): Promise<ThreadRecord[]> {
    const { where, params, add } = conditions('draft_id', draftId)
    if (filter.clauseId) add('clause_id', filter.clauseId)
    if (filter.authorState) add('author_state', filter.authorState)
    if (filter.status) add('status', filter.status)
    if (filter.roundId) add('round_id', filter.roundId)
    const rows = this.db.prepare(`SELECT * FROM threads WHERE ${where.join(' AND ')} ORDER BY created_at, rowid`).all(...params) as ThreadRow[]
    return rows.map(toThread)
  }

  async setThreadStatus(id: string, status: ThreadStatus, by: string | null, at: string | null, event: NewEvent): Promise<DraftEvent> {
    return this.withEvent(event, () => this.stmt.setThreadStatus.run(status, by, at, id))
  }

  async decideProposal(id: string, decision: Pick<Proposal, 'status' | 'decidedBy' | 'decidedAt' | 'reason'>, event: NewEvent): Promise<DraftEvent> {
    return this.withEvent(event, () => this.stmt.decideProposal.run({ id, ...decision }))
  }

  async addComment(comment: CommentRecord, event: NewEvent): Promise<DraftEvent> {
    return this.withEvent(event, () => this.stmt.insertComment.run(comment))
  }

  async getComment(id: string): Promise<CommentRecord | null> {
    const row = this.stmt.getComment.get(id) as CommentRow | undefined
    return row ? toComment(row) : null
  }

  async listComments(threadIds: readonly string[]): Promise<CommentRecord[]> {
    if (threadIds.length === 0) return []
    const rows: CommentRow[] = []
    // Chunked: SQLite limits the number of bound parameters.
    for (let i = 0; i < threadIds.length; i += 500) {
      const chunk = threadIds.slice(i, i + 500)
      const sql = `SELECT * FROM comments WHERE thread_id IN (${chunk.map(() => '?').join(',')}) ORDER BY created_at, rowid`
      rows.push(...(this.db.prepare(sql).all(...chunk) as CommentRow[]))
    }
    return rows.map(toComment).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
  }

  async editComment(id: string, body: string, at: string, event: NewEvent): Promise<DraftEvent> {
    return this.withEvent(event, () => {
      this.stmt.saveVersion.run(at, id)
      this.stmt.editComment.run(body, at, id)
    })
  }

  async deleteComment(id: string, at: string, event: NewEvent): Promise<DraftEvent> {
    return this.withEvent(event, () => {
      this.stmt.saveVersion.run(at, id)
      this.stmt.deleteComment.run(at, id)
    })
  }

  async listCommentVersions(commentIds: readonly string[]): Promise<CommentVersion[]> {
    if (commentIds.length === 0) return []
    const rows: { comment_id: string; body: string; replaced_at: string }[] = []
    for (let i = 0; i < commentIds.length; i += 500) {
      const chunk = commentIds.slice(i, i + 500)
      const sql = `SELECT * FROM comment_versions WHERE comment_id IN (${chunk.map(() => '?').join(',')}) ORDER BY replaced_at, rowid`
      rows.push(...(this.db.prepare(sql).all(...chunk) as typeof rows))
    }
    return rows.map((r) => ({ commentId: r.comment_id, body: r.body, replacedAt: r.replaced_at }))
  }

  async recordPosition(position: Omit<PositionRecord, 'id'>, event: NewEvent): Promise<DraftEvent> {
    return this.withEvent(event, () => this.stmt.insertPosition.run(position))
  }

  async currentPositions(draftId: string): Promise<PositionRecord[]> {
    return (this.stmt.currentPositions.all(draftId) as PositionRow[]).map(toPosition)
  }

  async positionHistory(draftId: string, clauseId?: string): Promise<PositionRecord[]> {
    const rows = clauseId ? this.stmt.clausePositionHistory.all(draftId, clauseId) : this.stmt.positionHistory.all(draftId)
    return (rows as PositionRow[]).map(toPosition)
  }

  async listEvents(draftId: string, filter: EventFilter = {}): Promise<DraftEvent[]> {
    const { where, params, add } = conditions('e.draft_id', draftId)
    if (filter.clauseId) add('e.clause_id', filter.clauseId)
    if (filter.actorState) add('e.actor_state', filter.actorState)
    if (filter.actorId) add('e.actor_id', filter.actorId)
    if (filter.roundId) add('e.round_id', filter.roundId)
    const join = filter.threadStatus ? 'JOIN threads t ON t.id = e.thread_id' : ''
    if (filter.threadStatus) add('t.status', filter.threadStatus)
    const sql = `SELECT e.* FROM draft_events e ${join} WHERE ${where.join(' AND ')} ORDER BY e.id`
    return (this.db.prepare(sql).all(...params) as EventRow[]).map(toEvent)
  }
}
