import type { Phase, Role } from '../../shared/permissions'
import type { ReportStore } from './reports'
import type { RevisionStore } from './revisions'
import type { ThreadStore } from './threads'

export interface MemberState {
  readonly code: string
  readonly name: string
}

export interface WorkingGroup {
  readonly id: string
  readonly slug: string
  readonly name: string
  readonly mandate: string
  readonly createdAt: string
}

export interface User {
  readonly id: string
  readonly username: string
  readonly displayName: string
  readonly role: Role
  /** ISO 3166 alpha-3 of the Member State a delegate speaks for; null for other roles. */
  readonly stateCode: string | null
  readonly passwordHash: string
  readonly createdAt: string
}

export type NewUser = Omit<User, 'id' | 'createdAt'>

export interface Draft {
  readonly id: string
  readonly groupId: string
  readonly title: string
  readonly phase: Phase
  /** ISO timestamp; set while a comment round is open. */
  readonly commentDeadline: string | null
  readonly createdBy: string
  readonly createdAt: string
  readonly updatedAt: string
}

export type CredentialKind = 'session' | 'token'

export interface Credential {
  readonly tokenHash: string
  readonly userId: string
  readonly kind: CredentialKind
  readonly label: string | null
  readonly createdAt: string
  readonly expiresAt: string
}

/** What is stored of a draft's Y.Doc: the last snapshot and the updates appended after it. */
export interface StoredDoc {
  readonly snapshot: Uint8Array | null
  readonly updates: Uint8Array[]
  /** Id of the newest stored update (0 when none); compaction folds updates up to an id. */
  readonly lastUpdateId: number
}

/** What the server last measured of a draft (after a compaction) and, if its stored log could not be loaded within the limits, why. */
export interface DraftHealth {
  readonly bytes: number
  readonly items: number
  readonly measuredAt: string | null
  /** Set while the draft is read-only from its last good state; cleared by `draft repair`. */
  readonly damage: string | null
  readonly damagedAt: string | null
}

/** One row of a draft's update log. */
export interface StoredUpdate {
  readonly id: number
  readonly data: Uint8Array
}

export interface DocStats {
  readonly updates: number
  readonly updateBytes: number
  readonly snapshotBytes: number
}

/**
 * Everything Provisio keeps. Narrow on purpose: every implementation (SQLite now, PostgreSQL later)
 * passes the same contract suite (storageContract.ts). Async so that network databases fit.
 */
export interface Storage {
  /** Comment rounds, threads, comments, proposals, positions, the event log. */
  readonly threads: ThreadStore
  /** Named revisions and what each user last saw. */
  readonly revisions: RevisionStore
  /** Rapporteur's reports and their versions. */
  readonly reports: ReportStore

  upsertMemberStates(states: readonly MemberState[]): Promise<void>
  listMemberStates(): Promise<MemberState[]>
  getMemberState(code: string): Promise<MemberState | null>

  createGroup(group: Omit<WorkingGroup, 'id' | 'createdAt'>): Promise<WorkingGroup>
  getGroup(id: string): Promise<WorkingGroup | null>
  getGroupBySlug(slug: string): Promise<WorkingGroup | null>
  /** Oldest first: the first one is the default group of the admin CLI. */
  listGroups(): Promise<WorkingGroup[]>
  addMember(groupId: string, userId: string): Promise<void>
  isMember(groupId: string, userId: string): Promise<boolean>
  listUserGroups(userId: string): Promise<WorkingGroup[]>

  /** Throws UsernameTakenError when the username (case-insensitive) exists. */
  createUser(user: NewUser): Promise<User>
  getUser(id: string): Promise<User | null>
  getUserByUsername(username: string): Promise<User | null>
  listUsers(groupId?: string): Promise<User[]>

  createCredential(credential: Credential): Promise<void>
  /** The credential if it exists and has not expired at `now`. */
  getCredential(tokenHash: string, now: Date): Promise<Credential | null>
  deleteCredential(tokenHash: string): Promise<void>

