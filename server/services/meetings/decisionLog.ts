import type { DecisionView, LoggedDecisionKind } from '../../../shared/meetingApi'
import { newId } from '../../../shared/ids'
import type { EventType } from '../../../shared/threadsApi'
import type { AppContext } from '../../context'
import { notFound } from '../../errors'
import type { DecisionEntry } from '../../storage/meetings'
import type { Draft, User } from '../../storage/Storage'
import { currentClauses } from '../revisions'
import { meetingEvent, meetingView, mutateOpenMeeting } from './record'
import { latestRevision } from './revisionMarks'

export interface DecisionInput {
  readonly clauseId: string
  readonly kind: LoggedDecisionKind
  readonly state: string | null
  readonly note: string | null
  /** The clause's status after the decision, when it set one. */
  readonly status: string | null
}

/** Clauses whose status a meeting decision is setting right now (this process): their status event is that decision, not another entry. */
const decidingNow = new Set<string>()
const key = (draftId: string, clauseId: string) => `${draftId}\u0000${clauseId}`

/** Runs `work` (which sets the clause's status) without the automatic `status` entry: the caller records the decision itself. */
export async function asMeetingDecision<T>(draftId: string, clauseId: string, work: () => Promise<T>): Promise<T> {
  const k = key(draftId, clauseId)
  decidingNow.add(k)
  try {
    return await work()
  } finally {
    decidingNow.delete(k)
  }
}

/** Adds a decision to the open meeting's log: the clause's label and text as they stand now, the latest saved revision. */
export async function appendDecision(ctx: AppContext, draft: Draft, user: User, meetingId: string, input: DecisionInput): Promise<DecisionView> {
  const clause = (await currentClauses(ctx, draft)).find((c) => c.id === input.clauseId)
  if (!clause) throw notFound('Clause')
  const revision = await latestRevision(ctx, draft.id)
  const at = ctx.now().toISOString()
  const id = newId()
  const { record } = await mutateOpenMeeting(ctx, meetingId, (m) => {
    const entry: DecisionEntry = { id, seq: m.decisions.length + 1, clauseId: clause.id, clauseLabel: clause.label, kind: input.kind, state: input.state, note: input.note, status: input.status, revision, text: clause.text, byUserId: user.id, at }
    return { ...m, decisions: [...m.decisions, entry] }
  })
  await meetingEvent(ctx, draft.id, user, 'meeting.decision', clause.id, { meetingId, decisionId: id, kind: input.kind, clauseId: clause.id, state: input.state })
  const decision = (await meetingView(ctx, record)).decisions.find((d) => d.id === id)
  if (!decision) throw notFound('Decision')
  return decision
}

const STATUS_EVENTS: readonly EventType[] = ['clause.status', 'clause.reopened']

/**
 * A status change made while the draft has an open meeting (through the clause status routes, or a
 * capital's answer that settles it) is logged in the meeting as a `status` entry.
 */
export async function logStatusInMeeting(ctx: AppContext, draft: Draft, actor: User, type: EventType, clauseId: string, data: Readonly<Record<string, unknown>>): Promise<void> {
  if (!STATUS_EVENTS.includes(type) || decidingNow.has(key(draft.id, clauseId))) return
  const meeting = await ctx.storage.meetings.openFor(draft.id)
  if (!meeting) return
  const states = Array.isArray(data.states) ? data.states.filter((s): s is string => typeof s === 'string') : []
  const reason = typeof data.reason === 'string' ? data.reason : null
  await appendDecision(ctx, draft, actor, meeting.record.id, {
    clauseId,
    kind: 'status',
    state: states.length > 0 ? states.join(', ') : null,
    note: reason,
    status: typeof data.status === 'string' ? data.status : null,
  })
}
