import type { Pool } from 'pg'
import { newId } from '../../../shared/ids'
import type { Phase, Role, TextMode } from '../../../shared/permissions'
import {
  type AuditEntry,
  type Credential,
  type Draft,
  type MemberState,
  type NewUser,
  type Storage,
  type User,
  UsernameTakenError,
  type WorkingGroup,
} from '../Storage'
import { CREDENTIAL_COLUMNS } from '../rows/accessRows'
import { AUDIT_COLUMNS, type AuditRow, toAuditEntry } from '../rows/auditRows'
import { type CredentialRow, type DraftRow, type GroupRow, type UserRow, toCredential, toDraft, toGroup, toUser } from '../rows/coreRows'
import { DEFAULT_POOL_SIZE, type PoolOptions, all, createPool, first, isUniqueViolation, run, transaction } from './db'
import { LockSpace } from './locks'
import { migrate } from './migrate'
import { PgAccessStore } from './PgAccessStore'
import { PgDocStore } from './PgDocStore'
import { PgReportStore } from './PgReportStore'
import { PgRevisionStore } from './PgRevisionStore'
import { PgSuggestionStore } from './PgSuggestionStore'
import { PgClauseStatusStore } from './PgClauseStatusStore'
import { PgAgreementStore } from './PgAgreementStore'
import { PgMeetingStore } from './PgMeetingStore'
import { PgThreadStore } from './PgThreadStore'

const GROUP = 'SELECT id, slug, name, mandate, created_at FROM working_groups'
const USER = 'SELECT id, username, display_name, role, state_code, password_hash, created_at FROM users'
const DRAFT_COLUMNS = 'id, group_id, title, phase, comment_deadline, text_mode, created_by, created_at, updated_at'
const DRAFT = `SELECT ${DRAFT_COLUMNS} FROM drafts`
export type PgOptions = PoolOptions

/**
 * Storage on PostgreSQL (node-postgres pool). Same behaviour as SqliteStorage, proven by the same
 * contract suites; several processes may share one database.
 */
export class PgStorage implements Storage {
  readonly threads: PgThreadStore
  readonly suggestions: PgSuggestionStore
  readonly revisions: PgRevisionStore
  readonly reports: PgReportStore
  readonly docs: PgDocStore
  readonly access: PgAccessStore
  readonly agreement: PgAgreementStore
  readonly meetings: PgMeetingStore
  readonly clauseStatus: PgClauseStatusStore
  private closing: Promise<void> | null = null

  private constructor(
    readonly pool: Pool,
    poolSize: number,
  ) {
    this.threads = new PgThreadStore(pool)
    this.suggestions = new PgSuggestionStore(pool)
    this.revisions = new PgRevisionStore(pool)
    this.reports = new PgReportStore(pool)
    this.docs = new PgDocStore(pool, poolSize)
    this.access = new PgAccessStore(pool)
    this.agreement = new PgAgreementStore(pool)
    this.meetings = new PgMeetingStore(pool)
    this.clauseStatus = new PgClauseStatusStore(pool)
  }

  /** Connects and brings the schema up to date (safe when several processes start at once). */
  static async connect(url: string, options: PgOptions = {}): Promise<PgStorage> {
    const pool = createPool(url, options)
    try {
      await migrate(pool, options.schema)
    } catch (error) {
      await pool.end()
      throw error
    }
    return new PgStorage(pool, options.max ?? DEFAULT_POOL_SIZE)
  }

  async upsertMemberStates(states: readonly MemberState[]): Promise<void> {
    // One statement, so all or none; a code given twice keeps its last name, as a loop of upserts would.
    const byCode = new Map(states.map((s) => [s.code, s.name]))
    if (byCode.size === 0) return
    await run(
      this.pool,
      `INSERT INTO member_states (code, name) SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT (code) DO UPDATE SET name = excluded.name`,
      [[...byCode.keys()], [...byCode.values()]],
    )
  }

  async listMemberStates(): Promise<MemberState[]> {
    return all<MemberState>(this.pool, 'SELECT code, name FROM member_states ORDER BY name')
  }