  /** Creates the draft and stores its initial Y.Doc state atomically. */
  createDraft(draft: Omit<Draft, 'createdAt' | 'updatedAt' | 'phase' | 'commentDeadline'>, initialState: Uint8Array): Promise<Draft>
  getDraft(id: string): Promise<Draft | null>
  listDrafts(groupId: string): Promise<Draft[]>
  setDraftPhase(id: string, phase: Phase, commentDeadline: string | null): Promise<Draft | null>

  loadDoc(draftId: string): Promise<StoredDoc>
  /** Appends one Yjs update durably and returns its id. */
  appendUpdate(draftId: string, update: Uint8Array): Promise<number>
  /** Replaces the snapshot and drops the updates with id ≤ throughUpdateId, atomically. */
  compact(draftId: string, snapshot: Uint8Array, throughUpdateId: number): Promise<void>
  /**
   * What was stored after update `afterId`: the snapshot only if it folds updates with a greater id,
   * the updates with a greater id in append order, and the newest id included (`afterId` when nothing
   * is newer). Several processes compacting one draft catch up with it first. `everyUpdate`: every
   * update still in the log, whatever its id (a compaction must fold all it deletes; on PostgreSQL an
   * update with a lower id can commit after one with a higher id).
   */
  loadDocSince(draftId: string, afterId: number, options?: { readonly everyUpdate?: boolean }): Promise<StoredDoc>
  /**
   * Runs `fn` holding the draft's compaction lock, or returns false at once without running it when
   * another process holds it (PostgreSQL advisory lock; one process on SQLite: always runs). While
   * `fn` runs no update of the draft is being appended: those in flight have committed, new ones wait.
   */
  withCompactionLock(draftId: string, fn: () => Promise<void>): Promise<boolean>
  docStats(draftId: string): Promise<DocStats>
  /** The draft's update log with ids, in append order (for `draft repair`). */
  listDocUpdates(draftId: string): Promise<StoredUpdate[]>
  /** Deletes these updates of the draft's log; returns how many were deleted. */
  dropDocUpdates(draftId: string, ids: readonly number[]): Promise<number>
  /** Remembers the draft's size as measured now. */
  recordDraftSize(draftId: string, size: { readonly bytes: number; readonly items: number }): Promise<void>
  /** Marks the draft damaged (read-only from its last good state) with a reason, or clears the mark (null). */
  setDraftDamage(draftId: string, damage: string | null): Promise<void>
  /** Null when nothing was ever measured or marked. */
  getDraftHealth(draftId: string): Promise<DraftHealth | null>
  /**
   * Runs `fn` while no other process runs its own `fn` under this lock on the same database
   * (start-up work such as loading the demo; a PostgreSQL advisory lock; on SQLite, one process).
   */
  withSetupLock<T>(fn: () => Promise<T>): Promise<T>

  /** Appends to the audit log (append-only: the database refuses updates and deletes). */
  appendAudit(entry: Omit<AuditEntry, 'id'>): Promise<void>
  /** Newest first. */
  listAudit(filter: { readonly action?: string; readonly limit: number; readonly before?: number }): Promise<AuditEntry[]>
  setUserRole(userId: string, role: Role, stateCode: string | null): Promise<User | null>

  close(): Promise<void>
}

/** One line of the audit log. */
export interface AuditEntry {
  readonly id: number
  readonly at: string
  /** e.g. 'session.signed-in', 'session.failed', 'user.role', 'draft.phase', 'proposal.applied'. */
  readonly action: string
  readonly actorId: string | null
  readonly actorName: string | null
  readonly target: string | null
  readonly address: string | null
  readonly data: Readonly<Record<string, unknown>>
}

export class UsernameTakenError extends Error {
  constructor(username: string) {
    super(`The username "${username}" is taken.`)
    this.name = 'UsernameTakenError'
  }
}
