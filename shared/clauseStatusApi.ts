/** Clause statuses, ad referendum holds and proposed statuses as the API shows them (README "Reaching agreement"). */
import type { ClauseStatus } from './draft/format'
import type { PersonRef } from './threadsApi'

/** How a State's hold ended: its capital confirmed, the State withdrew its agreement, or the status moved on without it. */
export type HoldOutcome = 'confirmed' | 'withdrawn' | 'cleared'

/** A State holding a clause agreed ad referendum (its capital's approval awaited, by `expectedBy`). */
export interface HoldView {
  readonly id: string
  readonly clauseId: string
  readonly stateCode: string
  /** The date (YYYY-MM-DD) the State expects to confirm, or null. */
  readonly expectedBy: string | null
  readonly placedBy: string
  readonly placedAt: string
  readonly releasedBy: string | null
  readonly releasedAt: string | null
  readonly outcome: HoldOutcome | null
  readonly reason: string | null
}

export type StatusRequestOutcome = 'pending' | 'confirmed' | 'declined' | 'superseded'

/** A status the rapporteur proposes for a clause: a visible request the chair (or secretariat) confirms or declines. */
export interface StatusRequestView {
  readonly id: string
  readonly clauseId: string
  readonly status: ClauseStatus
  readonly states: readonly string[]
  readonly expectedBy: string | null
  readonly reason: string | null
  readonly requestedBy: PersonRef
  readonly requestedAt: string
  readonly outcome: StatusRequestOutcome
  readonly decidedBy: PersonRef | null
  readonly decidedAt: string | null
  readonly decisionReason: string | null
}

/** One clause's status now, with its open holds and pending requests. */
export interface ClauseStatusView {
  readonly clauseId: string
  readonly status: ClauseStatus
  /** Agreed language: heading and body locked until the chair or the secretariat reopens it. */
  readonly locked: boolean
  /** Open holds (agreed ad referendum), by State code. */
  readonly holds: readonly HoldView[]
  readonly requests: readonly StatusRequestView[]
}

/** `GET /api/drafts/:id/statuses`. */
export interface ClauseStatusesResponse {
  readonly statuses: readonly ClauseStatusView[]
  /** Who may do what here (the client only hides what the server would refuse). */
  readonly mayChange: boolean
  readonly mayPropose: boolean
}
