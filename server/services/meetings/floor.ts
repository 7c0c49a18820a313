import type { MeetingView } from '../../../shared/meetingApi'
import { can } from '../../../shared/permissions'
import type { AppContext } from '../../context'
import { AppError, badRequest, forbidden, notFound } from '../../errors'
import type { MeetingRecord } from '../../storage/meetings'
import type { User } from '../../storage/Storage'
import { readDoc } from '../drafts'
import { clausesMap } from '../../../shared/draft/ydoc'
import { assertDraftOpen, meetingEvent, meetingForUser, meetingView, mutateOpenMeeting } from './record'

/** The event's data: who acted on the floor, the queue's States in order and who speaks. */
const floorData = (m: MeetingRecord, action: string, state: string | null) => ({ meetingId: m.id, action, state, floor: m.floor.map((f) => f.state), speaker: m.speaker?.state ?? null })

/**
 * The chair puts a clause on screen (null: nothing). A new clause ends the current turn and clears
 * the queue: the floor was asked on the clause that was on screen.
 */
export async function setScreen(ctx: AppContext, user: User, meetingId: string, clauseId: string | null): Promise<MeetingView> {
  const { draft } = await meetingForUser(ctx, user, meetingId)
  assertDraftOpen(draft)
  if (!can(user.role, 'meeting.present', draft.phase)) throw forbidden('Only the chair puts a clause on screen.')
  if (clauseId !== null && !(await readDoc(ctx, draft.id, (doc) => clausesMap(doc).has(clauseId)))) throw notFound('Clause')
  const at = ctx.now().toISOString()
  const { record, changed } = await mutateOpenMeeting(ctx, meetingId, (m) => {
    if ((m.screen?.clauseId ?? null) === clauseId) return null
    return {
      ...m,
      screen: clauseId === null ? null : { clauseId, since: at },
      screenLog: clauseId === null ? m.screenLog : [...m.screenLog, { clauseId, at, by: user.id }],
      speaker: null,
      floor: [],
    }
  })
  if (changed) await meetingEvent(ctx, draft.id, user, 'meeting.screen', clauseId, { meetingId, clauseId })
  return meetingView(ctx, record)
}

/** A delegate asks for the floor for its State on the clause on screen (once: asking again changes nothing). */
export async function askFloor(ctx: AppContext, user: User, meetingId: string): Promise<MeetingView> {
  const { draft } = await meetingForUser(ctx, user, meetingId)
  assertDraftOpen(draft)
  const state = user.stateCode
  if (!can(user.role, 'meeting.askFloor', draft.phase) || !state) throw forbidden('Only a delegate asks for the floor, for its State.')
  const at = ctx.now().toISOString()
  const { record, changed } = await mutateOpenMeeting(ctx, meetingId, (m) => {
    if (!m.screen) throw new AppError(409, 'nothing_on_screen', 'No clause is on screen: the floor is asked on the clause under discussion.')
    if (m.speaker?.state === state || m.floor.some((f) => f.state === state)) return null
    return { ...m, floor: [...m.floor, { state, userId: user.id, clauseId: m.screen.clauseId, at }] }
  })
  if (changed) await meetingEvent(ctx, draft.id, user, 'meeting.floor', record.screen?.clauseId ?? null, floorData(record, 'asked', state))
  return meetingView(ctx, record)
}

/** A delegate withdraws its State's request for the floor. */
export async function withdrawFloor(ctx: AppContext, user: User, meetingId: string): Promise<MeetingView> {
  const { draft } = await meetingForUser(ctx, user, meetingId)
  assertDraftOpen(draft)
  const state = user.stateCode
  if (!can(user.role, 'meeting.askFloor', draft.phase) || !state) throw forbidden('Only a delegate withdraws its request for the floor.')
  const { record, changed } = await mutateOpenMeeting(ctx, meetingId, (m) => (m.floor.some((f) => f.state === state) ? { ...m, floor: m.floor.filter((f) => f.state !== state) } : null))
  if (changed) await meetingEvent(ctx, draft.id, user, 'meeting.floor', record.screen?.clauseId ?? null, floorData(record, 'withdrew', state))
  return meetingView(ctx, record)
}

/**
 * The chair gives the floor to a State (in the queue, which it leaves, or any Member State in the
 * room), ending the current turn; null ends the current turn.
 */
export async function giveFloor(ctx: AppContext, user: User, meetingId: string, state: string | null): Promise<MeetingView> {
  const { draft } = await meetingForUser(ctx, user, meetingId)
  assertDraftOpen(draft)
  if (!can(user.role, 'meeting.present', draft.phase)) throw forbidden('Only the chair gives the floor.')
  if (state !== null && !(await ctx.storage.getMemberState(state))) throw badRequest(`${state} is no Member State (state).`)
  const since = ctx.now().toISOString()
  const { record, changed } = await mutateOpenMeeting(ctx, meetingId, (m) => {
    if (state === null) return m.speaker ? { ...m, speaker: null } : null
    if (m.speaker?.state === state) return null
    const asked = m.floor.find((f) => f.state === state)
    const seen = m.attendance.find((a) => a.state === state && a.present)?.delegateIds[0] ?? null
    const speaker = { state, userId: asked?.userId ?? seen, clauseId: m.screen?.clauseId ?? null, since }
    return { ...m, speaker, speakers: [...m.speakers, speaker], floor: m.floor.filter((f) => f.state !== state) }
  })
  if (changed) await meetingEvent(ctx, draft.id, user, 'meeting.floor', record.screen?.clauseId ?? null, floorData(record, state ? 'gave' : 'ended', state))
  return meetingView(ctx, record)
}
