/** Response shapes of the threads, positions, rounds and history API (shared by server and client). */

export type ThreadStatus = 'open' | 'resolved'
export type ProposalStatus = 'pending' | 'applied' | 'declined'
/** As the API shows a proposal: also 'suggested', turned into suggestions in the text (stored as pending with a decision). */
export type ProposalViewStatus = ProposalStatus | 'suggested'
export const STANCES = ['support', 'reservation', 'objection', 'none'] as const
export type Stance = (typeof STANCES)[number]

/** Every kind of event in a draft's history (stored, streamed live and returned by the history API). */
export const EVENT_TYPES = [
  'thread.created',
  'comment.replied',
  'comment.edited',
  'comment.deleted',
  'thread.resolved',
  'thread.reopened',
  'proposal.applied',
  'proposal.declined',
  'proposal.suggested',
  'position.recorded',
  'round.opened',
  'round.closed',
  'round.reopened',
  'clause.added',
  'clause.edited',
  'clause.deleted',
  'clause.status',
  'clause.reopened',
  'clause.statusProposed',
  'clause.statusDeclined',
  'clause.holdConfirmed',
  'clause.holdWithdrawn',
  'suggestion.made',
  'suggestion.accepted',
  'suggestion.rejected',
  'suggestion.withdrawn',
  'draft.textMode',
  'silence.started',
  'silence.broken',
  'silence.adopted',
  'silence.ended',
  'statement.recorded',
  'meeting.opened',
  'meeting.screen',
  'meeting.floor',
  'meeting.decision',
  'meeting.attendance',
  'meeting.closed',
] as const
export type EventType = (typeof EVENT_TYPES)[number]

/** What the actor did, as the comment history says it ("Amina Wanjiru (KEN) replied on Article 2"). */
export const EVENT_VERBS: Readonly<Record<EventType, string>> = {
  'thread.created': 'commented',
  'comment.replied': 'replied',
  'comment.edited': 'edited a comment',
  'comment.deleted': 'deleted a comment',
  'thread.resolved': 'resolved a thread',
  'thread.reopened': 'reopened a thread',
  'proposal.applied': 'applied a proposal',
  'proposal.declined': 'declined a proposal',
  'proposal.suggested': 'turned a proposal into suggestions',
  'position.recorded': 'recorded a position',
  'round.opened': 'opened a comment round',
  'round.closed': 'closed a comment round',
  'round.reopened': 'reopened a comment round',
  // The text's own: followed by the clause ("deleted Article 3").
  'clause.added': 'added',
  'clause.edited': 'edited',
  'clause.deleted': 'deleted',
  'clause.status': 'set the status of',
  'clause.reopened': 'reopened',
  'clause.statusProposed': 'proposed a status for',
  'clause.statusDeclined': 'declined the status proposed for',
  'clause.holdConfirmed': 'confirmed its agreement ad referendum to',
  'clause.holdWithdrawn': 'withdrew its agreement ad referendum to',
  // A State's suggestion and its fate: followed by the clause ("accepted Kenya's suggestion on Article 3").
  'suggestion.made': 'suggested a change to',
  'suggestion.accepted': 'accepted a suggestion on',
  'suggestion.rejected': 'rejected a suggestion on',
  'suggestion.withdrawn': 'withdrew a suggestion on',
  'draft.textMode': 'set the text mode',
  'silence.started': 'circulated the text under silence',
  'silence.broken': 'broke silence',
  'silence.adopted': 'silence held: adopted the text',
  'silence.ended': 'silence was broken: the text returns to drafting',
  'statement.recorded': 'put a statement on record',
  // Meetings (issue 19): the screen's and the floor's events are followed by the clause ("put on screen Article 4").
  'meeting.opened': 'opened a meeting',
  'meeting.screen': 'put on screen',
  'meeting.floor': 'changed the speakers list on',
  'meeting.decision': 'recorded a meeting decision on',
  'meeting.attendance': 'recorded attendance',
  'meeting.closed': 'closed the meeting',
}

