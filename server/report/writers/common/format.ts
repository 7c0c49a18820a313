/**
 * Words every exporter shares: dates, people, stances, change kinds, the annex's sentences. Pure and
 * locale-free (no Intl, no "now"), so the same report always reads the same.
 */
import type { ChangeKind } from '../../../../shared/diff/types'
import { EVENT_VERBS, type Stance } from '../../../../shared/threadsApi'
import type { AnnexEntry, AssembledChange, AssembledClause, AssembledProposal, AssembledReport, AssembledThread, ReportPerson } from '../../../../shared/report/types'

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** "2026-11-30" (or an ISO timestamp) → "30 November 2026". */
export function formatDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value)
  if (!match) return value
  const month = MONTHS[Number(match[2]) - 1]
  return month ? `${Number(match[3])} ${month} ${match[1]}` : value
}

/** An ISO timestamp → "30 November 2026, 09:05 UTC". */
export function formatTimestamp(iso: string): string {
  const match = /T(\d{2}):(\d{2})/.exec(iso)
  return match ? `${formatDate(iso)}, ${match[1]}:${match[2]} UTC` : formatDate(iso)
}

/** The YYYY-MM-DD part of a date or timestamp. */
export function isoDay(value: string): string {
  return value.slice(0, 10)
}

const ROLE_LABELS: Record<string, string> = {
  secretariat: 'Secretariat',
  chair: 'Chairperson',
  rapporteur: 'Rapporteur',
  delegate: 'Delegate',
  observer: 'Observer',
}

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role
}

/** "Kenya (KEN)". */
export function stateLabel(code: string, name: string | null): string {
  return name && name !== code ? `${name} (${code})` : code
}

/** "Kenya (Amina Otieno)" for a delegate, "Rapporteur (Dewi Lestari)" otherwise. */
export function personLabel(person: ReportPerson): string {
  const who = person.state ? (person.stateName ?? person.state) : roleLabel(person.role)
  return `${who} (${person.name})`
}

/** Who a tracked change is attributed to: the State, or the rapporteur. */
export function changeAuthor(author: string | null): string {
  return author ?? 'Rapporteur'
}

const STANCE_LABELS: Record<Stance, string> = { support: 'Support', reservation: 'Reservation', objection: 'Objection', none: 'No position' }

export function stanceLabel(stance: Stance): string {
  return STANCE_LABELS[stance]
}

const CHANGE_LABELS: Record<ChangeKind, string> = {
  added: 'added',
  removed: 'removed',
  moved: 'moved',
  renumbered: 'renumbered',
  status: 'status changed',
  heading: 'heading changed',
  body: 'text changed',
  suggestions: 'suggestions changed',
}

/** "moved, text changed". */
export function changeKindsLabel(changes: readonly ChangeKind[]): string {
  return changes.map((c) => CHANGE_LABELS[c]).join(', ')
}

/** "Article 3 — Mutual assistance" (the heading left out when empty). */
export function clauseTitle(label: string, heading: string): string {
  const h = heading.trim()
  return h && h !== label ? `${label} — ${h}` : label
}

/** "Applied by Dewi Lestari (Rapporteur) on 3 December 2026" / "Declined …" / "Turned into suggestions …" / "Pending". */
export function proposalOutcome(p: AssembledProposal): string {
  const by = p.decidedBy ? ` by ${p.decidedBy.name} (${roleLabel(p.decidedBy.role)})` : ''
  const on = p.decidedAt ? ` on ${formatDate(p.decidedAt)}` : ''
  if (p.status === 'applied') return `Applied${by}${on}`
  if (p.status === 'declined') return `Declined${by}${on}`
  if (p.decidedAt) return `Turned into suggestions${by}${on}`
  return 'Pending'
}

/** The clause's threads that propose wording, in report order. */
export function clauseProposals(clause: Pick<AssembledClause, 'groups'>): AssembledThread[] {
  return clause.groups.flatMap((g) => g.threads).filter((t) => t.proposal !== null)
}

/** The history's verbs, but a report says a thread was opened where the history says "commented". */
const ANNEX_VERBS: Readonly<Record<AnnexEntry['type'], string>> = { ...EVENT_VERBS, 'thread.created': 'opened a thread' }

