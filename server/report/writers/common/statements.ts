import type { ReportStatement } from '../../../../shared/report/types'
import { formatTimestamp } from './format'

export const STATEMENTS_TITLE = 'Annex: statements on record'
export const NO_STATEMENTS = 'No statements were put on record.'

/** "Reservation by Kenya (KEN) on Article 2, 3 December 2026: …" — the one sentence of a statement for every writer. */
export function statementSentence(s: ReportStatement): string {
  const on = s.clauseLabel ? `on ${s.clauseLabel}` : 'on the draft as a whole'
  return `${s.kindLabel} by ${s.stateName} (${s.state}) ${on}, ${formatTimestamp(s.at)}: ${s.text}`
}
