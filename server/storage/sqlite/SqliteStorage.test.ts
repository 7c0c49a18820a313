import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
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
import { MIGRATIONS, migrate } from './migrate'
import { SqliteStorage, type SqliteOptions } from './SqliteStorage'

const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'provisio-sqlite-'))

/** A storage on a file of its own (WAL, as the server runs it), removed afterwards. */
const onFile = async () => {
  const dir = tempDir()
  const storage = new SqliteStorage(path.join(dir, 'provisio.db'))
  return {
    storage,
    cleanup: async () => {
      await storage.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

storageContractSuite('sqlite', onFile)
docStoreContractSuite('sqlite', onFile)

revisionStoreContractSuite('sqlite', async () => new SqliteStorage(':memory:'))
reportStoreContractSuite('sqlite', async () => new SqliteStorage(':memory:'))
threadStoreContractSuite('sqlite', async () => new SqliteStorage(':memory:'))
suggestionStoreContractSuite('sqlite', async () => new SqliteStorage(':memory:'))
agreementStoreContractSuite('sqlite', async () => new SqliteStorage(':memory:'))
clauseStatusStoreContractSuite('sqlite', async () => new SqliteStorage(':memory:'))
meetingStoreContractSuite('sqlite', async () => new SqliteStorage(':memory:'))

describe('SqliteStorage', () => {
  let dir: string
  let file: string
  let opened: SqliteStorage[]

  // Every handle a test opens is closed afterwards, even when the test fails half-way.
  const open = (options?: SqliteOptions): SqliteStorage => {
    const storage = new SqliteStorage(file, options)
    opened.push(storage)
    return storage
  }

  interface MigrationRow {
    version: number
    name: string
    applied_at: string
  }
  const migrationRows = (storage: SqliteStorage): MigrationRow[] =>
    storage.db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as MigrationRow[]

  beforeEach(() => {
    dir = tempDir()
    file = path.join(dir, 'nested', 'provisio.db')
    opened = []
  })

  afterEach(async () => {
    for (const storage of opened) await storage.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('creates the folder of the database file and runs in WAL mode', () => {
    const storage = open()
    expect(fs.existsSync(file)).toBe(true)
    expect(storage.db.pragma('journal_mode', { simple: true })).toBe('wal')
  })

  it('enforces foreign keys', () => {
    const storage = open()
    expect(storage.db.pragma('foreign_keys', { simple: true })).toBe(1)
  })

  it('syncs FULL by default and NORMAL on request', async () => {
    const full = open()
    expect(full.db.pragma('synchronous', { simple: true })).toBe(2)
    await full.close()
    const normal = open({ synchronous: 'NORMAL' })
    expect(normal.db.pragma('synchronous', { simple: true })).toBe(1)
  })

  it('records every migration in schema_migrations', () => {
    const storage = open()
    const rows = migrationRows(storage)
    expect(rows.map(({ version, name }) => ({ version, name }))).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })))
    for (const row of rows) expect(Number.isNaN(Date.parse(row.applied_at))).toBe(false)
  })

  it('does not re-run migrations on an up-to-date database', () => {
    const storage = open()
    const before = migrationRows(storage)
    expect(migrate(storage.db)).toBe(MIGRATIONS.at(-1)?.version)
    expect(migrationRows(storage)).toEqual(before)
  })

  it('keeps its data and its migration record across a reopen of the same file', async () => {
    const first = open()
    const before = migrationRows(first)
    const group = await first.createGroup({ slug: 'wg', name: 'Working group', mandate: '' })
    const user = await first.createUser({
      username: 'secretariat',
      displayName: 'Secretariat',
      role: 'secretariat',
      stateCode: null,
      passwordHash: 'hash',
    })
    await first.addMember(group.id, user.id)
    const doc = new Y.Doc()
    doc.getText('body').insert(0, 'Article 1.')
    const draft = await first.createDraft(
      { id: newId(), groupId: group.id, title: 'Model provisions', createdBy: user.id },
      Y.encodeStateAsUpdate(doc),
    )
    const stateVector = Y.encodeStateVector(doc)
    doc.getText('body').insert(10, ' Scope.')
    const lastUpdateId = await first.docs.append(draft.id, Y.encodeStateAsUpdate(doc, stateVector))
    await first.close()

    // Re-running the version 1 migration would fail on CREATE TABLE, so reopening proves it was skipped.
    const second = open()
    expect(migrationRows(second)).toEqual(before)
    expect(await second.getGroupBySlug('wg')).toEqual(group)
    expect(await second.getUserByUsername('secretariat')).toEqual(user)
    expect(await second.isMember(group.id, user.id)).toBe(true)
    expect(await second.getDraft(draft.id)).toEqual(draft)
    const stored = await second.docs.load(draft.id)
    expect(stored.lastUpdateId).toBe(lastUpdateId)
    const reloaded = new Y.Doc()
    if (stored.snapshot) Y.applyUpdate(reloaded, stored.snapshot)
    for (const update of stored.updates) Y.applyUpdate(reloaded, update)
    expect(reloaded.getText('body').toString()).toBe('Article 1. Scope.')
  })
})
