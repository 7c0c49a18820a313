import * as Y from 'yjs'
import type { ClauseStatusView, HoldView, StatusRequestView } from '../../shared/clauseStatusApi'
import { ClauseKey, type ClauseStatus, isClauseStatus, isLockedStatus } from '../../shared/draft/format'
import { readSuggestions } from '../../shared/draft/suggestions'
import { clausesMap } from '../../shared/draft/ydoc'
import { newId } from '../../shared/ids'
import { can } from '../../shared/permissions'
import type { EventType } from '../../shared/threadsApi'
import type { AppContext } from '../context'
import { AppError, badRequest, forbidden, notFound } from '../errors'
import type { HoldRecord, StatusRequestRecord } from '../storage/clauseStatus'
import type { Draft, User } from '../storage/Storage'
import { audit } from './audit'
import { draftForUser } from './drafts'
import { logStatusInMeeting } from './meetings/decisionLog'
import { People } from './people'
import { publish } from './threadViews'

/** A status to set: for `agreed-ad-referendum`, the States that hold it and the date (YYYY-MM-DD) they expect to confirm. */
export interface StatusChange {
  readonly status: ClauseStatus
  readonly states?: readonly string[]
  readonly expected?: string | null
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const conflictWith = (code: string, message: string) => new AppError(409, code, message)

/** The clause's status in the live document (null: no such clause). */
function statusIn(doc: Y.Doc, clauseId: string): { status: ClauseStatus; openSuggestions: number } | null {
  const clause = clausesMap(doc).get(clauseId)
  if (!(clause instanceof Y.Map)) return null
  const status = clause.get(ClauseKey.status)
  const body = clause.get(ClauseKey.body)
  return { status: isClauseStatus(status) ? status : 'proposed', openSuggestions: body instanceof Y.XmlFragment ? readSuggestions(body).length : 0 }
}

async function currentStatus(ctx: AppContext, draftId: string, clauseId: string): Promise<{ status: ClauseStatus; openSuggestions: number }> {
  const found = await ctx.collab.readDoc(draftId, (doc) => statusIn(doc, clauseId))
  if (!found) throw notFound('Clause')
  return found
}

/** The change as it will be stored: validated States (known Member States, no repeats) and date. */
async function checkedChange(ctx: AppContext, change: StatusChange): Promise<{ status: ClauseStatus; states: string[]; expected: string | null }> {
  if (!isClauseStatus(change.status)) throw badRequest(`Unknown status "${String(change.status)}".`)
  const states = [...new Set(change.states ?? [])]
  const expected = change.expected ?? null
  if (change.status !== 'agreed-ad-referendum') {
    if (states.length > 0 || expected !== null) throw badRequest('Only a clause agreed ad referendum has holding States and an expected date (states, expected).')
    return { status: change.status, states, expected }
  }
  if (states.length === 0) throw badRequest('Agreed ad referendum needs the States that hold it (states).')
  for (const code of states) if (!(await ctx.storage.getMemberState(code))) throw badRequest(`${code} is no Member State (states).`)
  if (expected !== null && (!DATE.test(expected) || Number.isNaN(Date.parse(expected)))) throw badRequest('expected must be a date, YYYY-MM-DD.')
  return { status: change.status, states, expected }
}

async function recordEvent(ctx: AppContext, draft: Draft, actor: User, type: EventType, clauseId: string, data: Record<string, unknown>): Promise<void> {
  const event = await ctx.storage.threads.recordClauseEvent(
    { draftId: draft.id, type, at: ctx.now().toISOString(), actorId: actor.id, actorState: actor.stateCode, clauseId, threadId: null, commentId: null, roundId: null, data },
    0,
  )
  if (event) await publish(ctx, event)
  await audit(ctx.storage, ctx.now(), { action: type, groupId: draft.groupId, actor, target: draft.id, data: { clauseId, ...data } })
  // Made while the Working Group meets: the meeting's decision log keeps it too.
  await logStatusInMeeting(ctx, draft, actor, type, clauseId, data)
}

/**
 * Writes the status into the live document (a server-side change everyone connected receives), ends
 * or replaces the clause's holds, supersedes its pending requests (but `requestId`), and records the
 * event (`clause.status`, or `clause.reopened` when agreed language is reopened) and the audit entry.
 */
async function applyStatus(ctx: AppContext, draft: Draft, clauseId: string, to: { status: ClauseStatus; states: string[]; expected: string | null }, from: ClauseStatus, actor: User, reason: string | null, requestId: string | null = null): Promise<void> {
  const at = ctx.now().toISOString()
  if (from !== to.status) {
    await ctx.collab.withDoc(draft.id, (doc) => {
      const clause = clausesMap(doc).get(clauseId)
      if (clause instanceof Y.Map) clause.set(ClauseKey.status, to.status)
    })
  }
  const holds = to.states.map((stateCode) => ({ id: newId(), stateCode, expectedBy: to.expected }))
  await ctx.storage.clauseStatus.replaceHolds(draft.id, clauseId, holds, actor.id, at, { outcome: 'cleared', by: actor.id, at, reason })
  for (const pending of await ctx.storage.clauseStatus.listRequests(draft.id, { pendingOnly: true })) {
    if (pending.clauseId === clauseId && pending.id !== requestId) await ctx.storage.clauseStatus.decideRequest(draft.id, pending.id, { outcome: 'superseded', by: actor.id, at, reason: null })
  }
  const reopened = isLockedStatus(from) && !isLockedStatus(to.status)
  await recordEvent(ctx, draft, actor, reopened ? 'clause.reopened' : 'clause.status', clauseId, { status: to.status, previous: from, reason, states: to.states, expected: to.expected, ...(requestId && { requestId }) })
}

/** Why this status may not be set now from `from` (reason, suggestions), or null. */
function refusal(from: { status: ClauseStatus; openSuggestions: number }, to: ClauseStatus, reason: string | null): AppError | null {
  if (isLockedStatus(from.status) && !isLockedStatus(to)) {
    if (!reason) return badRequest('Reopening agreed language needs a reason (reason).')
    if (to !== 'under-discussion') return badRequest('A reopened clause returns to under-discussion.')
  }
  if (!isLockedStatus(from.status) && isLockedStatus(to) && from.openSuggestions > 0) {
    return conflictWith('open_suggestions', `The clause has ${from.openSuggestions} open suggestion(s): take or leave them before it is agreed.`)
  }
  return null
}

/**
 * Sets a clause's status on behalf of `actor` (the chair or the secretariat: 403 otherwise; 404 for
 * a draft outside the actor's groups or an unknown clause). `agreed-ad-referendum` takes the holding
 * States and the date they expect to confirm; leaving agreed language (agreed ad referendum, agreed,
 * adopted) is reopening: to `under-discussion`, with a reason (400 without). A clause with open
 * suggestions is not agreed (409 `open_suggestions`). The same status (and States) again changes nothing.
 */
export async function setClauseStatus(ctx: AppContext, draftId: string, clauseId: string, change: StatusChange, actor: User, reason: string | null): Promise<ClauseStatusView> {
  const draft = await draftForUser(ctx.storage, actor, draftId)
  if (!can(actor.role, 'clause.setStatus', draft.phase)) throw forbidden('Only the chair and the secretariat change a clause status, while the draft is open.')
  const to = await checkedChange(ctx, change)
  const from = await currentStatus(ctx, draftId, clauseId)
  const unchanged = from.status === to.status && (to.status !== 'agreed-ad-referendum' || sameStates(await ctx.storage.clauseStatus.openHolds(draftId, clauseId), to))
  if (!unchanged) {
    const refused = refusal(from, to.status, reason)
    if (refused) throw refused
    await applyStatus(ctx, draft, clauseId, to, from.status, actor, reason)
  }
  return clauseStatusView(ctx, draftId, clauseId)
}

const sameStates = (holds: readonly HoldRecord[], to: { states: string[]; expected: string | null }): boolean =>
  holds.length === to.states.length && holds.every((h) => to.states.includes(h.stateCode) && h.expectedBy === to.expected)

/** Reopens agreed language (back to `under-discussion`) with a reason: setClauseStatus's reopening. */
export function reopenClause(ctx: AppContext, draftId: string, clauseId: string, actor: User, reason: string): Promise<ClauseStatusView> {
  return setClauseStatus(ctx, draftId, clauseId, { status: 'under-discussion' }, actor, reason)
}

/** The rapporteur proposes a status: a pending request everyone sees, for the chair or the secretariat to confirm or decline. */
export async function proposeClauseStatus(ctx: AppContext, draftId: string, clauseId: string, change: StatusChange, actor: User, reason: string | null): Promise<StatusRequestView> {
  const draft = await draftForUser(ctx.storage, actor, draftId)
  if (!can(actor.role, 'clause.proposeStatus', draft.phase)) throw forbidden('Only the rapporteur proposes a status, while the draft is open; the chair and the secretariat set it.')
  const to = await checkedChange(ctx, change)
  const from = await currentStatus(ctx, draftId, clauseId)
  if (from.status === to.status && to.status !== 'agreed-ad-referendum') throw conflictWith('same_status', `The clause is ${to.status} already.`)
  const request = await ctx.storage.clauseStatus.createRequest({ id: newId(), draftId, clauseId, status: to.status, states: to.states, expectedBy: to.expected, reason, requestedBy: actor.id, requestedAt: ctx.now().toISOString() })
  await recordEvent(ctx, draft, actor, 'clause.statusProposed', clauseId, { requestId: request.id, status: to.status, states: to.states, expected: to.expected, reason })
  return requestView(request, new People(ctx.storage))
}

/** The chair or the secretariat confirms (the status is set) or declines a proposed status; 409 when it is no longer pending. */
export async function decideStatusRequest(ctx: AppContext, draftId: string, requestId: string, confirm: boolean, actor: User, reason: string | null): Promise<StatusRequestView> {
  const draft = await draftForUser(ctx.storage, actor, draftId)
  if (!can(actor.role, 'clause.setStatus', draft.phase)) throw forbidden('Only the chair and the secretariat confirm or decline a proposed status.')
  const request = await ctx.storage.clauseStatus.getRequest(draftId, requestId)
  if (!request) throw notFound('Status request')
  if (request.outcome !== 'pending') throw conflictWith('not_pending', `This request was ${request.outcome} already.`)
  const at = ctx.now().toISOString()
  if (confirm) {
    const from = await currentStatus(ctx, draftId, request.clauseId)
    const to = { status: request.status, states: [...request.states], expected: request.expectedBy }
    const refused = refusal(from, to.status, reason ?? request.reason)
    if (refused) throw refused
    if (!(await ctx.storage.clauseStatus.decideRequest(draftId, requestId, { outcome: 'confirmed', by: actor.id, at, reason }))) throw conflictWith('not_pending', 'This request was decided meanwhile.')
    await applyStatus(ctx, draft, request.clauseId, to, from.status, actor, reason ?? request.reason, requestId)
  } else {
    if (!(await ctx.storage.clauseStatus.decideRequest(draftId, requestId, { outcome: 'declined', by: actor.id, at, reason }))) throw conflictWith('not_pending', 'This request was decided meanwhile.')
    await recordEvent(ctx, draft, actor, 'clause.statusDeclined', request.clauseId, { requestId, status: request.status, reason })
  }
  const decided = await ctx.storage.clauseStatus.getRequest(draftId, requestId)
  if (!decided) throw notFound('Status request')
  return requestView(decided, new People(ctx.storage))
}

/**
 * A delegate confirms (`confirm`: its capital approved) or withdraws its own State's agreement ad
 * referendum. 403 for anyone but a delegate of a holding State; 409 when the State's hold has ended
 * already. The last confirmation makes the clause `agreed`; a withdrawal ends every hold and returns
 * it to `under-discussion` (the State no longer agrees), with the reason on record (400 without one).
 */
export async function answerAdReferendum(ctx: AppContext, draftId: string, clauseId: string, confirm: boolean, actor: User, reason: string | null): Promise<ClauseStatusView> {
  const draft = await draftForUser(ctx.storage, actor, draftId)
  if (!can(actor.role, 'clause.confirmHold', draft.phase) || !actor.stateCode) throw forbidden('Only a delegate answers for its own State ad referendum, while the draft is open.')
  const stateCode = actor.stateCode
  const open = await ctx.storage.clauseStatus.openHolds(draftId, clauseId)
  if (!open.some((h) => h.stateCode === stateCode)) {
    const ended = (await ctx.storage.clauseStatus.listHolds(draftId)).some((h) => h.clauseId === clauseId && h.stateCode === stateCode)
    if (ended) throw conflictWith('hold_ended', `${stateCode} no longer holds this clause.`)
    throw forbidden(`${stateCode} does not hold this clause ad referendum.`)
  }
  if (!confirm && !reason) throw badRequest('Withdrawing an agreement ad referendum needs a reason (reason).')
  const at = ctx.now().toISOString()
  if (!(await ctx.storage.clauseStatus.releaseHold(draftId, clauseId, stateCode, { outcome: confirm ? 'confirmed' : 'withdrawn', by: actor.id, at, reason }))) throw conflictWith('hold_ended', `${stateCode} no longer holds this clause.`)
  await recordEvent(ctx, draft, actor, confirm ? 'clause.holdConfirmed' : 'clause.holdWithdrawn', clauseId, { state: stateCode, reason })
  const from = await currentStatus(ctx, draftId, clauseId)
  const remaining = await ctx.storage.clauseStatus.openHolds(draftId, clauseId)
  if (from.status === 'agreed-ad-referendum' && (!confirm || remaining.length === 0)) {
    const to = confirm ? 'agreed' : 'under-discussion'
    await applyStatus(ctx, draft, clauseId, { status: to, states: [], expected: null }, from.status, actor, reason ?? (confirm ? 'Every holding State confirmed.' : null))
  }
  return clauseStatusView(ctx, draftId, clauseId)
}

function holdView(h: HoldRecord): HoldView {
  return { id: h.id, clauseId: h.clauseId, stateCode: h.stateCode, expectedBy: h.expectedBy, placedBy: h.placedBy, placedAt: h.placedAt, releasedBy: h.releasedBy, releasedAt: h.releasedAt, outcome: h.outcome, reason: h.reason }
}

async function requestView(r: StatusRequestRecord, people: People): Promise<StatusRequestView> {
  return {
    id: r.id,
    clauseId: r.clauseId,
    status: r.status,
    states: r.states,
    expectedBy: r.expectedBy,
    reason: r.reason,
    requestedBy: await people.get(r.requestedBy),
    requestedAt: r.requestedAt,
    outcome: r.outcome,
    decidedBy: await people.maybe(r.decidedBy),
    decidedAt: r.decidedAt,
    decisionReason: r.decisionReason,
  }
}

/** Every clause's status now, in document order is the client's business: here by clause, with open holds and pending requests. */
export async function getClauseStatuses(ctx: AppContext, draftId: string): Promise<ClauseStatusView[]> {
  const statuses = await ctx.collab.readDoc(draftId, (doc) => [...clausesMap(doc).keys()].map((id) => ({ id, status: statusIn(doc, id)?.status ?? 'proposed' })))
  const holds = await ctx.storage.clauseStatus.openHolds(draftId)
  const requests = await ctx.storage.clauseStatus.listRequests(draftId, { pendingOnly: true })
  const people = new People(ctx.storage)
  return Promise.all(
    statuses.map(async ({ id, status }) => ({
      clauseId: id,
      status,
      locked: isLockedStatus(status),
      holds: holds.filter((h) => h.clauseId === id).map(holdView),
      requests: await Promise.all(requests.filter((r) => r.clauseId === id).map((r) => requestView(r, people))),
    })),
  )
}

/** One clause's status view (404 for an unknown clause). */
export async function clauseStatusView(ctx: AppContext, draftId: string, clauseId: string): Promise<ClauseStatusView> {
  const found = (await getClauseStatuses(ctx, draftId)).find((s) => s.clauseId === clauseId)
  if (!found) throw notFound('Clause')
  return found
}
