import { describe, expect, it, onTestFinished } from 'vitest'
import * as Y from 'yjs'
import { newId } from '../../../shared/ids'
import { agreementStoreContractSuite } from '../agreementContract'
import { clauseStatusStoreContractSuite } from '../clauseStatusContract'
import { docStoreContractSuite } from '../docsContract'
import { meetingStoreContractSuite } from '../meetingsContract'
import { reportStoreContractSuite } from '../reportsContract'
import { revisionStoreContractSuite } from '../revisionsContract'
import { storageContractSuite } from '../storageContract'
import { suggestionStoreContractSuite } from '../suggestionsContract'
import { threadStoreContractSuite } from '../threadsContract'
import type { NewEvent } from '../threads'
import { Client } from 'pg'
import { ensureMemberStates, seedDemoIfEmpty } from '../../services/demo'
import { waitFor } from '../../testing/waitFor'
import type { StoredDoc } from '../Storage'
import { all, first } from './db'
import { LockSpace } from './locks'
import { MIGRATIONS, migrate } from './migrate'
import { PgStorage, type PgOptions } from './PgStorage'
import { testDatabaseUrl, uniqueName, useTestDatabase } from './testing'

const adminUrl = testDatabaseUrl()
if (!adminUrl) {
  console.warn('PostgreSQL storage tests NOT RUN: TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres; .ci/run sets it).')
}