  async getMemberState(code: string): Promise<MemberState | null> {
    return first<MemberState>(this.pool, 'SELECT code, name FROM member_states WHERE code = $1', [code])
  }

  async createGroup(group: Omit<WorkingGroup, 'id' | 'createdAt'>): Promise<WorkingGroup> {
    const created: WorkingGroup = { ...group, id: newId(), createdAt: new Date().toISOString() }
    await run(this.pool, 'INSERT INTO working_groups (id, slug, name, mandate, created_at) VALUES ($1, $2, $3, $4, $5)', [
      created.id,
      created.slug,
      created.name,
      created.mandate,
      created.createdAt,
    ])
    return created
  }

  async getGroup(id: string): Promise<WorkingGroup | null> {
    const row = await first<GroupRow>(this.pool, `${GROUP} WHERE id = $1`, [id])
    return row ? toGroup(row) : null
  }

  async getGroupBySlug(slug: string): Promise<WorkingGroup | null> {
    const row = await first<GroupRow>(this.pool, `${GROUP} WHERE slug = $1`, [slug])
    return row ? toGroup(row) : null
  }

  async listGroups(): Promise<WorkingGroup[]> {
    return (await all<GroupRow>(this.pool, `${GROUP} ORDER BY created_at, seq`)).map(toGroup)
  }

  async addMember(groupId: string, userId: string): Promise<void> {
    await run(this.pool, 'INSERT INTO group_members (group_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [groupId, userId])
  }

  async isMember(groupId: string, userId: string): Promise<boolean> {
    return (await first(this.pool, 'SELECT 1 FROM group_members WHERE group_id = $1 AND user_id = $2', [groupId, userId])) !== null
  }

  async listUserGroups(userId: string): Promise<WorkingGroup[]> {
    const rows = await all<GroupRow>(
      this.pool,
      `SELECT g.id, g.slug, g.name, g.mandate, g.created_at FROM working_groups g JOIN group_members m ON m.group_id = g.id
       WHERE m.user_id = $1 ORDER BY g.created_at, g.seq`,
      [userId],
    )
    return rows.map(toGroup)
  }

  async createUser(user: NewUser): Promise<User> {
    const created: User = { ...user, id: newId(), createdAt: new Date().toISOString() }
    try {
      await run(
        this.pool,
        'INSERT INTO users (id, username, display_name, role, state_code, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [created.id, created.username, created.displayName, created.role, created.stateCode, created.passwordHash, created.createdAt],
      )
    } catch (error) {
      if (isUniqueViolation(error, 'users_username_nocase')) throw new UsernameTakenError(user.username)
      throw error
    }
    return created
  }

  async getUser(id: string): Promise<User | null> {
    const row = await first<UserRow>(this.pool, `${USER} WHERE id = $1`, [id])
    return row ? toUser(row) : null
  }

  async getUserByUsername(username: string): Promise<User | null> {
    const row = await first<UserRow>(this.pool, `${USER} WHERE lower(username) = lower($1)`, [username])
    return row ? toUser(row) : null
  }

  async listUsers(groupId?: string): Promise<User[]> {
    // Ordered as SQLite's NOCASE column orders them.
    const rows = groupId
      ? await all<UserRow>(
          this.pool,
          `SELECT u.id, u.username, u.display_name, u.role, u.state_code, u.password_hash, u.created_at
           FROM users u JOIN group_members m ON m.user_id = u.id WHERE m.group_id = $1 ORDER BY lower(u.username)`,
          [groupId],
        )
      : await all<UserRow>(this.pool, `${USER} ORDER BY lower(username)`)
    return rows.map(toUser)
  }

  async createCredential(c: Credential): Promise<void> {
    await run(this.pool, 'INSERT INTO credentials (id, token_hash, user_id, kind, label, created_at, expires_at, session_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      c.id,
      c.tokenHash,
      c.userId,
      c.kind,
      c.label,
      c.createdAt,
      c.expiresAt,
      c.sessionHash,
    ])
  }

