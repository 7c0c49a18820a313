/** Named revisions of a draft, and what each user last saw of it. */
import type { ClauseSnapshot } from '../../shared/diff/types'

export type { ClauseSnapshot }

/** A revision without its content. Revisions are numbered per draft from 1 and never change. */
export interface RevisionMeta {
  readonly draftId: string
  readonly number: number
  readonly label: string
  /** The draft's title when the revision was saved. */
  readonly title: string
  readonly createdBy: string
  /** Display name of the author (empty if the user no longer exists). */
  readonly createdByName: string
  readonly createdAt: string
  readonly clauseCount: number
}

export interface NewRevision {
  readonly draftId: string
  readonly label: string
  readonly title: string
  readonly createdBy: string
  /** The whole Y.Doc state (`Y.encodeStateAsUpdate`), to restore from. */
  readonly state: Uint8Array
  /** The rendered clauses in order, to list and diff without loading the Y.Doc. */
  readonly clauses: readonly ClauseSnapshot[]
}

/** One clause as a given revision holds it. */
export interface ClauseVersion {
  readonly revision: number
  readonly clause: ClauseSnapshot
}

/** What a user last saw of a draft. */
export interface SeenState {
  readonly seenAt: string
  readonly clauses: readonly ClauseSnapshot[]
}

/** Storage of revisions; every implementation passes revisionsContract.ts. */
export interface RevisionStore {
  /** Stores a revision under the draft's next number (atomically, even under concurrent calls). */
  createRevision(revision: NewRevision): Promise<RevisionMeta>
  /** The draft's revisions, by number. */
  listRevisions(draftId: string): Promise<RevisionMeta[]>
  getRevision(draftId: string, number: number): Promise<RevisionMeta | null>
  /** The revision's clauses in order, or null when there is no such revision. */
  revisionClauses(draftId: string, number: number): Promise<ClauseSnapshot[] | null>
  /** The clause ids of the revision in order (cheaper than its clauses), or null. */
  revisionOrder(draftId: string, number: number): Promise<string[] | null>
  /** The revision's Y.Doc state, or null. */
  revisionState(draftId: string, number: number): Promise<Uint8Array | null>
  /** The clause in every revision that holds it, by revision number. */
  clauseVersions(draftId: string, clauseId: string): Promise<ClauseVersion[]>

  getSeen(userId: string, draftId: string): Promise<SeenState | null>
  /** Replaces what the user last saw of the draft. */
  setSeen(userId: string, draftId: string, seen: SeenState): Promise<void>
}
