import type { Phase, Role, TextMode } from '../../shared/permissions'
import type { AccessStore } from './access'
import type { AgreementStore } from './agreement'
import type { MeetingStore } from './meetings'
import type { ClauseStatusStore } from './clauseStatus'
import type { DocStore } from './docs'
import type { ReportStore } from './reports'
import type { RevisionStore } from './revisions'
import type { SuggestionStore } from './suggestions'
import type { ThreadStore } from './threads'

export type { AccessChange, AccessStore, AuditScope } from './access'
export type { DocStats, DocStore, DraftHealth, DraftSize, StoredDoc, StoredUpdate } from './docs'

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
  /** Whether writers edit the text directly ('edit') or delegates may only suggest ('suggest'). */
  readonly textMode: TextMode
  readonly createdBy: string
  readonly createdAt: string
  readonly updatedAt: string
}

export type CredentialKind = 'session' | 'token'

export interface Credential {
  /** Public id (listing and revoking a token); never the secret. */
  readonly id: string
  readonly tokenHash: string
  readonly userId: string
  readonly kind: CredentialKind
  readonly label: string | null
  readonly createdAt: string
  readonly expiresAt: string
  /** For a token: the hash of the session it was made from (signing out ends it); null: independent. */
  readonly sessionHash: string | null
}

/**
 * Everything Provisio keeps. Narrow on purpose: every implementation (SQLite now, PostgreSQL later)
 * passes the same contract suite (storageContract.ts). Async so that network databases fit.
 */
export interface Storage {
  /** Comment rounds, threads, comments, proposals, positions, the event log. */
  readonly threads: ThreadStore
  /** The record of suggestions and their fate. */
  readonly suggestions: SuggestionStore
  /** Named revisions and what each user last saw. */
  readonly revisions: RevisionStore
  /** Rapporteur's reports and their versions. */
  readonly reports: ReportStore
  /** Each draft's document log (snapshot and updates) and its health. */
  readonly docs: DocStore
  /** Tokens, disabled accounts, scoped audit reads and the access changes every process watches. */
  readonly access: AccessStore
  /** Silence procedures and statements on record. */
  readonly agreement: AgreementStore
  /** Ad referendum holds and the statuses the rapporteur proposes. */
  readonly clauseStatus: ClauseStatusStore
  /** Meetings of a draft: the screen, the floor, decisions and attendance. */
  readonly meetings: MeetingStore

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
  createDraft(draft: Omit<Draft, 'createdAt' | 'updatedAt' | 'phase' | 'commentDeadline' | 'textMode'>, initialState: Uint8Array): Promise<Draft>
  getDraft(id: string): Promise<Draft | null>
  listDrafts(groupId: string): Promise<Draft[]>
  setDraftPhase(id: string, phase: Phase, commentDeadline: string | null): Promise<Draft | null>
  setDraftTextMode(id: string, textMode: TextMode): Promise<Draft | null>

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
  /** The working group the entry belongs to; null: about a user (actor or target) or instance-wide. */
  readonly groupId: string | null
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
