/** Comment rounds, threads, comments, amendment proposals, positions and the draft's event log. */

import { EVENT_TYPES, type EventType, type ProposalStatus, type Stance, type ThreadStatus } from '../../shared/threadsApi'

export { EVENT_TYPES }
export type { EventType, ProposalStatus, Stance, ThreadStatus }
export type RoundStatus = 'open' | 'closed'

export interface CommentRound {
  readonly id: string
  readonly draftId: string
  readonly name: string
  readonly deadline: string
  readonly status: RoundStatus
  readonly openedBy: string
  readonly openedAt: string
  readonly closedAt: string | null
}

export interface Proposal {
  readonly text: string
  /** The wording it was proposed against (text form, brackets as "[…]"); null for proposals made before it was kept. */
  readonly base: string | null
  readonly status: ProposalStatus
  readonly decidedBy: string | null
  readonly decidedAt: string | null
  readonly reason: string | null
}

export interface ThreadRecord {
  readonly id: string
  readonly draftId: string
  readonly clauseId: string
  /** Encoded Yjs relative positions of the span's ends, or null for a whole-clause thread. */
  readonly anchorStart: Uint8Array | null
  readonly anchorEnd: Uint8Array | null
  /** The quoted text when the thread was created. */
  readonly quote: string | null
  readonly status: ThreadStatus
  readonly authorId: string
  readonly authorState: string | null
  readonly roundId: string | null
  readonly createdAt: string
  readonly resolvedBy: string | null
  readonly resolvedAt: string | null
  readonly proposal: Proposal | null
}

export interface CommentRecord {
  readonly id: string
  readonly threadId: string
  readonly authorId: string
  readonly authorState: string | null
  /** Empty once deleted (the tombstone keeps author and time). */
  readonly body: string
  readonly createdAt: string
  readonly editedAt: string | null
  readonly deletedAt: string | null
}

export interface CommentVersion {
  readonly commentId: string
  readonly body: string
  readonly replacedAt: string
}

export interface PositionRecord {
  readonly id: number
  readonly draftId: string
  readonly clauseId: string
  readonly stateCode: string
  readonly stance: Stance
  readonly statement: string | null
  readonly authorId: string
  readonly roundId: string | null
  readonly createdAt: string
}

export interface DraftEvent {
  readonly id: number
  readonly draftId: string
  readonly type: EventType
  readonly at: string
  readonly actorId: string
  readonly actorState: string | null
  readonly clauseId: string | null
  readonly threadId: string | null
  readonly commentId: string | null
  readonly roundId: string | null
  readonly data: Readonly<Record<string, unknown>>
}

export type NewEvent = Omit<DraftEvent, 'id'>

export interface ThreadFilter {
  readonly clauseId?: string
  readonly authorState?: string
  readonly status?: ThreadStatus
  readonly roundId?: string
}

export interface EventFilter {
  readonly clauseId?: string
  readonly actorState?: string
  readonly actorId?: string
  readonly roundId?: string
  /** Only events of threads now in this status. */
  readonly threadStatus?: ThreadStatus
}

/**
 * The threads area of the storage. Every change is written together with its event in one
 * transaction, so the history never misses or invents a change.
 */
export interface ThreadStore {
  openRound(round: CommentRound, event: NewEvent): Promise<DraftEvent>
  getRound(id: string): Promise<CommentRound | null>
  listRounds(draftId: string): Promise<CommentRound[]>
  updateRound(id: string, patch: Pick<CommentRound, 'status' | 'deadline' | 'closedAt'>, event: NewEvent): Promise<DraftEvent>

  createThread(thread: ThreadRecord, comment: CommentRecord, event: NewEvent): Promise<DraftEvent>
  getThread(id: string): Promise<ThreadRecord | null>
  listThreads(draftId: string, filter?: ThreadFilter): Promise<ThreadRecord[]>
  setThreadStatus(id: string, status: ThreadStatus, by: string | null, at: string | null, event: NewEvent): Promise<DraftEvent>
  decideProposal(id: string, decision: Pick<Proposal, 'status' | 'decidedBy' | 'decidedAt' | 'reason'>, event: NewEvent): Promise<DraftEvent>

  addComment(comment: CommentRecord, event: NewEvent): Promise<DraftEvent>
  getComment(id: string): Promise<CommentRecord | null>
  listComments(threadIds: readonly string[]): Promise<CommentRecord[]>
  /** Keeps the earlier body as a version. */
  editComment(id: string, body: string, at: string, event: NewEvent): Promise<DraftEvent>
  /** Leaves a tombstone: the body moves to the versions, the comment stays with `deletedAt`. */
  deleteComment(id: string, at: string, event: NewEvent): Promise<DraftEvent>
  listCommentVersions(commentIds: readonly string[]): Promise<CommentVersion[]>

  recordPosition(position: Omit<PositionRecord, 'id'>, event: NewEvent): Promise<DraftEvent>
  /** The newest position of each State on each clause. */
  currentPositions(draftId: string): Promise<PositionRecord[]>
  positionHistory(draftId: string, clauseId?: string): Promise<PositionRecord[]>

  /**
   * Appends an event of the text (clause.*) with no change of its own, unless `mergeWithinMs` > 0 and
   * the same actor already has an event of this type on this clause at or after `event.at` minus that
   * window: then nothing is written (null). Typing in a clause thus leaves one event per window.
   */
  recordClauseEvent(event: NewEvent, mergeWithinMs: number): Promise<DraftEvent | null>

  /** The draft's events in time order. */
  listEvents(draftId: string, filter?: EventFilter): Promise<DraftEvent[]>
}
