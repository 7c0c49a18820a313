/**
 * Assembles a meeting's minutes (issue 19, point 5): the meeting's particulars, the attendance, the
 * clauses taken up with their speakers, decisions and statements, the text as it stood at the close
 * and the changes made during the meeting. An open meeting gets provisional minutes from the live draft.
 */
import type { MeetingView } from '../../../shared/meetingApi'
import type { Minutes, MinutesAttendee } from '../../../shared/meetingMinutes'
import type { AppContext } from '../../context'
import { PeopleBook, byText } from '../../report/sections/people'
import { reportStatements } from '../../report/sections/statements'
import type { Draft } from '../../storage/Storage'
import { meetingRecord } from './record'
import { textAndChanges } from './text'

export type { Minutes } from '../../../shared/meetingMinutes'

/** Where no text names a clause: it was removed before the close and never saved in a revision the meeting read. */
export const REMOVED_PROVISION = 'A provision since removed'

export async function assembleMinutes(ctx: AppContext, draft: Draft, meeting: MeetingView): Promise<Minutes> {
  const assembledAt = ctx.now().toISOString()
  const upTo = meeting.closedAt ?? assembledAt
  const stateNames = new Map((await ctx.storage.listMemberStates()).map((s) => [s.code, s.name]))
  const people = new PeopleBook(ctx.storage, stateNames)
  const stateName = (code: string) => people.stateName(code)
  const { text, changes, openClauses } = await textAndChanges(ctx, draft, meeting, people, assembledAt)

  // A clause is named as the text at the close numbers it, else as the meeting last saw it.
  const labels = new Map<string, { label: string; heading: string }>()
  for (const c of openClauses) labels.set(c.id, { label: c.label, heading: c.heading })
  for (const d of [...meeting.decisions].sort((a, b) => a.seq - b.seq)) labels.set(d.clauseId, { label: d.clauseLabel, heading: labels.get(d.clauseId)?.heading ?? '' })
  for (const c of text.clauses) labels.set(c.id, { label: c.label, heading: c.heading })
  const label = (id: string) => labels.get(id)?.label ?? REMOVED_PROVISION
  const heading = (id: string) => labels.get(id)?.heading ?? ''

  const statements = (await reportStatements(ctx.storage, draft.id, upTo, (id) => labels.get(id)?.label ?? null, people)).filter((s) => s.at >= meeting.openedAt)
  const attendee = (a: MeetingView['attendance'][number]): MinutesAttendee => ({ state: a.state, stateName: stateName(a.state), delegates: a.delegates, source: a.source })
  const byName = (a: MinutesAttendee, b: MinutesAttendee) => byText(a.stateName, b.stateName) || byText(a.state, b.state)

  return {
    formatVersion: 1,
    meetingId: meeting.id,
    draft: { id: draft.id, title: draft.title },
    title: meeting.title,
    place: meeting.place,
    date: meeting.date,
    status: meeting.status,
    provisional: meeting.closeRevision === null,
    assembledAt,
    openedBy: meeting.openedBy,
    openedAt: meeting.openedAt,
    closedAt: meeting.closedAt,
    attendance: {
      present: meeting.attendance.filter((a) => a.present).map(attendee).sort(byName),
      absent: meeting.attendance.filter((a) => !a.present).map(attendee).sort(byName),
    },
    ...meetingRecord(meeting, statements, { label, heading, stateName }),
    text,
    changes,
  }
}
