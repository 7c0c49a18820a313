import type { MeetingView } from '../../../shared/meetingApi'
import { newId } from '../../../shared/ids'
import { can } from '../../../shared/permissions'
import type { AppContext } from '../../context'
import { AppError, badRequest, forbidden } from '../../errors'
import type { AttendanceRecord, MeetingRecord } from '../../storage/meetings'
import type { Draft, User } from '../../storage/Storage'
import { audit } from '../audit'
import { saveRevision } from '../revisions'
import { assertDraftOpen, meetingClosed, meetingEvent, meetingForUser, meetingView, mutateMeeting, mutateOpenMeeting } from './record'
import { revisionOfNow } from './revisionMarks'

export interface NewMeeting {
  readonly title: string
  readonly place?: string | null
  /** YYYY-MM-DD; today (UTC) when absent. */
  readonly date?: string | null
}

/** Opens a meeting of the draft (chair, secretariat; 409 `meeting_open` while another is open). Its base is the text as it is now, as a revision. */
export async function openMeeting(ctx: AppContext, draft: Draft, user: User, input: NewMeeting): Promise<MeetingView> {
  if (!can(user.role, 'meeting.open', draft.phase)) {
    if (draft.phase === 'closed') throw new AppError(409, 'draft_closed', 'This draft is closed: no meeting takes it up any more.')
    throw forbidden('Only the chair or the secretariat opens a meeting.')
  }
  if (await ctx.storage.meetings.openFor(draft.id)) throw new AppError(409, 'meeting_open', 'This draft already has an open meeting: close it before opening another.')
  const title = input.title.trim()
  const openRevision = await revisionOfNow(ctx, draft, user, `Text at the opening of ${title}`)
  const now = ctx.now().toISOString()
  const record: MeetingRecord = {
    id: newId(),
    draftId: draft.id,
    title,
    place: input.place?.trim() || null,
    date: input.date ?? now.slice(0, 10),
    status: 'open',
    openedBy: user.id,
    openedAt: now,
    closedAt: null,
    openRevision,
    closeRevision: null,
    screen: null,
    screenLog: [],
    speaker: null,
    floor: [],
    speakers: [],
    decisions: [],
    attendance: [],
  }
  if (!(await ctx.storage.meetings.create(record))) throw new AppError(409, 'meeting_open', 'This draft already has an open meeting: close it before opening another.')
  await audit(ctx.storage, ctx.now(), { action: 'meeting.opened', groupId: draft.groupId, actor: user, target: draft.id, data: { meetingId: record.id, title } })
  await meetingEvent(ctx, draft.id, user, 'meeting.opened', null, { meetingId: record.id, title })
  return meetingView(ctx, record)
}

export async function listMeetings(ctx: AppContext, draft: Draft): Promise<{ meetings: MeetingView[] }> {
  const records = await ctx.storage.meetings.list(draft.id)
  return { meetings: await Promise.all(records.map((m) => meetingView(ctx, m))) }
}

/** A delegate of `state` seen at the meeting: present from its first sign-in, unless the secretariat said otherwise (its word wins). */
function withSignIn(attendance: readonly AttendanceRecord[], state: string, userId: string, at: string): AttendanceRecord[] | null {
  const found = attendance.find((a) => a.state === state)
  if (!found) return [...attendance, { state, present: true, source: 'sign-in', delegateIds: [userId], since: at }]
  if (found.delegateIds.includes(userId)) return null
  return attendance.map((a) => (a === found ? { ...a, delegateIds: [...a.delegateIds, userId] } : a))
}

/** The meeting; a delegate reading an open meeting signs in for its State (attendance). */
export async function readMeeting(ctx: AppContext, user: User, meetingId: string): Promise<MeetingView> {
  const { meeting } = await meetingForUser(ctx, user, meetingId)
  const state = user.role === 'delegate' ? user.stateCode : null
  if (meeting.record.status !== 'open' || !state) return meetingView(ctx, meeting.record)
  const at = ctx.now().toISOString()
  const { record, changed } = await mutateMeeting(ctx, meetingId, (m) => {
    if (m.status !== 'open') return null
    const attendance = withSignIn(m.attendance, state, user.id, at)
    return attendance && { ...m, attendance }
  })
  if (changed) await meetingEvent(ctx, record.draftId, user, 'meeting.attendance', null, { meetingId, state, present: true, source: 'sign-in' })
  return meetingView(ctx, record)
}

/** The secretariat records a State present or absent; its word wins over sign-ins. */
export async function correctAttendance(ctx: AppContext, user: User, meetingId: string, state: string, present: boolean): Promise<MeetingView> {
  const { draft } = await meetingForUser(ctx, user, meetingId)
  assertDraftOpen(draft)
  if (!can(user.role, 'meeting.attendance', draft.phase)) throw forbidden('Only the secretariat corrects the attendance.')
  if (!(await ctx.storage.getMemberState(state))) throw badRequest(`${state} is no Member State (state).`)
  const at = ctx.now().toISOString()
  const { record, changed } = await mutateOpenMeeting(ctx, meetingId, (m) => {
    const found = m.attendance.find((a) => a.state === state)
    if (found?.present === present && found.source === 'secretariat') return null
    const entry: AttendanceRecord = { state, present, source: 'secretariat', delegateIds: found?.delegateIds ?? [], since: found?.since ?? at }
    return { ...m, attendance: found ? m.attendance.map((a) => (a === found ? entry : a)) : [...m.attendance, entry] }
  })
  if (changed) {
    await audit(ctx.storage, ctx.now(), { action: 'meeting.attendance', groupId: draft.groupId, actor: user, target: draft.id, data: { meetingId, state, present } })
    await meetingEvent(ctx, draft.id, user, 'meeting.attendance', null, { meetingId, state, present, source: 'secretariat' })
  }
  return meetingView(ctx, record)
}

/** Closes the meeting (chair, secretariat): the text as it stands is saved as a revision, the screen and the floor are cleared. */
export async function closeMeeting(ctx: AppContext, user: User, meetingId: string): Promise<MeetingView> {
  const { meeting, draft } = await meetingForUser(ctx, user, meetingId)
  if (!can(user.role, 'meeting.close', draft.phase)) throw forbidden('Only the chair or the secretariat closes a meeting.')
  if (meeting.record.status !== 'open') throw meetingClosed()
  const closeRevision = (await saveRevision(ctx, draft, user, `Text at the close of ${meeting.record.title}`)).number
  const closedAt = ctx.now().toISOString()
  const { record } = await mutateOpenMeeting(ctx, meetingId, (m) => ({ ...m, status: 'closed', closedAt, closeRevision, screen: null, speaker: null, floor: [] }))
  await audit(ctx.storage, ctx.now(), { action: 'meeting.closed', groupId: draft.groupId, actor: user, target: draft.id, data: { meetingId, closeRevision } })
  await meetingEvent(ctx, draft.id, user, 'meeting.closed', null, { meetingId, closeRevision })
  return meetingView(ctx, record)
}
