import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { newId } from '../../../shared/ids'
import type { Phase, Role } from '../../../shared/permissions'
import {
  type AuditEntry,
  type Credential,
  type DocStats,
  type DraftHealth,
  type StoredUpdate,
  type Draft,
  type MemberState,
  type NewUser,
  type Storage,
  type StoredDoc,
  type User,
  UsernameTakenError,
  type WorkingGroup,
} from '../Storage'
import { migrate } from './migrations'
import { SqliteThreadStore } from './SqliteThreadStore'
import { SqliteRevisionStore } from './SqliteRevisionStore'
import { SqliteReportStore } from './SqliteReportStore'
import { SqliteDraftHealth } from './SqliteDraftHealth'

import { type CredentialRow, type DraftRow, type GroupRow, type UserRow, toCredential, toDraft, toGroup, toUser } from '../rows/coreRows'

const bytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)

export interface SqliteOptions {
  /** `FULL` survives power loss; `NORMAL` (WAL) survives a process crash and is faster. */
  readonly synchronous?: 'FULL' | 'NORMAL'
}

/** Storage on one SQLite file in WAL mode (better-sqlite3: synchronous calls, so each write is durable on return). */
export class SqliteStorage implements Storage {
  readonly db: Database.Database
  readonly threads: SqliteThreadStore
  readonly revisions: SqliteRevisionStore
  readonly reports: SqliteReportStore
  private readonly stmt
  private readonly health: SqliteDraftHealth