// One database for this file; every case gets a schema of its own in it, so each starts empty.
describe.skipIf(!adminUrl)('PostgreSQL storage', () => {
  const database = useTestDatabase(adminUrl)

  const connect = (options: PgOptions = {}): Promise<PgStorage> => PgStorage.connect(database.url, { schema: uniqueName('s'), max: 4, ...options })

  const connected = async () => {
    const storage = await connect()
    return { storage, cleanup: () => storage.close() }
  }
  storageContractSuite('postgres', connected)
  docStoreContractSuite('postgres', connected)
  revisionStoreContractSuite('postgres', () => connect())
  reportStoreContractSuite('postgres', () => connect())
  threadStoreContractSuite('postgres', () => connect())
  suggestionStoreContractSuite('postgres', () => connect())
  agreementStoreContractSuite('postgres', () => connect())
  clauseStatusStoreContractSuite('postgres', () => connect())
  meetingStoreContractSuite('postgres', () => connect())

  describe('PgStorage', () => {
    /** Opened in this test and closed after it, even when it fails half-way. */
    async function open(options: PgOptions = {}): Promise<PgStorage> {
      const storage = await connect(options)
      onTestFinished(() => storage.close())
      return storage
    }

    async function seedDraft(storage: PgStorage) {
      await storage.upsertMemberStates([{ code: 'KEN', name: 'Kenya' }])
      const group = await storage.createGroup({ slug: `wg-${newId(6)}`, name: 'WG', mandate: '' })
      const user = await storage.createUser({ username: `u-${newId(6)}`, displayName: 'U', role: 'rapporteur', stateCode: null, passwordHash: 'x' })
      await storage.addMember(group.id, user.id)
      const draft = await storage.createDraft({ id: newId(), groupId: group.id, title: 'T', createdBy: user.id }, new Uint8Array([0, 0]))
      return { group, user, draft }
    }

    it('lets one process at a time compact a draft (advisory lock): the other is told at once', async () => {
      const a = await open()
      const b = await open()
      const { draft } = await seedDraft(a)
      let release: () => void = () => undefined
      const held = new Promise<void>((resolve) => {
        release = resolve
      })
      let entered: () => void = () => undefined
      const inside = new Promise<void>((resolve) => {
        entered = resolve
      })
      const holder = a.docs.withCompactionLock(draft.id, async () => {
        entered()
        await held
      })
      await inside
      let ran = false
      expect(await b.docs.withCompactionLock(draft.id, async () => void (ran = true))).toBe(false)
      expect(await a.docs.withCompactionLock(`${draft.id}-other`, async () => undefined)).toBe(true)
      release()
      expect(await holder).toBe(true)
      expect(await b.docs.withCompactionLock(draft.id, async () => void (ran = true))).toBe(true)
      expect(ran).toBe(true)
    })

    const event = (draftId: string, actorId: string, overrides: Partial<NewEvent> = {}): NewEvent => ({
      draftId,
      type: 'thread.created',
      at: new Date().toISOString(),
      actorId,
      actorState: null,
      clauseId: 'c1',
      threadId: null,
      commentId: null,
      roundId: null,
      data: { note: 'Unicode “quotes” — ok', n: 1 },
      ...overrides,
    })

    interface MigrationRow {
      version: number
      name: string
      applied_at: string
    }
    const migrationRows = (storage: PgStorage) => all<MigrationRow>(storage.pool, 'SELECT version, name, applied_at FROM schema_migrations ORDER BY version')

    it('records every migration in schema_migrations, and re-running migrate() changes nothing', async () => {
      const schema = uniqueName('s')
      const storage = await open({ schema })
      const rows = await migrationRows(storage)
      expect(rows.map(({ version, name }) => ({ version, name }))).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })))
      for (const row of rows) expect(Number.isNaN(Date.parse(row.applied_at))).toBe(false)
      expect(await migrate(storage.pool, schema)).toBe(MIGRATIONS.at(-1)?.version)
      expect(await migrationRows(storage)).toEqual(rows)
      // Reconnecting (a restart) skips them too, and the data is still there: re-running 001 would fail on CREATE TABLE.
      const group = await storage.createGroup({ slug: 'kept', name: 'Kept', mandate: '' })
      const again = await open({ schema })
      expect(await migrationRows(again)).toEqual(rows)
      expect(await again.getGroupBySlug('kept')).toEqual(group)
    })

    it('migrates once when several processes start at the same time', async () => {
      const schema = uniqueName('s')
      const storages = await Promise.all(Array.from({ length: 4 }, () => open({ schema })))
      const rows = await migrationRows(storages[0] as PgStorage)
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version))
      // Each can use the schema.
      for (const storage of storages) await storage.createGroup({ slug: `wg-${newId(6)}`, name: 'WG', mandate: '' })
      expect(await (storages[3] as PgStorage).listGroups()).toHaveLength(4)
    })

    it('refuses, in the database itself, to change a saved revision or its clauses, or a report version', async () => {
      const storage = await open()
      const { draft, user } = await seedDraft(storage)
      await storage.revisions.createRevision({
        draftId: draft.id,
        label: 'one',
        title: 'T',
        createdBy: user.id,
        state: new Uint8Array([0, 0]),
        clauses: [{ id: 'a', kind: 'article', number: 1, label: 'Article 1', heading: 'H', status: 'proposed', text: 'x' }],
      })
      await storage.reports.createReport(
        { id: 'r1', draftId: draft.id },
        {
          version: 1,
          input: { title: 'R', session: '', place: '', date: '', sections: [], baseRevision: 1, compareTo: null, rounds: null },
          content: '{}',
          createdBy: user.id,
          createdAt: new Date().toISOString(),
        },
      )
      await expect(storage.pool.query("UPDATE revisions SET label = 'changed'")).rejects.toThrow(/revisions never change/)
      await expect(storage.pool.query("UPDATE revision_clauses SET text = 'changed'")).rejects.toThrow(/revisions never change/)
      await expect(storage.pool.query("UPDATE report_versions SET content = 'changed'")).rejects.toThrow(/report versions never change/)
      expect((await storage.revisions.getRevision(draft.id, 1))?.label).toBe('one')
      expect((await storage.revisions.revisionClauses(draft.id, 1))?.[0]?.text).toBe('x')
    })

    it('keeps the audit log append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
      const storage = await open()
      await storage.appendAudit({ at: new Date().toISOString(), action: 'session.signed-in', groupId: null, actorId: null, actorName: null, target: null, address: '127.0.0.1', data: { a: 1 } })
      await expect(storage.pool.query("UPDATE audit_log SET action = 'x'")).rejects.toThrow(/append-only/)
      await expect(storage.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/)
      await expect(storage.pool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/)
      const entries = await storage.listAudit({ limit: 10 })
      expect(entries).toMatchObject([{ action: 'session.signed-in', address: '127.0.0.1', data: { a: 1 } }])
      expect(typeof entries[0]?.id).toBe('number')
    })

    it('writes a thread change and its event together or not at all', async () => {
      const storage = await open()
      const { draft, user } = await seedDraft(storage)
      const at = new Date().toISOString()
      const thread = {
        id: newId(),
        draftId: draft.id,
        clauseId: 'c1',
        anchorStart: new Uint8Array([1, 2, 0, 255]),
        anchorEnd: null,
        quote: 'q',
        status: 'open' as const,
        authorId: user.id,
        authorState: null,
        roundId: null,
        createdAt: at,
        resolvedBy: null,
        resolvedAt: null,
        proposal: { text: 'New wording', base: 'Old wording', status: 'pending' as const, decidedBy: null, decidedAt: null, reason: null },
      }
      const comment = { id: newId(), threadId: thread.id, authorId: user.id, authorState: null, body: 'Hello', createdAt: at, editedAt: null, deletedAt: null }
      const created = await storage.threads.createThread(thread, comment, event(draft.id, user.id, { threadId: thread.id }))
      expect(typeof created.id).toBe('number')
      expect(await storage.threads.getThread(thread.id)).toEqual({ ...thread, anchorStart: thread.anchorStart })
      expect(Array.from((await storage.threads.getThread(thread.id))?.anchorStart ?? [])).toEqual([1, 2, 0, 255])

      // The second thread's comment reuses a taken id: the thread and the event must not stay either.
      const second = { ...thread, id: newId() }
      await expect(storage.threads.createThread(second, { ...comment, threadId: second.id }, event(draft.id, user.id, { threadId: second.id }))).rejects.toThrow()
      expect(await storage.threads.getThread(second.id)).toBeNull()
      expect(await storage.threads.listEvents(draft.id)).toEqual([created])
      // An event naming an unknown actor fails the change with it.
      await expect(storage.threads.setThreadStatus(thread.id, 'resolved', user.id, at, event(draft.id, 'no-such-user'))).rejects.toThrow()
      expect((await storage.threads.getThread(thread.id))?.status).toBe('open')
    })

    it('hands every connection back after failed transactions', async () => {
      const storage = await open({ max: 2 })
      const { draft, user } = await seedDraft(storage)
      for (let i = 0; i < 10; i++) {
        await expect(storage.createDraft({ id: draft.id, groupId: draft.groupId, title: 'dup', createdBy: user.id }, new Uint8Array([0, 0]))).rejects.toThrow()
      }
      expect(storage.pool.totalCount).toBeLessThanOrEqual(2)
      expect(await storage.getDraft(draft.id)).toEqual(draft)
    })

    it('shares one database between processes: an appended update is visible to another at once, ids stay increasing', async () => {
      const schema = uniqueName('s')
      const a = await open({ schema })
      const b = await open({ schema })
      const { draft } = await seedDraft(a)
      const doc = new Y.Doc()
      const ids: number[] = []
      for (const [i, storage] of [a, b, a, b].entries()) {
        const before = Y.encodeStateVector(doc)
        doc.getText('t').insert(0, String(i))
        ids.push(await storage.docs.append(draft.id, Y.encodeStateAsUpdate(doc, before)))
        expect((await (storage === a ? b : a).docs.load(draft.id)).lastUpdateId).toBe(ids.at(-1))
      }
      expect([...ids].sort((x, y) => x - y)).toEqual(ids)
    })

    it('fences the log: a compaction waits for an append in flight and reads it; appends wait for the compaction', async () => {
      const schema = uniqueName('s')
      const storage = await open({ schema })
      const { draft } = await seedDraft(storage)
      const doc = new Y.Doc()
      const next = (text: string): Uint8Array => {
        const before = Y.encodeStateVector(doc)
        doc.getText('t').insert(0, text)
        return Y.encodeStateAsUpdate(doc, before)
      }
      const waiting = async (): Promise<boolean> =>
        ((await first<{ n: number }>(storage.pool, "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"))?.n ?? 0) > 0

      // A peer's append in flight, as appendUpdate does it (fence shared) but left uncommitted.
      const peer = new Client({ connectionString: database.url, options: `-c search_path=${schema}` })
      await peer.connect()
      onTestFinished(() => peer.end())
      await peer.query('BEGIN')
      await peer.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2))', [LockSpace.logFence, draft.id])
      const lowId = (await peer.query<{ id: string }>('INSERT INTO doc_updates (draft_id, data) VALUES ($1, $2) RETURNING id', [draft.id, next('a')])).rows[0]?.id
      // An append with a higher id commits meanwhile (shared with shared: no wait).
      const highId = await storage.docs.append(draft.id, next('b'))
      expect(highId).toBeGreaterThan(Number(lowId))

      let read: StoredDoc | null = null
      let appended: Promise<number> | null = null
      const compaction = storage.docs.withCompactionLock(draft.id, async () => {
        read = await storage.docs.loadSince(draft.id, 0, { everyUpdate: true })
        // An append now waits for the compaction to finish.
        appended = storage.docs.append(draft.id, next('c'))
        await waitFor(waiting, { message: 'the append to wait for the fence' })
        await storage.docs.compact(draft.id, Y.encodeStateAsUpdate(doc), read.lastUpdateId)
      })
      await waitFor(waiting, { message: 'the compaction to wait for the append in flight' })
      expect(read).toBeNull()
      await peer.query('COMMIT')
      expect(await compaction).toBe(true)
      expect((read as StoredDoc | null)?.updates).toHaveLength(2)
      const thirdId = await (appended as Promise<number> | null)
      expect(thirdId).toBeGreaterThan(highId)
      const stored = await storage.docs.load(draft.id)
      expect(stored.updates).toHaveLength(1)
      const loaded = new Y.Doc()
      if (stored.snapshot) Y.applyUpdate(loaded, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(loaded, update)
      expect(loaded.getText('t').toString()).toBe('cba')
    })

    it('compacts many drafts at once on a small pool without starving it (each compaction needs two connections)', async () => {
      const storage = await open({ max: 2 })
      const drafts = await Promise.all(Array.from({ length: 6 }, () => seedDraft(storage)))
      const doc = new Y.Doc()
      doc.getText('t').insert(0, 'folded')
      for (const { draft } of drafts) await storage.docs.append(draft.id, Y.encodeStateAsUpdate(doc))
      const results = await Promise.all(
        drafts.map(({ draft }) =>
          storage.docs.withCompactionLock(draft.id, async () => {
            const read = await storage.docs.loadSince(draft.id, 0, { everyUpdate: true })
            await storage.docs.compact(draft.id, Y.encodeStateAsUpdate(doc), read.lastUpdateId)
          }),
        ),
      )
      expect(results).toEqual(drafts.map(() => true))
      for (const { draft } of drafts) expect((await storage.docs.load(draft.id)).updates).toEqual([])
    })

    it('loads the demo once when several processes start together on an empty database', async () => {
      const schema = uniqueName('s')
      const storages = await Promise.all(Array.from({ length: 3 }, () => open({ schema })))
      await ensureMemberStates(storages[0] as PgStorage)
      const results = await Promise.all(storages.map((storage) => seedDemoIfEmpty(storage)))
      expect(results.filter((r) => r !== null)).toHaveLength(1)
      const groups = await (storages[1] as PgStorage).listGroups()
      expect(groups).toHaveLength(1)
      expect(await (storages[2] as PgStorage).listDrafts(groups[0]?.id ?? '')).toHaveLength(1)
    })

    it('numbers revisions saved by two processes at once without a gap or a clash', async () => {
      const schema = uniqueName('s')
      const a = await open({ schema })
      const b = await open({ schema })
      const { draft, user } = await seedDraft(a)
      const made = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 ? a : b).revisions.createRevision({ draftId: draft.id, label: `r${i}`, title: 'T', createdBy: user.id, state: new Uint8Array([i]), clauses: [] }),
        ),
      )
      expect(made.map((r) => r.number).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    })

    it('orders users as SQLite NOCASE does and matches usernames ignoring ASCII case only', async () => {
      const storage = await open()
      const names = ['bob', 'Émile', 'Alice', '_under', 'carol', 'Zed']
      for (const username of names) await storage.createUser({ username, displayName: username, role: 'observer', stateCode: null, passwordHash: 'x' })
      expect((await storage.listUsers()).map((u) => u.username)).toEqual(['_under', 'Alice', 'bob', 'carol', 'Zed', 'Émile'])
      expect((await storage.getUserByUsername('ALICE'))?.username).toBe('Alice')
      // NOCASE folds ASCII letters only.
      expect(await storage.getUserByUsername('émile')).toBeNull()
      await expect(storage.createUser({ username: 'émile', displayName: 'e', role: 'observer', stateCode: null, passwordHash: 'x' })).resolves.toMatchObject({ username: 'émile' })
    })
  })
})