  async getCredential(tokenHash: string, now: Date): Promise<Credential | null> {
    const row = await first<CredentialRow>(
      this.pool,
      `SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE token_hash = $1 AND expires_at > $2`,
      [tokenHash, now.toISOString()],
    )
    return row ? toCredential(row) : null
  }

  async deleteCredential(tokenHash: string): Promise<void> {
    await run(this.pool, 'DELETE FROM credentials WHERE token_hash = $1', [tokenHash])
  }

  async createDraft(
    draft: Omit<Draft, 'createdAt' | 'updatedAt' | 'phase' | 'commentDeadline' | 'textMode'>,
    initialState: Uint8Array,
  ): Promise<Draft> {
    const now = new Date().toISOString()
    await transaction(this.pool, async (client) => {
      await run(client, 'INSERT INTO drafts (id, group_id, title, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        draft.id,
        draft.groupId,
        draft.title,
        draft.createdBy,
        now,
        now,
      ])
      await this.docs.writeInitial(client, draft.id, initialState, now)
    })
    return { ...draft, phase: 'drafting', commentDeadline: null, textMode: 'edit', createdAt: now, updatedAt: now }
  }

  async getDraft(id: string): Promise<Draft | null> {
    const row = await first<DraftRow>(this.pool, `${DRAFT} WHERE id = $1`, [id])
    return row ? toDraft(row) : null
  }

  async listDrafts(groupId: string): Promise<Draft[]> {
    return (await all<DraftRow>(this.pool, `${DRAFT} WHERE group_id = $1 ORDER BY created_at DESC, seq DESC`, [groupId])).map(toDraft)
  }

  async setDraftPhase(id: string, phase: Phase, commentDeadline: string | null): Promise<Draft | null> {
    const row = await first<DraftRow>(
      this.pool,
      `UPDATE drafts SET phase = $1, comment_deadline = $2, updated_at = $3 WHERE id = $4
       RETURNING ${DRAFT_COLUMNS}`,
      [phase, commentDeadline, new Date().toISOString(), id],
    )
    return row ? toDraft(row) : null
  }

  async setDraftTextMode(id: string, textMode: TextMode): Promise<Draft | null> {
    const row = await first<DraftRow>(this.pool, `UPDATE drafts SET text_mode = $1, updated_at = $2 WHERE id = $3 RETURNING ${DRAFT_COLUMNS}`, [textMode, new Date().toISOString(), id])
    return row ? toDraft(row) : null
  }

  async withSetupLock<T>(fn: () => Promise<T>): Promise<T> {
    // A session-level advisory lock on a connection of its own, waited for and held while `fn` runs.
    const client = await this.pool.connect()
    try {
      await run(client, 'SELECT pg_advisory_lock($1, 0)', [LockSpace.setup])
      try {
        return await fn()
      } finally {
        await run(client, 'SELECT pg_advisory_unlock($1, 0)', [LockSpace.setup])
      }
    } finally {
      client.release()
    }
  }

  async appendAudit(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    await run(
      this.pool,
      'INSERT INTO audit_log (at, action, group_id, actor_id, actor_name, target, address, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [entry.at, entry.action, entry.groupId, entry.actorId, entry.actorName, entry.target, entry.address, JSON.stringify(entry.data)],
    )
  }

  async listAudit(filter: { readonly action?: string; readonly limit: number; readonly before?: number }): Promise<AuditEntry[]> {
    const rows = await all<AuditRow>(
      this.pool,
      `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE ($1::text IS NULL OR action = $1) AND id < $2 ORDER BY id DESC LIMIT $3`,
      [filter.action ?? null, filter.before ?? Number.MAX_SAFE_INTEGER, filter.limit],
    )
    return rows.map(toAuditEntry)
  }

  async setUserRole(userId: string, role: Role, stateCode: string | null): Promise<User | null> {
    const row = await first<UserRow>(
      this.pool,
      'UPDATE users SET role = $1, state_code = $2 WHERE id = $3 RETURNING id, username, display_name, role, state_code, password_hash, created_at',
      [role, stateCode, userId],
    )
    return row ? toUser(row) : null
  }

  async close(): Promise<void> {
    this.closing ??= this.pool.end()
    return this.closing
  }
}
