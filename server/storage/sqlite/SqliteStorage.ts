import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
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
import { type AuditRow, toAuditEntry } from '../rows/auditRows'
import { CREDENTIAL_COLUMNS } from '../rows/accessRows'
import { SqliteAccessStore } from './SqliteAccessStore'
import { type CredentialRow, type DraftRow, type GroupRow, type UserRow, toCredential, toDraft, toGroup, toUser } from '../rows/coreRows'
import { migrate } from './migrate'
import { SqliteDocStore } from './SqliteDocStore'
import { SqliteReportStore } from './SqliteReportStore'
import { SqliteRevisionStore } from './SqliteRevisionStore'
import { SqliteSuggestionStore } from './SqliteSuggestionStore'
import { SqliteClauseStatusStore } from './SqliteClauseStatusStore'
import { SqliteAgreementStore } from './SqliteAgreementStore'
import { SqliteMeetingStore } from './SqliteMeetingStore'
import { SqliteThreadStore } from './SqliteThreadStore'

export interface SqliteOptions {
  /** `FULL` survives power loss; `NORMAL` (WAL) survives a process crash and is faster. */
  readonly synchronous?: 'FULL' | 'NORMAL'
}

/** Storage on one SQLite file in WAL mode (better-sqlite3: synchronous calls, so each write is durable on return). */
export class SqliteStorage implements Storage {
  readonly db: Database.Database
  readonly threads: SqliteThreadStore
  readonly suggestions: SqliteSuggestionStore
  readonly revisions: SqliteRevisionStore
  readonly reports: SqliteReportStore
  readonly docs: SqliteDocStore
  readonly access: SqliteAccessStore
  readonly agreement: SqliteAgreementStore
  readonly meetings: SqliteMeetingStore
  readonly clauseStatus: SqliteClauseStatusStore
  private readonly stmt

