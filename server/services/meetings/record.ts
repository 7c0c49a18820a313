import type { DecisionView, MeetingPerson, MeetingView, Speaker } from '../../../shared/meetingApi'
import type { EventType } from '../../../shared/threadsApi'
import type { AppContext } from '../../context'
import { AppError, notFound } from '../../errors'
import type { MeetingRecord, SpeakerEntry, VersionedMeeting } from '../../storage/meetings'
import type { Draft, User } from '../../storage/Storage'
import { draftForUser } from '../drafts'
import { People } from '../people'
import { publish } from '../threadViews'

/** Enough for every writer of one meeting at once: each retry means another change landed first. */
const MAX_ATTEMPTS = 25

export const meetingClosed = () => new AppError(409, 'meeting_closed', 'This meeting is closed: its record no longer changes.')

/** A closed draft takes no more meeting business: a meeting still open can only be closed (409 `draft_closed`). */
export function assertDraftOpen(draft: Draft): void {
  if (draft.phase === 'closed') throw new AppError(409, 'draft_closed', 'This draft is closed: the meeting can only be closed and its minutes read.')
}

/** The meeting and its draft, for a user who reads that draft (404 for another group's, as for the draft). */
export async function meetingForUser(ctx: AppContext, user: User, meetingId: string): Promise<{ meeting: VersionedMeeting; draft: Draft }> {
  const meeting = await ctx.storage.meetings.get(meetingId)
  if (!meeting) throw notFound('Meeting')
  try {
    return { meeting, draft: await draftForUser(ctx.storage, user, meeting.record.draftId) }
  } catch (error) {
    if (error instanceof AppError && error.status === 404) throw notFound('Meeting')
    throw error
  }
}

/**
 * Applies `change` to the stored meeting by compare-and-set, reading again when another process or
 * request changed it first. `change` returns null for "nothing to change" (then nothing is written).
 */
export async function mutateMeeting(ctx: AppContext, meetingId: string, change: (m: MeetingRecord) => MeetingRecord | null): Promise<{ record: MeetingRecord; changed: boolean }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await ctx.storage.meetings.get(meetingId)
    if (!current) throw notFound('Meeting')
    const next = change(current.record)
    if (!next) return { record: current.record, changed: false }
    if (await ctx.storage.meetings.replace(meetingId, current.version, next)) return { record: next, changed: true }
  }
  throw new AppError(503, 'meeting_busy', 'The meeting is changing too fast to record this; try again.')
}

/** Writes an open meeting's change (409 `meeting_closed` once it is closed). */
export function mutateOpenMeeting(ctx: AppContext, meetingId: string, change: (m: MeetingRecord) => MeetingRecord | null): Promise<{ record: MeetingRecord; changed: boolean }> {
  return mutateMeeting(ctx, meetingId, (m) => {
    if (m.status !== 'open') throw meetingClosed()
    return change(m)
  })
}

/** Stores the meeting's event in the draft's history and sends it to the draft's event stream (every process). */
export async function meetingEvent(ctx: AppContext, draftId: string, actor: User, type: EventType, clauseId: string | null, data: Record<string, unknown>): Promise<void> {
  const event = await ctx.storage.threads.recordClauseEvent(
    { draftId, type, at: ctx.now().toISOString(), actorId: actor.id, actorState: actor.stateCode, clauseId, threadId: null, commentId: null, roundId: null, data },
    0,
  )
  if (event) await publish(ctx, event)
}

async function person(people: People, userId: string): Promise<MeetingPerson> {
  const ref = await people.get(userId)
  return { userId, name: ref.name }
}

async function speakerView(people: People, s: SpeakerEntry): Promise<Speaker> {
  return { state: s.state, user: s.userId ? await person(people, s.userId) : null, clauseId: s.clauseId, since: s.since }
}

/** The meeting as the API shows it: people by name. */
export async function meetingView(ctx: AppContext, m: MeetingRecord, people = new People(ctx.storage)): Promise<MeetingView> {
  const decisions: DecisionView[] = []
  for (const { byUserId, ...d } of m.decisions) decisions.push({ ...d, by: await person(people, byUserId) })
  return {
    id: m.id,
    draftId: m.draftId,
    title: m.title,
    place: m.place,
    date: m.date,
    status: m.status,
    openedBy: await person(people, m.openedBy),
    openedAt: m.openedAt,
    closedAt: m.closedAt,
    openRevision: m.openRevision,
    closeRevision: m.closeRevision,
    screen: m.screen,
    screenLog: m.screenLog,
    speaker: m.speaker && (await speakerView(people, m.speaker)),
    floor: await Promise.all(m.floor.map(async (f) => ({ state: f.state, user: await person(people, f.userId), clauseId: f.clauseId, at: f.at }))),
    speakers: await Promise.all(m.speakers.map((s) => speakerView(people, s))),
    decisions,
    attendance: await Promise.all(m.attendance.map(async ({ delegateIds, ...a }) => ({ ...a, delegates: await Promise.all(delegateIds.map((id) => person(people, id))) }))),
  }
}
