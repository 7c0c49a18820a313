import type { Credential } from './Storage'

export type LinkKind = 'invitation' | 'reset'

/** A one-time link (invitation or password reset): only the hash of its secret is kept. */
export interface AccountLink {
  readonly tokenHash: string
  readonly kind: LinkKind
  readonly userId: string
  readonly createdAt: string
  readonly expiresAt: string
}

/** A user's second factor: `enabledAt` null while being set up (not yet confirmed with a code). */
export interface TotpRecord {
  readonly userId: string
  readonly secret: string
  readonly enabledAt: string | null
  /** The last TOTP time step accepted: a code is never accepted twice. */
  readonly lastStep: number
}

export class EmailTakenError extends Error {
  constructor(email: string) {
    super(`The address "${email}" belongs to another account.`)
    this.name = 'EmailTakenError'
  }
}

/**
 * What the secretariat's console changes (names, groups, titles, archive, e-mail addresses), the
 * one-time links, second factors, recovery codes, instance settings and the user's sessions.
 */
export interface AccountStore {
  setDisplayName(userId: string, displayName: string): Promise<void>
  /** Throws EmailTakenError when another user has this address (case-insensitive). */
  setEmail(userId: string, email: string): Promise<void>
  getEmail(userId: string): Promise<string | null>
  userIdByEmail(email: string): Promise<string | null>
  /** The users disabled (their ids), for the console's list. */
  disabledUserIds(): Promise<string[]>
  /** Secretariat accounts not disabled, over the whole instance. */
  countActiveSecretariat(): Promise<number>

  updateGroup(id: string, patch: { readonly name?: string; readonly mandate?: string }): Promise<void>
  setDraftTitle(draftId: string, title: string, at: string): Promise<void>
  setArchived(draftId: string, archivedAt: string | null): Promise<void>
  /** Of these drafts, those archived, with when. */
  archivedDrafts(draftIds: readonly string[]): Promise<Map<string, string>>

  createLink(link: AccountLink): Promise<void>
  /**
   * Marks the link used and returns it, in one step, when it exists, is of this kind, has not
   * expired at `now` and was never used; otherwise null (and nothing changes).
   */
  consumeLink(tokenHash: string, kind: LinkKind, now: string): Promise<AccountLink | null>
  /** Ends the user's unused links of this kind (a newer invitation or reset replaces them). */
  dropLinks(userId: string, kind: LinkKind): Promise<void>

  getTotp(userId: string): Promise<TotpRecord | null>
  /** Starts (or restarts) setting up: a new secret, not enabled. */
  setPendingTotp(userId: string, secret: string): Promise<void>
  /** Enables the pending factor and replaces the recovery codes, in one transaction. */
  enableTotp(userId: string, at: string, step: number, recoveryHashes: readonly string[]): Promise<void>
  disableTotp(userId: string): Promise<void>
  /** Records `step` as used when it is above the last one; false when it is not (a replayed code). */
  advanceTotpStep(userId: string, step: number): Promise<boolean>
  /** Marks the unused recovery code used; false when there is none such. */
  useRecoveryCode(userId: string, codeHash: string, at: string): Promise<boolean>
  recoveryCodesLeft(userId: string): Promise<number>

  getSetting(key: string): Promise<string | null>
  setSetting(key: string, value: string): Promise<void>

  /** The user's unexpired sessions, newest first. */
  listSessions(userId: string, now: Date): Promise<Credential[]>
  /** Deletes the user's session with this public id and the tokens made from it; their hashes (empty: none). */
  deleteSession(userId: string, id: string): Promise<string[]>
  /** Deletes every session and token of the user but `keepHash`; their hashes. */
  deleteOtherCredentials(userId: string, keepHash: string): Promise<string[]>
}
