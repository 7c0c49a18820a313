import type { Pool, PoolClient } from 'pg'
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
import { all, first, run, transaction } from './db'

const ROUND = 'SELECT id, draft_id, name, deadline, status, opened_by, opened_at, closed_at FROM comment_rounds'
const THREAD = `SELECT id, draft_id, clause_id, anchor_start, anchor_end, quote, status, author_id, author_state, round_id, created_at,
  resolved_by, resolved_at, proposal_text, proposal_base, proposal_status, proposal_decided_by, proposal_decided_at, proposal_reason FROM threads`
const COMMENT = 'SELECT id, thread_id, author_id, author_state, body, created_at, edited_at, deleted_at FROM comments'
const POSITION = 'SELECT id, draft_id, clause_id, state_code, stance, statement, author_id, round_id, created_at FROM positions'
const INSERT_COMMENT = `INSERT INTO comments (id, thread_id, author_id, author_state, body, created_at, edited_at, deleted_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`
const SAVE_VERSION = 'INSERT INTO comment_versions (comment_id, body, replaced_at) SELECT id, body, $1 FROM comments WHERE id = $2'

const commentParams = (c: CommentRecord): unknown[] => [c.id, c.threadId, c.authorId, c.authorState, c.body, c.createdAt, c.editedAt, c.deletedAt]

/** A WHERE clause of `column = $n` terms built from optional filters. */
function conditions(firstColumn: string, value: unknown) {
  const where = [`${firstColumn} = $1`]
  const params: unknown[] = [value]
  const add = (column: string, param: unknown) => {
    params.push(param)
    where.push(`${column} = $${params.length}`)
  }
  return { where, params, add }
}

/** The threads area on PostgreSQL; each change and its event are written in one transaction. */
export class PgThreadStore implements ThreadStore {
  constructor(private readonly pool: Pool) {}

