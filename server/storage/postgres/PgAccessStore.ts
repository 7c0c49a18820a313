import type { Pool } from 'pg'
import type { AccessChange, AccessStore, AuditScope } from '../access'
import { ACCESS_CHANGE_COLUMNS, type AccessChangeRow, CREDENTIAL_COLUMNS, auditScopeWhere, toAccessChange } from '../rows/accessRows'
import { AUDIT_COLUMNS, type AuditRow, toAuditEntry } from '../rows/auditRows'
import { type CredentialRow, toCredential } from '../rows/coreRows'
import type { AuditEntry, Credential } from '../Storage'
import { all, first, run } from './db'

const GROUPS = 'SELECT unnest($1::text[])'
const MEMBERS = `SELECT user_id FROM group_members WHERE group_id IN (${GROUPS})`

/** Tokens, disabled accounts, the access change log and scoped audit reads on PostgreSQL. */
export class PgAccessStore implements AccessStore {
  constructor(private readonly pool: Pool) {}

  async listTokens(userId: string, now: Date): Promise<Credential[]> {
    const rows = await all<CredentialRow>(
      this.pool,
      `SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE user_id = $1 AND kind = 'token' AND expires_at > $2 ORDER BY created_at DESC, id`,
      [userId, now.toISOString()],
    )
    return rows.map(toCredential)
  }

  async deleteToken(userId: string, id: string): Promise<string | null> {
    const row = await first<{ token_hash: string }>(this.pool, `DELETE FROM credentials WHERE user_id = $1 AND id = $2 AND kind = 'token' RETURNING token_hash`, [userId, id])
    return row?.token_hash ?? null
  }

  async deleteSessionTokens(sessionHash: string): Promise<string[]> {
    const rows = await all<{ token_hash: string }>(this.pool, `DELETE FROM credentials WHERE session_hash = $1 AND kind = 'token' RETURNING token_hash`, [sessionHash])
    return rows.map((r) => r.token_hash)
  }

  async deleteUserCredentials(userId: string): Promise<string[]> {
    const rows = await all<{ token_hash: string }>(this.pool, 'DELETE FROM credentials WHERE user_id = $1 RETURNING token_hash', [userId])
    return rows.map((r) => r.token_hash)
  }

  async replacePassword(userId: string, passwordHash: string, keepHash: string): Promise<string[]> {
    // One statement, so one transaction: the new hash and the ended credentials commit together.
    const rows = await all<{ token_hash: string }>(
      this.pool,
      `WITH changed AS (UPDATE users SET password_hash = $2 WHERE id = $1 RETURNING id)
       DELETE FROM credentials WHERE user_id = (SELECT id FROM changed) AND token_hash <> $3 RETURNING token_hash`,
      [userId, passwordHash, keepHash],
    )
    return rows.map((r) => r.token_hash)
  }

  async setDisabled(userId: string, disabledAt: string | null): Promise<void> {
    await run(this.pool, 'UPDATE users SET disabled_at = $1 WHERE id = $2', [disabledAt, userId])
  }

  async isDisabled(userId: string): Promise<boolean> {
    const row = await first<{ disabled_at: string | null }>(this.pool, 'SELECT disabled_at FROM users WHERE id = $1', [userId])
    return typeof row?.disabled_at === 'string'
  }

  async removeMember(groupId: string, userId: string): Promise<void> {
    await run(this.pool, 'DELETE FROM group_members WHERE group_id = $1 AND user_id = $2', [groupId, userId])
  }

  async recordChange(change: Omit<AccessChange, 'id'>): Promise<void> {
    await run(this.pool, 'INSERT INTO access_changes (at, user_id, draft_id, credential_hash) VALUES ($1, $2, $3, $4)', [
      change.at,
      change.userId,
      change.draftId,
      change.credentialHash,
    ])
  }

  async changesSince(afterId: number, sinceAt: string): Promise<AccessChange[]> {
    const rows = await all<AccessChangeRow>(this.pool, `SELECT ${ACCESS_CHANGE_COLUMNS} FROM access_changes WHERE id > $1 OR at >= $2 ORDER BY id`, [afterId, sinceAt])
    return rows.map(toAccessChange)
  }

  async pruneChanges(before: string): Promise<void> {
    await run(this.pool, 'DELETE FROM access_changes WHERE at < $1', [before])
  }

  async listScopedAudit(scope: AuditScope): Promise<AuditEntry[]> {
    const rows = await all<AuditRow>(
      this.pool,
      `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE ${auditScopeWhere(GROUPS, MEMBERS)}
       AND ($2::text IS NULL OR action = $2) AND id < $3 ORDER BY id DESC LIMIT $4`,
      [scope.groupIds, scope.action ?? null, scope.before ?? Number.MAX_SAFE_INTEGER, scope.limit],
    )
    return rows.map(toAuditEntry)
  }
}
