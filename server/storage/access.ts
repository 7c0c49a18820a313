import type { AuditEntry, Credential } from './Storage'

/**
 * One row of the access change log: something that may change what open connections may do. Every
 * server process polls the log (AccessWatcher), so a change made by another process or the admin
 * CLI reaches its sockets too.
 */
export interface AccessChange {
  readonly id: number
  readonly at: string
  /** The user's role, State, membership or account changed. */
  readonly userId: string | null
  /** The draft's phase changed. */
  readonly draftId: string | null
  /** This session or token ended. */
  readonly credentialHash: string | null
}

/** Whose audit entries a reader sees: their groups' entries and those about their groups' users. */
export interface AuditScope {
  readonly groupIds: readonly string[]
  readonly action?: string
  readonly limit: number
  readonly before?: number
}

export interface AccessStore {
  /** The user's unexpired tokens, newest first. */
  listTokens(userId: string, now: Date): Promise<Credential[]>
  /** Deletes the user's token with this public id; its hash, or null when there is none. */
  deleteToken(userId: string, id: string): Promise<string | null>
  /** Deletes the tokens made from this session; their hashes. */
  deleteSessionTokens(sessionHash: string): Promise<string[]>
  /** Deletes every credential of the user (a disabled account); their hashes. */
  deleteUserCredentials(userId: string): Promise<string[]>
  /**
   * Replaces the user's password hash and, in the same transaction, deletes every credential of the
   * user except `keepHash` (the one the change was made with); the deleted hashes.
   */
  replacePassword(userId: string, passwordHash: string, keepHash: string): Promise<string[]>

  setDisabled(userId: string, disabledAt: string | null): Promise<void>
  isDisabled(userId: string): Promise<boolean>
  removeMember(groupId: string, userId: string): Promise<void>

  /** Appends to the change log that every server process watches. */
  recordChange(change: Omit<AccessChange, 'id'>): Promise<void>
  /** Changes with an id above `afterId` or written at or after `sinceAt` (late commits), oldest first. */
  changesSince(afterId: number, sinceAt: string): Promise<AccessChange[]>
  /** Forgets changes written before `before` (every watcher has seen them). */
  pruneChanges(before: string): Promise<void>

  /** The audit log as a group's secretariat reads it, newest first. */
  listScopedAudit(scope: AuditScope): Promise<AuditEntry[]>
}
