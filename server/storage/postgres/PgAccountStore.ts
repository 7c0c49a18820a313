import type { Pool } from 'pg'
import { type AccountLink, type AccountStore, EmailTakenError, type LinkKind, type TotpRecord } from '../accounts'
import { CREDENTIAL_COLUMNS } from '../rows/accessRows'
import { LINK_COLUMNS, type LinkRow, type TotpRow, toLink, toTotp } from '../rows/accountRows'
import { type CredentialRow, toCredential } from '../rows/coreRows'
import type { Credential } from '../Storage'
import { all, first, isUniqueViolation, run, transaction } from './db'

/** The console's changes, one-time links, second factors and sessions on PostgreSQL. */
export class PgAccountStore implements AccountStore {
  constructor(private readonly pool: Pool) {}

  async setDisplayName(userId: string, displayName: string): Promise<void> {
    await run(this.pool, 'UPDATE users SET display_name = $1 WHERE id = $2', [displayName, userId])
  }

  async setEmail(userId: string, email: string): Promise<void> {
    try {
      await run(this.pool, 'INSERT INTO user_emails (user_id, email) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET email = excluded.email', [userId, email])
    } catch (error) {
      if (isUniqueViolation(error, 'user_emails_email')) throw new EmailTakenError(email)
      throw error
    }
  }

  async getEmail(userId: string): Promise<string | null> {
    return (await first<{ email: string }>(this.pool, 'SELECT email FROM user_emails WHERE user_id = $1', [userId]))?.email ?? null
  }

  async userIdByEmail(email: string): Promise<string | null> {
    return (await first<{ user_id: string }>(this.pool, 'SELECT user_id FROM user_emails WHERE lower(email) = lower($1)', [email]))?.user_id ?? null
  }

  async disabledUserIds(): Promise<string[]> {
    return (await all<{ id: string }>(this.pool, 'SELECT id FROM users WHERE disabled_at IS NOT NULL')).map((r) => r.id)
  }

  async countActiveSecretariat(): Promise<number> {
    const row = await first<{ n: string }>(this.pool, `SELECT count(*) AS n FROM users WHERE role = 'secretariat' AND disabled_at IS NULL`)
    return Number(row?.n ?? 0)
  }

  async updateGroup(id: string, patch: { readonly name?: string; readonly mandate?: string }): Promise<void> {
    await run(this.pool, 'UPDATE working_groups SET name = COALESCE($2, name), mandate = COALESCE($3, mandate) WHERE id = $1', [id, patch.name ?? null, patch.mandate ?? null])
  }

  async setDraftTitle(draftId: string, title: string, at: string): Promise<void> {
    await run(this.pool, 'UPDATE drafts SET title = $1, updated_at = $2 WHERE id = $3', [title, at, draftId])
  }

  async setArchived(draftId: string, archivedAt: string | null): Promise<void> {
    if (archivedAt) await run(this.pool, 'INSERT INTO draft_archive (draft_id, archived_at) VALUES ($1, $2) ON CONFLICT (draft_id) DO NOTHING', [draftId, archivedAt])
    else await run(this.pool, 'DELETE FROM draft_archive WHERE draft_id = $1', [draftId])
  }

  async archivedDrafts(draftIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await all<{ draft_id: string; archived_at: string }>(this.pool, 'SELECT draft_id, archived_at FROM draft_archive WHERE draft_id = ANY($1::text[])', [draftIds])
    return new Map(rows.map((r) => [r.draft_id, r.archived_at]))
  }

