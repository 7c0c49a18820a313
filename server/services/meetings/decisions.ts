import { DECISIONS_NAMING_A_STATE, type DecisionKind, type DecisionView } from '../../../shared/meetingApi'
import { can } from '../../../shared/permissions'
import type { AppContext } from '../../context'
import { badRequest, forbidden } from '../../errors'
import type { User } from '../../storage/Storage'
import { audit } from '../audit'
import { type StatusChange, setClauseStatus } from '../clauseStatus'
import { appendDecision, asMeetingDecision } from './decisionLog'
import { assertDraftOpen, meetingClosed, meetingForUser } from './record'

export interface NewDecision {
  readonly clauseId: string
  readonly kind: DecisionKind
  readonly state?: string | null
  readonly note?: string | null
}

/**
 * The status a decision sets: agreed, or agreed ad referendum held by `state` as well as by the
 * States holding it already. Kept in brackets, deferred and a statement noted leave the status alone.
 */
async function statusOf(ctx: AppContext, draftId: string, clauseId: string, kind: DecisionKind, state: string | null): Promise<StatusChange | null> {
  if (kind === 'agreed') return { status: 'agreed' }
  if (kind !== 'agreed-ad-referendum' || !state) return null
  const holding = (await ctx.storage.clauseStatus.openHolds(draftId, clauseId)).map((h) => h.stateCode)
  return { status: 'agreed-ad-referendum', states: [...new Set([...holding, state])] }
}

/** The chair (or the secretariat as minute-taker) records a decision on a clause; agreed and agreed ad referendum set the clause's status too. */
export async function recordDecision(ctx: AppContext, user: User, meetingId: string, input: NewDecision): Promise<DecisionView> {
  const { meeting, draft } = await meetingForUser(ctx, user, meetingId)
  assertDraftOpen(draft)
  if (!can(user.role, 'meeting.decide', draft.phase)) throw forbidden('Only the chair or the secretariat records a decision.')
  if (meeting.record.status !== 'open') throw meetingClosed()
  const state = input.state ?? null
  if (DECISIONS_NAMING_A_STATE.includes(input.kind) && !state) throw badRequest('This decision names the State it concerns (state).')
  if (state !== null && !(await ctx.storage.getMemberState(state))) throw badRequest(`${state} is no Member State (state).`)
  const change = await statusOf(ctx, draft.id, input.clauseId, input.kind, state)
  let status: string | null = null
  if (change) {
    const reason = input.note ?? null
    status = (await asMeetingDecision(draft.id, input.clauseId, () => setClauseStatus(ctx, draft.id, input.clauseId, change, user, reason))).status
  }
  const decision = await appendDecision(ctx, draft, user, meetingId, { clauseId: input.clauseId, kind: input.kind, state, note: input.note ?? null, status })
  await audit(ctx.storage, ctx.now(), { action: 'meeting.decision', groupId: draft.groupId, actor: user, target: draft.id, data: { meetingId, decisionId: decision.id, kind: input.kind, clauseId: input.clauseId, state } })
  return decision
}