  private async withEvent(event: NewEvent, change: (client: PoolClient) => Promise<unknown>): Promise<DraftEvent> {
    return transaction(this.pool, async (client) => {
      await change(client)
      const row = await first<{ id: number }>(
        client,
        `INSERT INTO draft_events (draft_id, type, at, actor_id, actor_state, clause_id, thread_id, comment_id, round_id, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [event.draftId, event.type, event.at, event.actorId, event.actorState, event.clauseId, event.threadId, event.commentId, event.roundId, JSON.stringify(event.data)],
      )
      if (!row) throw new Error('INSERT … RETURNING returned no row')
      return { ...event, id: row.id }
    })
  }

  async recordClauseEvent(event: NewEvent, mergeWithinMs: number): Promise<DraftEvent | null> {
    const since = mergeWithinMs > 0 ? new Date(Date.parse(event.at) - mergeWithinMs).toISOString() : null
    const row = await first<{ id: number }>(
      this.pool,
      `INSERT INTO draft_events (draft_id, type, at, actor_id, actor_state, clause_id, thread_id, comment_id, round_id, data)
       SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text, $10::jsonb
       WHERE $11::text IS NULL OR NOT EXISTS (SELECT 1 FROM draft_events WHERE draft_id = $1 AND clause_id = $6
         AND actor_id = $4 AND type = $2 AND at >= $11::text)
       RETURNING id`,
      [event.draftId, event.type, event.at, event.actorId, event.actorState, event.clauseId, event.threadId, event.commentId, event.roundId, JSON.stringify(event.data), since],
    )
    return row ? { ...event, id: row.id } : null
  }

  async openRound(round: CommentRound, event: NewEvent): Promise<DraftEvent> {
    return this.withEvent(event, (client) =>
      run(
        client,
        `INSERT INTO comment_rounds (id, draft_id, name, deadline, status, opened_by, opened_at, closed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [round.id, round.draftId, round.name, round.deadline, round.status, round.openedBy, round.openedAt, round.closedAt],
      ),
    )
  }

  async getRound(id: string): Promise<CommentRound | null> {
    const row = await first<RoundRow>(this.pool, `${ROUND} WHERE id = $1`, [id])
    return row ? toRound(row) : null
  }

  async listRounds(draftId: string): Promise<CommentRound[]> {
    return (await all<RoundRow>(this.pool, `${ROUND} WHERE draft_id = $1 ORDER BY opened_at, seq`, [draftId])).map(toRound)
  }

  async updateRound(id: string, patch: Pick<CommentRound, 'status' | 'deadline' | 'closedAt'>, event: NewEvent): Promise<DraftEvent> {
    return this.withEvent(event, (client) =>
      run(client, 'UPDATE comment_rounds SET status = $1, deadline = $2, closed_at = $3 WHERE id = $4', [patch.status, patch.deadline, patch.closedAt, id]),
    )
  }

  async createThread(thread: ThreadRecord, comment: CommentRecord, event: NewEvent): Promise<DraftEvent> {
    return this.withEvent(event, async (client) => {
      await run(
        client,
        `INSERT INTO threads (id, draft_id, clause_id, anchor_start, anchor_end, quote, status, author_id, author_state, round_id, created_at, proposal_text, proposal_status, proposal_base)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          thread.id,
          thread.draftId,
          thread.clauseId,
          thread.anchorStart,
          thread.anchorEnd,
          thread.quote,
          thread.status,
          thread.authorId,
          thread.authorState,
          thread.roundId,
          thread.createdAt,
          thread.proposal?.text ?? null,
          thread.proposal?.status ?? null,
          thread.proposal?.base ?? null,
        ],
      )
      await run(client, INSERT_COMMENT, commentParams(comment))
    })
  }

  async getThread(id: string): Promise<ThreadRecord | null> {
    const row = await first<ThreadRow>(this.pool, `${THREAD} WHERE id = $1`, [id])
    return row ? toThread(row) : null
  }

  async listThreads(draftId: string, filter: ThreadFilter = {}): Promise<ThreadRecord[]> {
    const { where, params, add } = conditions('draft_id', draftId)
    if (filter.clauseId) add('clause_id', filter.clauseId)
    if (filter.authorState) add('author_state', filter.authorState)
    if (filter.status) add('status', filter.status)
    if (filter.roundId) add('round_id', filter.roundId)
    const rows = await all<ThreadRow>(this.pool, `${THREAD} WHERE ${where.join(' AND ')} ORDER BY created_at, seq`, params)
    return rows.map(toThread)
  }

  async setThreadStatus(id: string, status: ThreadStatus, by: string | null, at: string | null, event: NewEvent): Promise<DraftEvent> {
    return this.withEvent(event, (client) =>
      run(client, 'UPDATE threads SET status = $1, resolved_by = $2, resolved_at = $3 WHERE id = $4', [status, by, at, id]),
    )
  }

  async decideProposal(id: string, decision: Pick<Proposal, 'status' | 'decidedBy' | 'decidedAt' | 'reason'>, event: NewEvent): Promise<DraftEvent> {
    return this.withEvent(event, (client) =>
      run(
        client,
        'UPDATE threads SET proposal_status = $1, proposal_decided_by = $2, proposal_decided_at = $3, proposal_reason = $4 WHERE id = $5',
        [decision.status, decision.decidedBy, decision.decidedAt, decision.reason, id],
      ),
    )
  }

  async addComment(comment: CommentRecord, event: NewEvent): Promise<DraftEvent> {
    return this.withEvent(event, (client) => run(client, INSERT_COMMENT, commentParams(comment)))
  }

  async getComment(id: string): Promise<CommentRecord | null> {
    const row = await first<CommentRow>(this.pool, `${COMMENT} WHERE id = $1`, [id])
    return row ? toComment(row) : null
  }

  async listComments(threadIds: readonly string[]): Promise<CommentRecord[]> {
    if (threadIds.length === 0) return []
    const rows = await all<CommentRow>(this.pool, `${COMMENT} WHERE thread_id = ANY($1::text[]) ORDER BY created_at, seq`, [[...threadIds]])
    return rows.map(toComment)
  }

  async editComment(id: string, body: string, at: string, event: NewEvent): Promise<DraftEvent> {
    return this.withEvent(event, async (client) => {
      await run(client, SAVE_VERSION, [at, id])
      await run(client, 'UPDATE comments SET body = $1, edited_at = $2 WHERE id = $3', [body, at, id])
    })
  }

  async deleteComment(id: string, at: string, event: NewEvent): Promise<DraftEvent> {
    return this.withEvent(event, async (client) => {
      await run(client, SAVE_VERSION, [at, id])
      await run(client, "UPDATE comments SET body = '', deleted_at = $1 WHERE id = $2", [at, id])
    })
  }

  async listCommentVersions(commentIds: readonly string[]): Promise<CommentVersion[]> {
    if (commentIds.length === 0) return []
    const rows = await all<{ comment_id: string; body: string; replaced_at: string }>(
      this.pool,
      'SELECT comment_id, body, replaced_at FROM comment_versions WHERE comment_id = ANY($1::text[]) ORDER BY replaced_at, seq',
      [[...commentIds]],
    )
    return rows.map((r) => ({ commentId: r.comment_id, body: r.body, replacedAt: r.replaced_at }))
  }

  async recordPosition(position: Omit<PositionRecord, 'id'>, event: NewEvent): Promise<DraftEvent> {
    return this.withEvent(event, (client) =>
      run(
        client,
        `INSERT INTO positions (draft_id, clause_id, state_code, stance, statement, author_id, round_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [position.draftId, position.clauseId, position.stateCode, position.stance, position.statement, position.authorId, position.roundId, position.createdAt],
      ),
    )
  }

  async currentPositions(draftId: string): Promise<PositionRecord[]> {
    // The newest (highest id) of each State on each clause, ordered by clause then State.
    const rows = await all<PositionRow>(
      this.pool,
      `SELECT DISTINCT ON (clause_id, state_code) id, draft_id, clause_id, state_code, stance, statement, author_id, round_id, created_at
       FROM positions WHERE draft_id = $1 ORDER BY clause_id, state_code, id DESC`,
      [draftId],
    )
    return rows.map(toPosition)
  }

  async positionHistory(draftId: string, clauseId?: string): Promise<PositionRecord[]> {
    const rows = clauseId
      ? await all<PositionRow>(this.pool, `${POSITION} WHERE draft_id = $1 AND clause_id = $2 ORDER BY id`, [draftId, clauseId])
      : await all<PositionRow>(this.pool, `${POSITION} WHERE draft_id = $1 ORDER BY id`, [draftId])
    return rows.map(toPosition)
  }

  async listEvents(draftId: string, filter: EventFilter = {}): Promise<DraftEvent[]> {
    const { where, params, add } = conditions('e.draft_id', draftId)
    if (filter.clauseId) add('e.clause_id', filter.clauseId)
    if (filter.actorState) add('e.actor_state', filter.actorState)
    if (filter.actorId) add('e.actor_id', filter.actorId)
    if (filter.roundId) add('e.round_id', filter.roundId)
    const join = filter.threadStatus ? 'JOIN threads t ON t.id = e.thread_id' : ''
    if (filter.threadStatus) add('t.status', filter.threadStatus)
    const sql = `SELECT e.id, e.draft_id, e.type, e.at, e.actor_id, e.actor_state, e.clause_id, e.thread_id, e.comment_id, e.round_id, e.data
      FROM draft_events e ${join} WHERE ${where.join(' AND ')} ORDER BY e.id`
    return (await all<EventRow>(this.pool, sql, params)).map(toEvent)
  }
}