  async createLink(link: AccountLink): Promise<void> {
    await run(this.pool, 'INSERT INTO account_links (token_hash, kind, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      link.tokenHash,
      link.kind,
      link.userId,
      link.createdAt,
      link.expiresAt,
    ])
  }

  async consumeLink(tokenHash: string, kind: LinkKind, now: string): Promise<AccountLink | null> {
    const row = await first<LinkRow>(
      this.pool,
      `UPDATE account_links SET used_at = $3 WHERE token_hash = $1 AND kind = $2 AND used_at IS NULL AND expires_at > $3 RETURNING ${LINK_COLUMNS}`,
      [tokenHash, kind, now],
    )
    return row ? toLink(row) : null
  }

  async dropLinks(userId: string, kind: LinkKind): Promise<void> {
    await run(this.pool, 'DELETE FROM account_links WHERE user_id = $1 AND kind = $2 AND used_at IS NULL', [userId, kind])
  }

  async getTotp(userId: string): Promise<TotpRecord | null> {
    const row = await first<TotpRow>(this.pool, 'SELECT user_id, secret, enabled_at, last_step FROM user_totp WHERE user_id = $1', [userId])
    return row ? toTotp(row) : null
  }

  async setPendingTotp(userId: string, secret: string): Promise<void> {
    await run(
      this.pool,
      'INSERT INTO user_totp (user_id, secret, enabled_at, last_step) VALUES ($1, $2, NULL, 0) ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, enabled_at = NULL, last_step = 0',
      [userId, secret],
    )
  }

  async enableTotp(userId: string, at: string, step: number, recoveryHashes: readonly string[]): Promise<void> {
    await transaction(this.pool, async (client) => {
      await run(client, 'UPDATE user_totp SET enabled_at = $1, last_step = $2 WHERE user_id = $3', [at, step, userId])
      await run(client, 'DELETE FROM recovery_codes WHERE user_id = $1', [userId])
      for (const hash of recoveryHashes) await run(client, 'INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)', [userId, hash])
    })
  }

  async disableTotp(userId: string): Promise<void> {
    await transaction(this.pool, async (client) => {
      await run(client, 'DELETE FROM user_totp WHERE user_id = $1', [userId])
      await run(client, 'DELETE FROM recovery_codes WHERE user_id = $1', [userId])
    })
  }

  async advanceTotpStep(userId: string, step: number): Promise<boolean> {
    return (await run(this.pool, 'UPDATE user_totp SET last_step = $1 WHERE user_id = $2 AND last_step < $1', [step, userId])) === 1
  }

  async useRecoveryCode(userId: string, codeHash: string, at: string): Promise<boolean> {
    return (await run(this.pool, 'UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL', [at, userId, codeHash])) === 1
  }

  async recoveryCodesLeft(userId: string): Promise<number> {
    const row = await first<{ n: string }>(this.pool, 'SELECT count(*) AS n FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL', [userId])
    return Number(row?.n ?? 0)
  }

  async getSetting(key: string): Promise<string | null> {
    return (await first<{ value: string }>(this.pool, 'SELECT value FROM instance_settings WHERE key = $1', [key]))?.value ?? null
  }

  async setSetting(key: string, value: string): Promise<void> {
    await run(this.pool, 'INSERT INTO instance_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value])
  }

  async listSessions(userId: string, now: Date): Promise<Credential[]> {
    const rows = await all<CredentialRow>(
      this.pool,
      `SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE user_id = $1 AND kind = 'session' AND expires_at > $2 ORDER BY created_at DESC, id`,
      [userId, now.toISOString()],
    )
    return rows.map(toCredential)
  }

  async deleteSession(userId: string, id: string): Promise<string[]> {
    // One statement: the session and the tokens made from it go together.
    const rows = await all<{ token_hash: string }>(
      this.pool,
      `WITH s AS (SELECT token_hash FROM credentials WHERE user_id = $1 AND id = $2 AND kind = 'session')
       DELETE FROM credentials WHERE user_id = $1 AND (token_hash IN (SELECT token_hash FROM s) OR session_hash IN (SELECT token_hash FROM s)) RETURNING token_hash`,
      [userId, id],
    )
    return rows.map((r) => r.token_hash)
  }

  async deleteOtherCredentials(userId: string, keepHash: string): Promise<string[]> {
    const rows = await all<{ token_hash: string }>(this.pool, 'DELETE FROM credentials WHERE user_id = $1 AND token_hash <> $2 RETURNING token_hash', [userId, keepHash])
    return rows.map((r) => r.token_hash)
  }
}