  constructor(readonly file: string, options: SqliteOptions = {}) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true })
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`)
    this.db.pragma('foreign_keys = ON')
    this.db.pragma('busy_timeout = 5000')
    migrate(this.db)
    this.threads = new SqliteThreadStore(this.db)
    this.revisions = new SqliteRevisionStore(this.db)
    this.reports = new SqliteReportStore(this.db)
    this.health = new SqliteDraftHealth(this.db)
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
        'INSERT INTO credentials (token_hash, user_id, kind, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      getCredential: db.prepare('SELECT * FROM credentials WHERE token_hash = ? AND expires_at > ?'),
      deleteCredential: db.prepare('DELETE FROM credentials WHERE token_hash = ?'),
      insertDraft: db.prepare(
        'INSERT INTO drafts (id, group_id, title, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      getDraft: db.prepare('SELECT * FROM drafts WHERE id = ?'),
      listDrafts: db.prepare('SELECT * FROM drafts WHERE group_id = ? ORDER BY created_at DESC, rowid DESC'),
      setPhase: db.prepare('UPDATE drafts SET phase = ?, comment_deadline = ?, updated_at = ? WHERE id = ?'),
      getSnapshot: db.prepare('SELECT data, through_update_id FROM doc_snapshots WHERE draft_id = ?'),
      upsertSnapshot: db.prepare(
        `INSERT INTO doc_snapshots (draft_id, data, through_update_id, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(draft_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at,
           through_update_id = MAX(doc_snapshots.through_update_id, excluded.through_update_id)`,
      ),
      // Just the blobs (pluck): a cold open of a long log spends most of its read building row objects.
      listUpdates: db.prepare('SELECT data FROM doc_updates WHERE draft_id = ? ORDER BY id').pluck(),
      listUpdatesSince: db.prepare('SELECT id, data FROM doc_updates WHERE draft_id = ? AND id > ? ORDER BY id'),
      lastUpdateId: db.prepare('SELECT MAX(id) FROM doc_updates WHERE draft_id = ?').pluck(),
      appendUpdate: db.prepare('INSERT INTO doc_updates (draft_id, data) VALUES (?, ?)'),
      deleteUpdates: db.prepare('DELETE FROM doc_updates WHERE draft_id = ? AND id <= ?'),
      updateStats: db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(length(data)), 0) AS bytes FROM doc_updates WHERE draft_id = ?'),
      appendAudit: db.prepare(
        'INSERT INTO audit_log (at, action, actor_id, actor_name, target, address, data) VALUES (@at, @action, @actorId, @actorName, @target, @address, @data)',
      ),
      listAudit: db.prepare('SELECT * FROM audit_log WHERE (@action IS NULL OR action = @action) AND id < @before ORDER BY id DESC LIMIT @limit'),
      setRole: db.prepare('UPDATE users SET role = ?, state_code = ? WHERE id = ?'),
      snapshotBytes: db.prepare('SELECT COALESCE(SUM(length(data)), 0) AS bytes FROM doc_snapshots WHERE draft_id = ?'),
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
    this.stmt.insertCredential.run(c.tokenHash, c.userId, c.kind, c.label, c.createdAt, c.expiresAt)
  }

  async getCredential(tokenHash: string, now: Date): Promise<Credential | null> {
    const row = this.stmt.getCredential.get(tokenHash, now.toISOString()) as CredentialRow | undefined
    return row ? toCredential(row) : null
  }

  async deleteCredential(tokenHash: string): Promise<void> {
    this.stmt.deleteCredential.run(tokenHash)
  }

  async createDraft(
    draft: Omit<Draft, 'createdAt' | 'updatedAt' | 'phase' | 'commentDeadline'>,
    initialState: Uint8Array,
  ): Promise<Draft> {
    const now = new Date().toISOString()
    this.db.transaction(() => {
      this.stmt.insertDraft.run(draft.id, draft.groupId, draft.title, draft.createdBy, now, now)
      this.stmt.upsertSnapshot.run(draft.id, initialState, 0, now)
    })()
    return { ...draft, phase: 'drafting', commentDeadline: null, createdAt: now, updatedAt: now }
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

  async loadDoc(draftId: string): Promise<StoredDoc> {
    return this.db.transaction(() => {
      const snapshot = this.stmt.getSnapshot.get(draftId) as { data: Buffer; through_update_id: number } | undefined
      const rows = this.stmt.listUpdates.all(draftId) as Buffer[]
      const lastUpdateId = this.stmt.lastUpdateId.get(draftId) as number | null
      return {
        snapshot: snapshot ? bytes(snapshot.data) : null,
        updates: rows.map(bytes),
        lastUpdateId: lastUpdateId ?? snapshot?.through_update_id ?? 0,
      }
    })()
  }

  async appendUpdate(draftId: string, update: Uint8Array): Promise<number> {
    return Number(this.stmt.appendUpdate.run(draftId, update).lastInsertRowid)
  }

  async compact(draftId: string, snapshot: Uint8Array, throughUpdateId: number): Promise<void> {
    this.db.transaction(() => {
      this.stmt.upsertSnapshot.run(draftId, snapshot, throughUpdateId, new Date().toISOString())
      this.stmt.deleteUpdates.run(draftId, throughUpdateId)
    })()
  }

  async loadDocSince(draftId: string, afterId: number, options: { readonly everyUpdate?: boolean } = {}): Promise<StoredDoc> {
    return this.db.transaction(() => {
      const snapshot = this.stmt.getSnapshot.get(draftId) as { data: Buffer; through_update_id: number } | undefined
      const rows = this.stmt.listUpdatesSince.all(draftId, options.everyUpdate ? 0 : afterId) as { id: number; data: Buffer }[]
      const newer = snapshot && snapshot.through_update_id > afterId ? snapshot : null
      return {
        snapshot: newer ? bytes(newer.data) : null,
        updates: rows.map((r) => bytes(r.data)),
        lastUpdateId: Math.max(afterId, rows.at(-1)?.id ?? 0, newer?.through_update_id ?? 0),
      }
    })()
  }

  async withCompactionLock(_draftId: string, fn: () => Promise<void>): Promise<boolean> {
    // One process owns a SQLite file: nobody to exclude.
    await fn()
    return true
  }

  async withSetupLock<T>(fn: () => Promise<T>): Promise<T> {
    // One process owns a SQLite file.
    return fn()
  }

  async docStats(draftId: string): Promise<DocStats> {
    const u = this.stmt.updateStats.get(draftId) as { n: number; bytes: number }
    const s = this.stmt.snapshotBytes.get(draftId) as { bytes: number }
    return { updates: u.n, updateBytes: u.bytes, snapshotBytes: s.bytes }
  }

  listDocUpdates(draftId: string): Promise<StoredUpdate[]> {
    return this.health.listDocUpdates(draftId)
  }

  dropDocUpdates(draftId: string, ids: readonly number[]): Promise<number> {
    return this.health.dropDocUpdates(draftId, ids)
  }

  recordDraftSize(draftId: string, size: { readonly bytes: number; readonly items: number }): Promise<void> {
    return this.health.recordDraftSize(draftId, size)
  }

  setDraftDamage(draftId: string, damage: string | null): Promise<void> {
    return this.health.setDraftDamage(draftId, damage)
  }

  getDraftHealth(draftId: string): Promise<DraftHealth | null> {
    return this.health.getDraftHealth(draftId)
  }

  async appendAudit(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    this.stmt.appendAudit.run({ ...entry, data: JSON.stringify(entry.data) })
  }

  async listAudit(filter: { readonly action?: string; readonly limit: number; readonly before?: number }): Promise<AuditEntry[]> {
    const rows = this.stmt.listAudit.all({ action: filter.action ?? null, before: filter.before ?? Number.MAX_SAFE_INTEGER, limit: filter.limit }) as {
      id: number
      at: string
      action: string
      actor_id: string | null
      actor_name: string | null
      target: string | null
      address: string | null
      data: string
    }[]
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      actorId: r.actor_id,
      actorName: r.actor_name,
      target: r.target,
      address: r.address,
      data: JSON.parse(r.data) as Record<string, unknown>,
    }))
  }

  async setUserRole(userId: string, role: Role, stateCode: string | null): Promise<User | null> {
    this.stmt.setRole.run(role, stateCode, userId)
    return this.getUser(userId)
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close()
  }
}
