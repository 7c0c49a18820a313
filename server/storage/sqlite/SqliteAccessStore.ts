import type Database from 'better-sqlite3'
import type { AccessChange, AccessStore, AuditScope } from '../access'
import { ACCESS_CHANGE_COLUMNS, type AccessChangeRow, CREDENTIAL_COLUMNS, auditScopeWhere, toAccessChange } from '../rows/accessRows'
import { AUDIT_COLUMNS, type AuditRow, toAuditEntry } from '../rows/auditRows'
import { type CredentialRow, toCredential } from '../rows/coreRows'
import type { AuditEntry, Credential } from '../Storage'

const GROUPS = 'SELECT value FROM json_each(@groups)'
const MEMBERS = `SELECT user_id FROM group_members WHERE group_id IN (${GROUPS})`

/** Tokens, disabled accounts, the access change log and scoped audit reads on SQLite. */
export class SqliteAccessStore implements AccessStore {
  private readonly stmt
  private readonly db: Database.Database

  constructor(db: Database.Database) {
    this.db = db
    this.stmt = {
      listTokens: db.prepare(`SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE user_id = ? AND kind = 'token' AND expires_at > ? ORDER BY created_at DESC, rowid DESC`),
      deleteToken: db.prepare(`DELETE FROM credentials WHERE user_id = ? AND id = ? AND kind = 'token' RETURNING token_hash`).pluck(),
      deleteSessionTokens: db.prepare(`DELETE FROM credentials WHERE session_hash = ? AND kind = 'token' RETURNING token_hash`).pluck(),
      deleteUserCredentials: db.prepare('DELETE FROM credentials WHERE user_id = ? RETURNING token_hash').pluck(),
      deleteOtherCredentials: db.prepare('DELETE FROM credentials WHERE user_id = ? AND token_hash <> ? RETURNING token_hash').pluck(),
      setPasswordHash: db.prepare('UPDATE users SET password_hash = ? WHERE id = ?'),
      setDisabled: db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?'),
      isDisabled: db.prepare('SELECT disabled_at FROM users WHERE id = ?').pluck(),
      removeMember: db.prepare('DELETE FROM group_members WHERE group_id = ? AND user_id = ?'),
      recordChange: db.prepare('INSERT INTO access_changes (at, user_id, draft_id, credential_hash) VALUES (@at, @userId, @draftId, @credentialHash)'),
      changesSince: db.prepare(`SELECT ${ACCESS_CHANGE_COLUMNS} FROM access_changes WHERE id > ? OR at >= ? ORDER BY id`),
      pruneChanges: db.prepare('DELETE FROM access_changes WHERE at < ?'),
      scopedAudit: db.prepare(
        `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE ${auditScopeWhere(GROUPS, MEMBERS)}
         AND (@action IS NULL OR action = @action) AND id < @before ORDER BY id DESC LIMIT @limit`,
      ),
    }
  }

  async listTokens(userId: string, now: Date): Promise<Credential[]> {
    return (this.stmt.listTokens.all(userId, now.toISOString()) as CredentialRow[]).map(toCredential)
  }

  async deleteToken(userId: string, id: string): Promise<string | null> {
    return (this.stmt.deleteToken.get(userId, id) as string | undefined) ?? null
  }

  async deleteSessionTokens(sessionHash: string): Promise<string[]> {
    return this.stmt.deleteSessionTokens.all(sessionHash) as string[]
  }

  async deleteUserCredentials(userId: string): Promise<string[]> {
    return this.stmt.deleteUserCredentials.all(userId) as string[]
  }

  async replacePassword(userId: string, passwordHash: string, keepHash: string): Promise<string[]> {
    return this.db.transaction(() => {
      this.stmt.setPasswordHash.run(passwordHash, userId)
      return this.stmt.deleteOtherCredentials.all(userId, keepHash) as string[]
    })()
  }

  async setDisabled(userId: string, disabledAt: string | null): Promise<void> {
    this.stmt.setDisabled.run(disabledAt, userId)
  }

  async isDisabled(userId: string): Promise<boolean> {
    return typeof this.stmt.isDisabled.get(userId) === 'string'
  }

  async removeMember(groupId: string, userId: string): Promise<void> {
    this.stmt.removeMember.run(groupId, userId)
  }

  async recordChange(change: Omit<AccessChange, 'id'>): Promise<void> {
    this.stmt.recordChange.run(change)
  }

  async changesSince(afterId: number, sinceAt: string): Promise<AccessChange[]> {
    return (this.stmt.changesSince.all(afterId, sinceAt) as AccessChangeRow[]).map(toAccessChange)
  }

  async pruneChanges(before: string): Promise<void> {
    this.stmt.pruneChanges.run(before)
  }

  async listScopedAudit(scope: AuditScope): Promise<AuditEntry[]> {
    const rows = this.stmt.scopedAudit.all({
      groups: JSON.stringify(scope.groupIds),
      action: scope.action ?? null,
      before: scope.before ?? Number.MAX_SAFE_INTEGER,
      limit: scope.limit,
    }) as AuditRow[]
    return rows.map(toAuditEntry)
  }
}