  constructor(readonly file: string, options: SqliteOptions = {}) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true })
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`)
    this.db.pragma('foreign_keys = ON')
    this.db.pragma('busy_timeout = 5000')
    migrate(this.db)
    this.threads = new SqliteThreadStore(this.db)
    this.suggestions = new SqliteSuggestionStore(this.db)
    this.revisions = new SqliteRevisionStore(this.db)
    this.reports = new SqliteReportStore(this.db)
    this.docs = new SqliteDocStore(this.db)
    this.access = new SqliteAccessStore(this.db)
    this.agreement = new SqliteAgreementStore(this.db)
    this.meetings = new SqliteMeetingStore(this.db)
    this.clauseStatus = new SqliteClauseStatusStore(this.db)
    const db = this.db
    this.stmt = {
      upsertState: db.prepare('INSERT INTO member_states (code, name) VALUES (?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name'),
      listStates: db.prepare('SELECT code, name FROM member_states ORDER BY name'),
      getState: db.prepare('SELECT code, name FROM member_states WHERE code = ?'),
      insertGroup: db.prepare('INSERT INTO working_groups (id, slug, name, mandate, created_at) VALUES (?, ?, ?, ?, ?)'),
      getGroup: db.prepare('SELECT * FROM working_groups WHERE id = ?'),
      getGroupBySlug: db.prepare('SELECT * FROM working_groups WHERE slug = ?'),
      listGroups: db.prepare('SELECT * FROM working_groups ORDER BY created_at, rowid'),
      addMember: db.prepare('INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES (?, ?)'),
      isMember: db.prepare('SELECT 1 FROM group_members WHERE group_id = ? AND user_id = ?'),
      userGroups: db.prepare(
        'SELECT g.* FROM working_groups g JOIN group_members m ON m.group_id = g.id WHERE m.user_id = ? ORDER BY g.created_at, g.rowid',
      ),
      insertUser: db.prepare(
        'INSERT INTO users (id, username, display_name, role, state_code, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      getUser: db.prepare('SELECT * FROM users WHERE id = ?'),
      getUserByName: db.prepare('SELECT * FROM users WHERE username = ?'),
      listUsers: db.prepare('SELECT * FROM users ORDER BY username'),
      listGroupUsers: db.prepare(
        'SELECT u.* FROM users u JOIN group_members m ON m.user_id = u.id WHERE m.group_id = ? ORDER BY u.username',
      ),
      insertCredential: db.prepare(
        'INSERT INTO credentials (id, token_hash, user_id, kind, label, created_at, expires_at, session_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      getCredential: db.prepare(`SELECT ${CREDENTIAL_COLUMNS} FROM credentials WHERE token_hash = ? AND expires_at > ?`),
      deleteCredential: db.prepare('DELETE FROM credentials WHERE token_hash = ?'),
      insertDraft: db.prepare(
        'INSERT INTO drafts (id, group_id, title, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      getDraft: db.prepare('SELECT * FROM drafts WHERE id = ?'),
      listDrafts: db.prepare('SELECT * FROM drafts WHERE group_id = ? ORDER BY created_at DESC, rowid DESC'),
      setPhase: db.prepare('UPDATE drafts SET phase = ?, comment_deadline = ?, updated_at = ? WHERE id = ?'),
      setTextMode: db.prepare('UPDATE drafts SET text_mode = ?, updated_at = ? WHERE id = ?'),
      appendAudit: db.prepare(
        'INSERT INTO audit_log (at, action, group_id, actor_id, actor_name, target, address, data) VALUES (@at, @action, @groupId, @actorId, @actorName, @target, @address, @data)',
      ),
      listAudit: db.prepare('SELECT * FROM audit_log WHERE (@action IS NULL OR action = @action) AND id < @before ORDER BY id DESC LIMIT @limit'),
      setRole: db.prepare('UPDATE users SET role = ?, state_code = ? WHERE id = ?'),
    }
  }

  async upsertMemberStates(states: readonly MemberState[]): Promise<void> {
    this.db.transaction(() => {
      for (const s of states) this.stmt.upsertState.run(s.code, s.name)
    })()
  }

  async listMemberStates(): Promise<MemberState[]> {
    return this.stmt.listStates.all() as MemberState[]
  }

  async getMemberState(code: string): Promise<MemberState | null> {
    return (this.stmt.getState.get(code) as MemberState | undefined) ?? null
  }

  async createGroup(group: Omit<WorkingGroup, 'id' | 'createdAt'>): Promise<WorkingGroup> {
    const created: WorkingGroup = { ...group, id: newId(), createdAt: new Date().toISOString() }
    this.stmt.insertGroup.run(created.id, created.slug, created.name, created.mandate, created.createdAt)
    return created
  }

  async getGroup(id: string): Promise<WorkingGroup | null> {
    const row = this.stmt.getGroup.get(id) as GroupRow | undefined
    return row ? toGroup(row) : null
  }

  async getGroupBySlug(slug: string): Promise<WorkingGroup | null> {
    const row = this.stmt.getGroupBySlug.get(slug) as GroupRow | undefined
    return row ? toGroup(row) : null
  }

  async listGroups(): Promise<WorkingGroup[]> {
    return (this.stmt.listGroups.all() as GroupRow[]).map(toGroup)
  }

  async addMember(groupId: string, userId: string): Promise<void> {
    this.stmt.addMember.run(groupId, userId)
  }

  async isMember(groupId: string, userId: string): Promise<boolean> {
    return this.stmt.isMember.get(groupId, userId) !== undefined
  }

  async listUserGroups(userId: string): Promise<WorkingGroup[]> {
    return (this.stmt.userGroups.all(userId) as GroupRow[]).map(toGroup)
  }

  async createUser(user: NewUser): Promise<User> {
    const created: User = { ...user, id: newId(), createdAt: new Date().toISOString() }
    try {
      this.stmt.insertUser.run(
        created.id,
        created.username,
        created.displayName,
        created.role,
        created.stateCode,
        created.passwordHash,
        created.createdAt,
      )
    } catch (error) {
      if (error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new UsernameTakenError(user.username)
      }
      throw error
    }
    return created
  }

  async getUser(id: string): Promise<User | null> {
    const row = this.stmt.getUser.get(id) as UserRow | undefined
    return row ? toUser(row) : null
  }

  async getUserByUsername(username: string): Promise<User | null> {
    const row = this.stmt.getUserByName.get(username) as UserRow | undefined
    return row ? toUser(row) : null
  }

  async listUsers(groupId?: string): Promise<User[]> {
    const rows = (groupId ? this.stmt.listGroupUsers.all(groupId) : this.stmt.listUsers.all()) as UserRow[]
    return rows.map(toUser)
  }

  async createCredential(c: Credential): Promise<void> {
    this.stmt.insertCredential.run(c.id, c.tokenHash, c.userId, c.kind, c.label, c.createdAt, c.expiresAt, c.sessionHash)
  }

  async getCredential(tokenHash: string, now: Date): Promise<Credential | null> {
    const row = this.stmt.getCredential.get(tokenHash, now.toISOString()) as CredentialRow | undefined
    return row ? toCredential(row) : null
  }

  async deleteCredential(tokenHash: string): Promise<void> {
    this.stmt.deleteCredential.run(tokenHash)
  }

  async createDraft(
    draft: Omit<Draft, 'createdAt' | 'updatedAt' | 'phase' | 'commentDeadline' | 'textMode'>,
    initialState: Uint8Array,
  ): Promise<Draft> {
    const now = new Date().toISOString()
    this.db.transaction(() => {
      this.stmt.insertDraft.run(draft.id, draft.groupId, draft.title, draft.createdBy, now, now)
      this.docs.writeInitial(draft.id, initialState, now)
    })()
    return { ...draft, phase: 'drafting', commentDeadline: null, textMode: 'edit', createdAt: now, updatedAt: now }
  }

  async getDraft(id: string): Promise<Draft | null> {
    const row = this.stmt.getDraft.get(id) as DraftRow | undefined
    return row ? toDraft(row) : null
  }

  async listDrafts(groupId: string): Promise<Draft[]> {
    return (this.stmt.listDrafts.all(groupId) as DraftRow[]).map(toDraft)
  }

  async setDraftPhase(id: string, phase: Phase, commentDeadline: string | null): Promise<Draft | null> {
    this.stmt.setPhase.run(phase, commentDeadline, new Date().toISOString(), id)
    return this.getDraft(id)
  }

  async setDraftTextMode(id: string, textMode: TextMode): Promise<Draft | null> {
    this.stmt.setTextMode.run(textMode, new Date().toISOString(), id)
    return this.getDraft(id)
  }

  async withSetupLock<T>(fn: () => Promise<T>): Promise<T> {
    // One process owns a SQLite file.
    return fn()
  }

  async appendAudit(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    this.stmt.appendAudit.run({ ...entry, data: JSON.stringify(entry.data) })
  }

  async listAudit(filter: { readonly action?: string; readonly limit: number; readonly before?: number }): Promise<AuditEntry[]> {
    const rows = this.stmt.listAudit.all({ action: filter.action ?? null, before: filter.before ?? Number.MAX_SAFE_INTEGER, limit: filter.limit }) as AuditRow[]
    return rows.map(toAuditEntry)
  }

  async setUserRole(userId: string, role: Role, stateCode: string | null): Promise<User | null> {
    this.stmt.setRole.run(role, stateCode, userId)
    return this.getUser(userId)
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close()
  }
}
