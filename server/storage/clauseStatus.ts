import type { HoldOutcome, StatusRequestOutcome } from '../../shared/clauseStatusApi'
import type { ClauseStatus } from '../../shared/draft/format'

/** A State's hold on a clause agreed ad referendum, open (released null) or ended. */
export interface HoldRecord {
  readonly id: string
  readonly draftId: string
  readonly clauseId: string
  readonly stateCode: string
  readonly expectedBy: string | null
  readonly placedBy: string
  readonly placedAt: string
  readonly releasedBy: string | null
  readonly releasedAt: string | null
  readonly outcome: HoldOutcome | null
  readonly reason: string | null
}

export type NewHold = Pick<HoldRecord, 'id' | 'stateCode' | 'expectedBy'>

export interface HoldRelease {
  readonly outcome: HoldOutcome
  readonly by: string
  readonly at: string
  readonly reason: string | null
}

export interface StatusRequestRecord {
  readonly id: string
  readonly draftId: string
  readonly clauseId: string
  readonly status: ClauseStatus
  readonly states: readonly string[]
  readonly expectedBy: string | null
  readonly reason: string | null
  readonly requestedBy: string
  readonly requestedAt: string
  readonly outcome: StatusRequestOutcome
  readonly decidedBy: string | null
  readonly decidedAt: string | null
  readonly decisionReason: string | null
}

export type NewStatusRequest = Omit<StatusRequestRecord, 'outcome' | 'decidedBy' | 'decidedAt' | 'decisionReason'>

export interface StatusRequestDecision {
  readonly outcome: Exclude<StatusRequestOutcome, 'pending'>
  readonly by: string
  readonly at: string
  readonly reason: string | null
}

/** Ad referendum holds and proposed statuses (README "Reaching agreement"). */
export interface ClauseStatusStore {
  /** Replaces the clause's open holds by `holds` in one transaction (the old ones end as `release`). */
  replaceHolds(draftId: string, clauseId: string, holds: readonly NewHold[], placedBy: string, at: string, release: HoldRelease): Promise<void>
  /** Ends one State's open hold: false when it holds nothing there (already confirmed, withdrawn, cleared). */
  releaseHold(draftId: string, clauseId: string, stateCode: string, release: HoldRelease): Promise<boolean>
  /** Open holds of the draft (or of one clause), in the order placed, then by State code. */
  openHolds(draftId: string, clauseId?: string): Promise<HoldRecord[]>
  /** Every hold of the draft, open or ended, in the order placed, then by State code. */
  listHolds(draftId: string): Promise<HoldRecord[]>

  createRequest(request: NewStatusRequest): Promise<StatusRequestRecord>
  /** Decides a pending request: false when it is not pending any more. */
  decideRequest(draftId: string, id: string, decision: StatusRequestDecision): Promise<boolean>
  getRequest(draftId: string, id: string): Promise<StatusRequestRecord | null>
  /** The draft's requests in the order made, only the pending ones when asked. */
  listRequests(draftId: string, options?: { readonly pendingOnly?: boolean }): Promise<StatusRequestRecord[]>
}
