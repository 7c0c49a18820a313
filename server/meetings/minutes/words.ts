/**
 * The words the minutes' writers print alike (HTML and Word): titles, the meeting's particulars,
 * attendance, speakers and decisions. Plain strings, escaped by each writer; locale-free like the report's.
 */
import type { Minutes, MinutesAttendee, MinutesClause, MinutesDecision, MinutesSpeaker } from '../../../shared/meetingMinutes'
import type { AssembledChange } from '../../../shared/report/types'
import type { ChangeLine, ChangeText } from '../../report/writers/common/changeText'
import { formatDate, formatTimestamp, stateLabel } from '../../report/writers/common/format'
import { changeRow } from '../../report/writers/common/sentences'

export const MINUTES_TITLES = {
  attendance: 'Attendance',
  present: 'States present',
  absent: 'Recorded as absent',
  clauses: 'Provisions taken up',
  otherClauses: 'Decisions on provisions not put on screen',
  general: 'On the draft as a whole',
  text: (m: Pick<Minutes, 'text'>) => (m.text.revision ? `The text at the close (revision ${m.text.revision.number})` : 'The text as it stands (live draft)'),
  changes: 'Changes made during the meeting',
} as const

export const PROVISIONAL = 'Provisional minutes: the meeting is still open. They are assembled from the live draft and will change until the meeting closes.'
export const NO_STATES = 'No State recorded as present.'
export const NO_CLAUSES = 'No provision was put on screen.'
export const NO_DECISIONS = 'No decision recorded.'
export const NO_CHANGES = 'The text did not change during the meeting.'
export const CHANGES_KEY = 'Only what changed is shown: inserted words underlined, deleted words struck through, unchanged text left out marked “…”.'

/** "Minutes: Second meeting of the Working Group". */
export const minutesHeading = (m: Pick<Minutes, 'title'>) => `Minutes: ${m.title}`

/** "New Delhi · 13 February 2017". */
export function occasionLine(m: Pick<Minutes, 'place' | 'date'>): string {
  return [m.place, formatDate(m.date)].filter((x): x is string => !!x).join(' · ')
}

/** The meeting's particulars, one line each. */
export function particularLines(m: Minutes): string[] {
  const lines = [`Draft: “${m.draft.title}”.`, `Opened by ${m.openedBy.name} on ${formatTimestamp(m.openedAt)}.`]
  lines.push(m.closedAt ? `Closed on ${formatTimestamp(m.closedAt)}.` : `Still open when these minutes were assembled (${formatTimestamp(m.assembledAt)}).`)
  const count = m.decisionCount
  lines.push(`${count} decision${count === 1 ? '' : 's'} recorded; ${m.clauses.length} provision${m.clauses.length === 1 ? '' : 's'} taken up.`)
  return lines
}

/** "Japan (JPN): Taro Yamada, Hanako Sato (recorded by the secretariat)". */
export function attendeeLine(a: MinutesAttendee): string {
  const who = a.delegates.length ? `: ${a.delegates.map((d) => d.name).join(', ')}` : ''
  return `${stateLabel(a.state, a.stateName)}${who}${a.source === 'secretariat' ? ' (recorded by the secretariat)' : ''}`
}

/** "Japan (Taro Yamada), from 30 November 2026, 10:05 UTC". */
export function speakerLine(s: MinutesSpeaker): string {
  return `${s.stateName}${s.user ? ` (${s.user.name})` : ''}, from ${formatTimestamp(s.since)}`
}

/** "On screen 30 November 2026, 10:00 UTC; again …". */
export function screenLine(c: Pick<MinutesClause, 'onScreen'>): string {
  return c.onScreen.length ? `On screen ${c.onScreen.map(formatTimestamp).join('; again ')}.` : 'Not put on screen.'
}

/** "Japan. 30 November 2026, 10:05 UTC, recorded by Amina Otieno, on revision 2 (then Article 3). Note: …"; `label`: the clause's label now. */
export function decisionDetail(d: MinutesDecision, label: string): string {
  const state = d.stateName && d.stateName !== d.state ? `${d.stateName}. ` : ''
  const on = d.clauseLabelThen && d.clauseLabelThen !== label ? ` (then ${d.clauseLabelThen})` : ''
  const note = d.note ? ` Note: ${d.note}` : ''
  return `${state}${formatTimestamp(d.at)}, recorded by ${d.by.name}, on revision ${d.revision}${on}.${note}`
}

/** "Changes from revision 1 (“…”) to revision 2 (“…”)" — or from nothing, or to the live draft. */
export function changesSourceLine(m: Minutes): string {
  const from = m.changes.from ? `revision ${m.changes.from.number} (“${m.changes.from.label}”), the text when the meeting opened` : 'an empty draft (no revision was saved before the meeting: every provision reads as added)'
  const to = m.changes.to ? `revision ${m.changes.to.number} (“${m.changes.to.label}”), saved at the close` : 'the live draft'
  return `From ${from}, to ${to}.`
}

/** "2 provisions changed; 3 words inserted, 1 word deleted." */
export function changesSummaryLine(m: Minutes): string {
  const s = m.changes.summary
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`
  return `${plural(s.changed, 'provision')} changed; ${plural(s.wordsInserted, 'word')} inserted, ${plural(s.wordsDeleted, 'word')} deleted.`
}

/**
 * A change line without the author notes of unattributed changes: in a meeting the text is edited
 * on the shared screen, so only a State's applied proposal names an author (the report would say "Rapporteur").
 */
export function attributedOnly(line: ChangeLine): ChangeLine {
  return line.filter((piece, i) => {
    if (piece.kind !== 'note') return true
    const before = line[i - 1]
    return before?.kind === 'op' && before.op.author !== null
  })
}

export interface MinutesChangeRow {
  readonly provision: string
  readonly kinds: string
  /** States whose applied proposals made the changes; empty when none can be told. */
  readonly states: readonly string[]
  readonly text: ChangeText
}

/** The report's change row (only what changed), its notes kept for attributed changes only. */
export function minutesChangeRow(change: AssembledChange, fromNumber: number): MinutesChangeRow {
  const row = changeRow(change, fromNumber)
  const states = [...new Set([...change.heading, ...change.body].filter((o) => o.op !== 'equal' && o.author !== null).map((o) => o.author as string))]
  const text: ChangeText = { heading: row.text.heading && attributedOnly(row.text.heading), status: row.text.status, body: row.text.body.map(attributedOnly) }
  return { provision: row.provision, kinds: row.kinds, states, text }
}
