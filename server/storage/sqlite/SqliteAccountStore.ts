import type Database from 'better-sqlite3'
import { type AccountLink, type AccountStore, EmailTakenError, type LinkKind, type TotpRecord } from '../accounts'
import { CREDENTIAL_COLUMNS } from '../rows/accessRows'
import { LINK_COLUMNS, type LinkRow, type TotpRow, toLink, toTotp } from '../rows/accountRows'
import { type CredentialRow, toCredential } from '../rows/coreRows'
import type { Credential } from '../Storage'

const isUnique = (error: unknown) => error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE'

/** The console's changes, one-time links, second factors and sessions on SQLite. */
export class SqliteAccountStore implements AccountStore {
  private readonly stmt

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      setDisplayName: db.prepare('UPDATE users SET display_name = ? WHERE id = ?'),
      setEmail: db.prepare('INSERT INTO user_emails (user_id, email) VALUES (?, ?) ON CONFLICT(user_id) DO UPDATE SET email = excluded.email'),
      getEmail: db.prepare('SELECT email FROM user_emails WHERE user_id = ?').pluck(),
      byEmail: db.prepare('SELECT user_id FROM user_emails WHERE email = ?').pluck(),
      disabled: db.prepare('SELECT id FROM users WHERE disabled_at IS NOT NULL').pluck(),
      activeSecretariat: db.prepare(`SELECT count(*) FROM users WHERE role = 'secretariat' AND disabled_at IS NULL`).pluck(),
      groupName: db.prepare('UPDATE working_groups SET name = ? WHERE id = ?'),
      groupMandate: db.prepare('UPDATE working_groups SET mandate = ? WHERE id = ?'),
      draftTitle: db.prepare('UPDATE drafts SET title = ?, updated_at = ? WHERE id = ?'),
      archive: db.prepare('INSERT INTO draft_archive (draft_id, archived_at) VALUES (?, ?) ON CONFLICT(draft_id) DO NOTHING'),
      unarchive: db.prepare('DELETE FROM draft_archive WHERE draft_id = ?'),
      archived: db.prepare('SELECT draft_id, archived_at FROM draft_archive WHERE draft_id IN (SELECT value FROM json_each(?))'),
      createLink: db.prepare('INSERT INTO account_links (token_hash, kind, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'),
      consumeLink: db.prepare(
        `UPDATE account_links SET used_at = @now WHERE token_hash = @hash AND kind = @kind AND used_at IS NULL AND expires_at > @now RETURNING ${LINK_COLUMNS}`,
      ),
      dropLinks: db.prepare('DELETE FROM account_links WHERE user_id = ? AND kind = ? AND used_at IS NULL'),
      getTotp: db.prepare('SELECT user_id, secret, enabled_at, last_step FROM user_totp WHERE user_id = ?'),
      pendingTotp: db.prepare(
        'INSERT INTO user_totp (user_id, secret, enabled_at, last_step) VALUES (?, ?, NULL, 0) ON CONFLICT(user_id) DO UPDATE SET secret = excluded.secret, enabled_at = NULL, last_step = 0',
      ),
      enableTotp: db.prepare('UPDATE user_totp SET enabled_at = ?, last_step = ? WHERE user_id = ?'),
      disableTotp: db.prepare('DELETE FROM user_totp WHERE user_id = ?'),
      advance: db.prepare('UPDATE user_totp SET last_step = ? WHERE user_id = ? AND last_step < ?'),
      dropCodes: db.prepare('DELETE FROM recovery_codes WHERE user_id = ?'),
      addCode: db.prepare('INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)'),
      useCode: db.prepare('UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL'),
      codesLeft: db.prepare('SELECT count(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL').pluck(),
      getSetting: db.prepare('SELECT value FROM instance_settings WHERE key = ?').pluck(),
      setSetting: db.prepare('INSERT INTO instance_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      sessions: db.prepare(`SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE user_id = ? AND kind = 'session' AND expires_at > ? ORDER BY created_at DESC, rowid DESC`),
      sessionHash: db.prepare(`SELECT token_hash FROM credentials WHERE user_id = ? AND id = ? AND kind = 'session'`).pluck(),
      deleteSession: db.prepare(`DELETE FROM credentials WHERE user_id = ? AND (token_hash = @hash OR session_hash = @hash) RETURNING token_hash`).pluck(),
      deleteOthers: db.prepare('DELETE FROM credentials WHERE user_id = ? AND token_hash <> ? RETURNING token_hash').pluck(),
    }
  }

  async setDisplayName(userId: string, displayName: string): Promise<void> {
    this.stmt.setDisplayName.run(displayName, userId)
  }

  async setEmail(userId: string, email: string): Promise<void> {
    try {
      this.stmt.setEmail.run(userId, email)
    } catch (error) {
      if (isUnique(error)) throw new EmailTakenError(email)
      throw error
    }
  }

  async getEmail(userId: string): Promise<string | null> {
    return (this.stmt.getEmail.get(userId) as string | undefined) ?? null
  }

  async userIdByEmail(email: string): Promise<string | null> {
    return (this.stmt.byEmail.get(email) as string | undefined) ?? null
  }

  async disabledUserIds(): Promise<string[]> {
    return this.stmt.disabled.all() as string[]
  }

  async countActiveSecretariat(): Promise<number> {
    return this.stmt.activeSecretariat.get() as number
  }

  async updateGroup(id: string, patch: { readonly name?: string; readonly mandate?: string }): Promise<void> {
    this.db.transaction(() => {
      if (patch.name !== undefined) this.stmt.groupName.run(patch.name, id)
      if (patch.mandate !== undefined) this.stmt.groupMandate.run(patch.mandate, id)
    })()
  }

  async setDraftTitle(draftId: string, title: string, at: string): Promise<void> {
    this.stmt.draftTitle.run(title, at, draftId)
  }

  async setArchived(draftId: string, archivedAt: string | null): Promise<void> {
    if (archivedAt) this.stmt.archive.run(draftId, archivedAt)
    else this.stmt.unarchive.run(draftId)
  }

  async archivedDrafts(draftIds: readonly string[]): Promise<Map<string, string>> {
    const rows = this.stmt.archived.all(JSON.stringify(draftIds)) as { draft_id: string; archived_at: string }[]
    return new Map(rows.map((r) => [r.draft_id, r.archived_at]))
  }

  async createLink(link: AccountLink): Promise<void> {
    this.stmt.createLink.run(link.tokenHash, link.kind, link.userId, link.createdAt, link.expiresAt)
  }

  async consumeLink(tokenHash: string, kind: LinkKind, now: string): Promise<AccountLink | null> {
    const row = this.stmt.consumeLink.get({ hash: tokenHash, kind, now }) as LinkRow | undefined
    return row ? toLink(row) : null
  }

  async dropLinks(userId: string, kind: LinkKind): Promise<void> {
    this.stmt.dropLinks.run(userId, kind)
  }

  async getTotp(userId: string): Promise<TotpRecord | null> {
    const row = this.stmt.getTotp.get(userId) as TotpRow | undefined
    return row ? toTotp(row) : null
  }

  async setPendingTotp(userId: string, secret: string): Promise<void> {
    this.stmt.pendingTotp.run(userId, secret)
  }

  async enableTotp(userId: string, at: string, step: number, recoveryHashes: readonly string[]): Promise<void> {
    this.db.transaction(() => {
      this.stmt.enableTotp.run(at, step, userId)
      this.stmt.dropCodes.run(userId)
      for (const hash of recoveryHashes) this.stmt.addCode.run(userId, hash)
    })()
  }

  async disableTotp(userId: string): Promise<void> {
    this.db.transaction(() => {
      this.stmt.disableTotp.run(userId)
      this.stmt.dropCodes.run(userId)
    })()
  }

  async advanceTotpStep(userId: string, step: number): Promise<boolean> {
    return this.stmt.advance.run(step, userId, step).changes === 1
  }

  async useRecoveryCode(userId: string, codeHash: string, at: string): Promise<boolean> {
    return this.stmt.useCode.run(at, userId, codeHash).changes === 1
  }

  async recoveryCodesLeft(userId: string): Promise<number> {
    return this.stmt.codesLeft.get(userId) as number
  }

  async getSetting(key: string): Promise<string | null> {
    return (this.stmt.getSetting.get(key) as string | undefined) ?? null
  }

  async setSetting(key: string, value: string): Promise<void> {
    this.stmt.setSetting.run(key, value)
  }

  async listSessions(userId: string, now: Date): Promise<Credential[]> {
    return (this.stmt.sessions.all(userId, now.toISOString()) as CredentialRow[]).map(toCredential)
  }

  async deleteSession(userId: string, id: string): Promise<string[]> {
    return this.db.transaction(() => {
      const hash = this.stmt.sessionHash.get(userId, id) as string | undefined
      return hash ? (this.stmt.deleteSession.all(userId, { hash }) as string[]) : []
    })()
  }

  async deleteOtherCredentials(userId: string, keepHash: string): Promise<string[]> {
    return this.stmt.deleteOthers.all(userId, keepHash) as string[]
  }
}
