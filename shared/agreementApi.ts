/** Silence procedures and statements on record (issue 16, points 3 and 4), as the API shows them. */

export const STATEMENT_KINDS = ['explanation', 'reservation', 'dissociation'] as const
export type StatementKind = (typeof STATEMENT_KINDS)[number]

/** How a statement's kind reads in the report and the browser. */
export const STATEMENT_LABELS: Readonly<Record<StatementKind, string>> = {
  explanation: 'Explanation of position',
  reservation: 'Reservation',
  dissociation: 'Dissociation',
}

export type SilenceState = 'open' | 'adopted' | 'broken'

/** Silence: 72 hours unless said otherwise, never less than 24. */
export const SILENCE_DEFAULT_HOURS = 72
export const SILENCE_MIN_HOURS = 24

export interface SilenceBreakView {
  readonly stateCode: string
  readonly userId: string
  readonly reason: string
  readonly at: string
}

export interface SilenceView {
  readonly id: string
  readonly draftId: string
  /** The revision circulated under silence. */
  readonly revision: number
  /** The clauses it covers (those of that revision): adopted if silence holds. */
  readonly clauseIds: readonly string[]
  readonly startedBy: string
  readonly startedAt: string
  readonly deadline: string
  readonly state: SilenceState
  readonly settledAt: string | null
  readonly breaks: readonly SilenceBreakView[]
}

export interface StatementView {
  readonly id: string
  readonly draftId: string
  /** null: on the whole draft. */
  readonly clauseId: string | null
  readonly kind: StatementKind
  readonly stateCode: string
  readonly userId: string
  readonly text: string
  readonly at: string
}
