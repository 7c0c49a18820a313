/**
 * The words every writer prints alike: section titles, the masthead, the lines about a thread, a
 * position statement and a proposal, the changes table's columns and rows. A sentence takes the
 * writer's escape for the user text inside it; writers that escape whole lines pass none.
 */
import type { AssembledChange, AssembledComment, AssembledProposal, AssembledReport, AssembledThread, PositionStatement } from '../../../../shared/report/types'
import { ORIGINAL_LANGUAGE } from '../../../../shared/report/defaults'
import { type ChangeText, changeText } from './changeText'
import { changeAuthors, changeKindsLabel, changeLabel, formatTimestamp, mastheadDate, personLabel, proposalOutcome, stanceLabel, versionLine } from './format'

type Escape = (text: string) => string
const asIs: Escape = (text) => text

export const TITLES = {
  provisions: (baseNumber: number) => `Provisions as of revision ${baseNumber}`,
  changes: (compareNumber: number) => `Changes since revision ${compareNumber}`,
  comments: 'Comments, proposals and positions, clause by clause',
  otherComments: (baseNumber: number) => `Comments on provisions not in revision ${baseNumber}`,
  annex: 'Annex: comment history',
} as const

export const NO_COMMENTS = 'No comments.'
export const NO_CHANGE = 'No provision changed.'
export const CHANGES_COLUMNS = ['Provision', 'Change', 'What changed'] as const
export const ANNEX_COLUMNS = ['When', 'What', 'Detail'] as const

/** Symbol (when the report bears one), date and original language: top right of the first page. */
export function mastheadLines(report: AssembledReport): { readonly symbol: string | null; readonly date: string; readonly original: string } {
  return { symbol: report.symbol || null, date: mastheadDate(report), original: `Original: ${ORIGINAL_LANGUAGE}` }
}

/** "Report on the draft “…”. Version 2 of …." */
export function draftLine(report: AssembledReport, escape: Escape = asIs): string {
  return `Report on the draft “${escape(report.draft.title)}”. ${escape(versionLine(report))}.`
}

/** "Thread (resolved) opened 30 November 2026, 09:05 UTC on “…”, round “…”"; `quote` marks the quoted words. */
export function threadLine(thread: AssembledThread, escape: Escape = asIs, quote: Escape = (q) => `“${q}”`): string {
  const where = thread.quote ? ` on ${quote(escape(thread.quote))}` : ''
  const round = thread.round ? `, round “${escape(thread.round)}”` : ''
  return `Thread ${thread.status === 'resolved' ? '(resolved) ' : ''}opened ${escape(formatTimestamp(thread.createdAt))}${where}${round}`
}

/** "Kenya (Amina Otieno), 30 November 2026, 09:05 UTC (edited …)": who wrote a comment and when; `edited` marks the edit note. */
export function commentByline(c: AssembledComment, escape: Escape = asIs, edited: Escape = asIs): string {
  const note = c.editedAt ? ` ${edited(`(edited ${escape(formatTimestamp(c.editedAt))})`)}` : ''
  return `${escape(personLabel(c.author))}, ${escape(formatTimestamp(c.createdAt))}${note}`
}

/** "Proposed wording: “…”", closing a thread that proposes wording. */
export function proposedWording(text: string, escape: Escape = asIs): string {
  return `Proposed wording: “${escape(text)}”`
}

/** "Kenya: Reservation — “…”". */
export function statementLine(s: PositionStatement, escape: Escape = asIs): string {
  return `${escape(s.stateName)}: ${escape(stanceLabel(s.stance))}${s.statement ? ` — “${escape(s.statement)}”` : ''}`
}

/** "Kenya (Amina Otieno): “…” — Applied by … on …." (a declined proposal's reason is written after it, see `declinedReason`). */
export function proposalLine(p: AssembledProposal, escape: Escape = asIs): string {
  return `${escape(personLabel(p.by))}: “${escape(p.text)}” — ${escape(proposalOutcome(p))}.`
}

export function declinedReason(p: AssembledProposal): string | null {
  return p.status === 'declined' && p.reason ? p.reason : null
}

/** One row of the changes table, before any format: which provision, what kind of change, by whom, and only what changed. */
export interface ChangeRow {
  readonly provision: string
  readonly kinds: string
  readonly authors: readonly string[]
  readonly text: ChangeText
}

export function changeRow(change: AssembledChange, compareNumber: number): ChangeRow {
  return { provision: changeLabel(change, compareNumber), kinds: changeKindsLabel(change.changes), authors: changeAuthors(change), text: changeText(change) }
}