/** "Kenya (Amina Otieno) replied on Article 2 (C4)"; the detail is written beside it. */
export function annexSentence(entry: AnnexEntry): string {
  const on = entry.clauseLabel ? ` on ${entry.clauseLabel}` : ''
  const comment = entry.commentNumber !== null ? ` (C${entry.commentNumber})` : ''
  return `${personLabel(entry.actor)} ${ANNEX_VERBS[entry.type]}${on}${comment}`
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** How the changes table names a clause: its number now, or where it was. */
export function changeLabel(change: Pick<AssembledChange, 'labelBefore' | 'labelAfter'>, compareNumber: number): string {
  if (change.labelAfter && change.labelBefore && change.labelAfter !== change.labelBefore) return `${change.labelAfter} (formerly ${change.labelBefore})`
  if (change.labelAfter) return change.labelAfter
  return `${change.labelBefore ?? ''} of revision ${compareNumber}`
}

/** Who made a clause's changes: the States of the applied proposals, else the rapporteur. */
export function changeAuthors(change: Pick<AssembledChange, 'heading' | 'body'>): string[] {
  return [...new Set([...change.heading, ...change.body].filter((op) => op.op !== 'equal').map((op) => changeAuthor(op.author)))]
}

/** The summary lines every format prints. */
export function summaryLines(report: AssembledReport): string[] {
  const c = report.counts
  const lines = [`${plural(c.clauses, 'provision')} (${plural(c.articles, 'article')}) as of revision ${report.base.number}.`]
  if (report.changes && report.compare) {
    const s = report.changes.summary
    const kinds = [
      s.added && `${s.added} added`,
      s.removed && `${s.removed} removed`,
      s.moved && `${s.moved} moved`,
      s.renumbered && `${s.renumbered} renumbered`,
      s.body && `${s.body} with new text`,
      s.heading && `${s.heading} with a new heading`,
      s.status && `${s.status} with a new status`,
    ].filter(Boolean)
    lines.push(
      `${plural(s.changed, 'provision')} changed since revision ${report.compare.number}${kinds.length ? ` (${kinds.join(', ')})` : ''}; ${plural(s.wordsInserted, 'word')} inserted, ${plural(s.wordsDeleted, 'word')} deleted.`,
    )
  }
  const deleted = c.deletedComments ? ` (${c.deletedComments} deleted)` : ''
  lines.push(`${plural(c.comments, 'comment')}${deleted} in ${plural(c.threads, 'thread')}, from ${plural(c.states, 'State')}.`)
  const suggested = c.proposals.suggested ? `, ${c.proposals.suggested} turned into suggestions` : ''
  lines.push(`${plural(c.proposals.total, 'proposal')}: ${c.proposals.applied} applied${suggested}, ${c.proposals.declined} declined, ${c.proposals.pending} pending.`)
  lines.push(`${plural(c.positions, 'position')} of States recorded.`)
  // Versions saved before suggestions have no count; a report without any says nothing of them.
  const fates = c.suggestions
  const total = fates ? fates.open + fates.accepted + fates.rejected + fates.withdrawn : 0
  if (fates && total > 0) lines.push(`${plural(total, 'suggestion')} of States: ${fates.open} open, ${fates.accepted} accepted, ${fates.rejected} rejected, ${fates.withdrawn} withdrawn.`)
  return lines
}

/** "Provisions as of revision 3 ("…", 30 November 2026); changes since revision 2 ("…")." */
export function sourceLines(report: AssembledReport): string[] {
  const lines = [`Provisions as of revision ${report.base.number} (“${report.base.label}”, ${formatDate(report.base.createdAt)}).`]
  if (report.compare) lines.push(`Changes since revision ${report.compare.number} (“${report.compare.label}”, ${formatDate(report.compare.createdAt)}).`)
  else lines.push('No earlier revision compared.')
  if (report.rounds === null) lines.push(`Comments: every thread opened up to revision ${report.base.number}.`)
  else if (report.rounds.length === 0) lines.push('Comments: no comment round included.')
  else lines.push(`Comments of the round${report.rounds.length === 1 ? '' : 's'} ${report.rounds.map((r) => `“${r.name}”`).join(', ')}.`)
  return lines
}

/** The date on the first page: the report's own date, else the day its version was saved. */
export function mastheadDate(report: Pick<AssembledReport, 'date' | 'versionAt'>): string {
  return formatDate(report.date ?? report.versionAt)
}

/** "Version 2 of 3 December 2026" or, for an unsaved preview, "Preview (not saved)". */
export function versionLine(report: AssembledReport): string {
  return report.version === null ? `Preview (not saved), ${formatTimestamp(report.versionAt)}` : `Version ${report.version} of ${formatTimestamp(report.versionAt)}`
}

/** "57th session · Tokyo · 30 November 2026". */
export function occasionLine(report: Pick<AssembledReport, 'session' | 'place' | 'date'>): string {
  return [report.session, report.place, report.date && formatDate(report.date)].filter((x): x is string => !!x).join(' · ')
}
