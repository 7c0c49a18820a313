/**
 * The threads area's rows as both databases return them (snake_case columns), and their mapping
 * to records: one definition for SQLite and PostgreSQL.
 */
import type {
  CommentRecord,
  CommentRound,
  DraftEvent,
  EventType,
  PositionRecord,
  Proposal,
  ProposalStatus,
  RoundStatus,
  Stance,
  ThreadRecord,
  ThreadStatus,
} from '../threads'
import { bytesOrNull } from './bytes'

export interface RoundRow {
  id: string
  draft_id: string
  name: string
  deadline: string
  status: RoundStatus
  opened_by: string
  opened_at: string
  closed_at: string | null
}
export interface ThreadRow {
  id: string
  draft_id: string
  clause_id: string
  anchor_start: Buffer | null
  anchor_end: Buffer | null
  quote: string | null
  status: ThreadStatus
  author_id: string
  author_state: string | null
  round_id: string | null
  created_at: string
  resolved_by: string | null
  resolved_at: string | null
  proposal_text: string | null
  proposal_base: string | null
  proposal_status: ProposalStatus | null
  proposal_decided_by: string | null
  proposal_decided_at: string | null
  proposal_reason: string | null
}
export interface CommentRow {
  id: string
  thread_id: string
  author_id: string
  author_state: string | null
  body: string
  created_at: string
  edited_at: string | null
  deleted_at: string | null
}
export interface PositionRow {
  id: number
  draft_id: string
  clause_id: string
  state_code: string
  stance: Stance
  statement: string | null
  author_id: string
  round_id: string | null
  created_at: string
}
export interface EventRow {
  id: number
  draft_id: string
  type: EventType
  at: string
  actor_id: string
  actor_state: string | null
  clause_id: string | null
  thread_id: string | null
  comment_id: string | null
  round_id: string | null
  /** JSON text (SQLite) or already parsed (PostgreSQL jsonb). */
  data: string | Record<string, unknown>
}


export const toRound = (r: RoundRow): CommentRound => ({
  id: r.id,
  draftId: r.draft_id,
  name: r.name,
  deadline: r.deadline,
  status: r.status,
  openedBy: r.opened_by,
  openedAt: r.opened_at,
  closedAt: r.closed_at,
})

export const toThread = (r: ThreadRow): ThreadRecord => {
  const proposal: Proposal | null =
    r.proposal_text === null
      ? null
      : {
          text: r.proposal_text,
          base: r.proposal_base,
          status: r.proposal_status ?? 'pending',
          decidedBy: r.proposal_decided_by,
          decidedAt: r.proposal_decided_at,
          reason: r.proposal_reason,
        }
  return {
    id: r.id,
    draftId: r.draft_id,
    clauseId: r.clause_id,
    anchorStart: bytesOrNull(r.anchor_start),
    anchorEnd: bytesOrNull(r.anchor_end),
    quote: r.quote,
    status: r.status,
    authorId: r.author_id,
    authorState: r.author_state,
    roundId: r.round_id,
    createdAt: r.created_at,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at,
    proposal,
  }
}

export const toComment = (r: CommentRow): CommentRecord => ({
  id: r.id,
  threadId: r.thread_id,
  authorId: r.author_id,
  authorState: r.author_state,
  body: r.body,
  createdAt: r.created_at,
  editedAt: r.edited_at,
  deletedAt: r.deleted_at,
})

export const toPosition = (r: PositionRow): PositionRecord => ({
  id: r.id,
  draftId: r.draft_id,
  clauseId: r.clause_id,
  stateCode: r.state_code,
  stance: r.stance,
  statement: r.statement,
  authorId: r.author_id,
  roundId: r.round_id,
  createdAt: r.created_at,
})

export const toEvent = (r: EventRow): DraftEvent => ({
  id: r.id,
  draftId: r.draft_id,
  type: r.type,
  at: r.at,
  actorId: r.actor_id,
  actorState: r.actor_state,
  clauseId: r.clause_id,
  threadId: r.thread_id,
  commentId: r.comment_id,
  roundId: r.round_id,
  data: typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data,
})
