import type { SilenceBreakView, SilenceState, SilenceView, StatementKind, StatementView } from '../../shared/agreementApi'

export type SilenceRecord = SilenceView
export type StatementRecord = StatementView
export type NewSilence = Omit<SilenceRecord, 'state' | 'settledAt' | 'breaks'>

export interface StatementFilter {
  readonly clauseId?: string
  readonly stateCode?: string
  readonly kind?: StatementKind
}

/** Silence procedures and statements on record (README "Reaching agreement"). */
export interface AgreementStore {
  /** Starts a silence: false when the draft already has an open one. */
  startSilence(silence: NewSilence): Promise<boolean>
  getSilence(id: string): Promise<SilenceRecord | null>
  /** The draft's open silence, if any. */
  openSilence(draftId: string): Promise<SilenceRecord | null>
  /** Newest first. */
  listSilences(draftId: string): Promise<SilenceRecord[]>
  /** Records a State's break while the silence is open and before its deadline: false when it is not, or the State already broke it. */
  breakSilence(silenceId: string, entry: SilenceBreakView): Promise<boolean>
  /** Open silences whose deadline is at or before `now` (any draft). */
  dueSilences(now: string): Promise<SilenceRecord[]>
  /** Settles an open silence (broken if any State broke it, else adopted): its outcome for the one caller (process) that won it, else null. */
  settleSilence(id: string, at: string): Promise<Exclude<SilenceState, 'open'> | null>

  addStatement(statement: StatementRecord): Promise<void>
  /** In the order they were made. */
  listStatements(draftId: string, filter?: StatementFilter): Promise<StatementRecord[]>
}