/** The text's own events (written by the server from the stored updates of the collaboration websocket), as opposed to the comment history's. */
export const isClauseEventType = (type: EventType): boolean => type.startsWith('clause.') || type.startsWith('suggestion.')

export interface PersonRef {
  readonly id: string
  readonly name: string
  readonly role: string
  /** ISO 3166 alpha-3 of the State a delegate speaks for. */
  readonly state: string | null
}

export interface CommentView {
  readonly id: string
  readonly author: PersonRef
  /** Empty for a deleted comment (a tombstone). */
  readonly body: string
  readonly createdAt: string
  readonly editedAt: string | null
  readonly deleted: boolean
  /** Earlier bodies of an edited comment, oldest first (none for a deleted one). */
  readonly versions: readonly { readonly body: string; readonly replacedAt: string }[]
}

export interface ProposalView {
  readonly text: string
  /** The wording it was proposed against (text form), or null for proposals older than this field. */
  readonly base: string | null
  /** While pending: the wording it would replace now (null once that text was removed). */
  readonly current: string | null
  /** While pending: the text has changed since the proposal was made (applying asks to compare). */
  readonly stale: boolean
  readonly status: ProposalViewStatus
  readonly decidedBy: PersonRef | null
  readonly decidedAt: string | null
  readonly reason: string | null
}

export interface ThreadView {
  readonly id: string
  readonly draftId: string
  readonly clauseId: string
  readonly status: ThreadStatus
  readonly author: PersonRef
  readonly createdAt: string
  readonly roundId: string | null
  /** Base64 Yjs relative positions of the span, or null for the whole clause. */
  readonly anchor: { readonly start: string; readonly end: string } | null
  /** The text quoted when the thread was created. */
  readonly quote: string | null
  /** Where the span is now: its current text, or "removed" once that text was deleted. */
  readonly span: { readonly state: 'ok'; readonly text: string } | { readonly state: 'removed' | 'unknown' } | null
  readonly resolvedBy: PersonRef | null
  readonly resolvedAt: string | null
  readonly proposal: ProposalView | null
  readonly comments: readonly CommentView[]
}

export interface RoundView {
  readonly id: string
  readonly draftId: string
  readonly name: string
  readonly deadline: string
  readonly status: 'open' | 'closed'
  readonly openedAt: string
  readonly closedAt: string | null
  /** True while open and before the deadline: comments are accepted. */
  readonly accepting: boolean
}

export interface PositionView {
  readonly clauseId: string
  readonly state: string
  readonly stance: Stance
  readonly statement: string | null
  readonly author: PersonRef
  readonly at: string
}

export interface ClauseConsensus {
  readonly clauseId: string
  readonly counts: Readonly<Record<Stance, number>>
  /** States per stance, e.g. reservation: ['JPN']. */
  readonly states: Readonly<Record<Stance, readonly string[]>>
  /** "12 support · 1 reservation (JPN)". */
  readonly summary: string
}

export interface PositionsResponse {
  readonly positions: readonly PositionView[]
  readonly consensus: readonly ClauseConsensus[]
}

export interface HistoryEvent {
  readonly id: number
  readonly type: EventType
  readonly at: string
  readonly actor: PersonRef
  readonly clauseId: string | null
  readonly threadId: string | null
  readonly commentId: string | null
  readonly roundId: string | null
  readonly data: Readonly<Record<string, unknown>>
}

/** "12 support · 1 reservation (JPN) · 2 objections (EGY, IND)": States named for all but support. */
export function consensusSummary(states: Readonly<Record<Stance, readonly string[]>>): string {
  const parts: string[] = []
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  if (states.support.length) parts.push(`${states.support.length} support`)
  if (states.reservation.length) parts.push(`${plural(states.reservation.length, 'reservation')} (${states.reservation.join(', ')})`)
  if (states.objection.length) parts.push(`${plural(states.objection.length, 'objection')} (${states.objection.join(', ')})`)
  if (states.none.length) parts.push(`${states.none.length} no position`)
  return parts.length ? parts.join(' · ') : 'No positions yet'
}
