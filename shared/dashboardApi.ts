/** The negotiation dashboard's figures (`GET /api/drafts/:id/dashboard`, README "Reaching agreement"). */
import type { ClauseStatus } from './draft/format'

export interface DashboardHold {
  readonly stateCode: string
  readonly expectedBy: string | null
  /** The expected date has passed (on the server's clock) and the State still holds the clause. */
  readonly overdue: boolean
}

export interface DashboardClause {
  readonly clauseId: string
  readonly label: string
  readonly heading: string
  readonly status: ClauseStatus
  readonly locked: boolean
  /** Bracketed passages left in the text. */
  readonly brackets: number
  readonly openSuggestions: number
  readonly holds: readonly DashboardHold[]
}

/** How one State answered one comment round: what it sent between the round's opening and its close (or now). */
export interface DashboardResponse {
  readonly stateCode: string
  readonly name: string
  readonly comments: number
  readonly suggestions: number
  readonly positions: number
  readonly responded: boolean
}

export interface DashboardRound {
  readonly id: string
  readonly name: string
  readonly status: 'open' | 'closed'
  readonly openedAt: string
  readonly closedAt: string | null
  readonly deadline: string
  /** Every Member State, in the order of their names. */
  readonly states: readonly DashboardResponse[]
  readonly responded: number
  readonly silent: number
}

/** Brackets remaining in one revision (then `null` for the live draft). */
export interface BracketPoint {
  readonly revision: number | null
  readonly label: string
  readonly at: string
  readonly brackets: number
}

export interface DashboardResponseBody {
  readonly clauses: readonly DashboardClause[]
  readonly rounds: readonly DashboardRound[]
  readonly brackets: readonly BracketPoint[]
  readonly totals: { readonly brackets: number; readonly openSuggestions: number; readonly holds: number; readonly overdueHolds: number; readonly agreed: number; readonly clauses: number }
}
