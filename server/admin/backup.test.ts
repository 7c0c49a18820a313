import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { clausesMap, readClauses } from '../../shared/draft/ydoc'
import { loadStoredDoc } from '../services/drafts'
import { SqliteStorage } from '../storage/sqlite/SqliteStorage'
import { buildDraft, buildGroup, buildUser } from '../testing/factories'
import { restoreDatabase } from './backup'
import { runAdmin } from './commands'

const ROOT = path.resolve(import.meta.dirname, '../..')
let dir: string
let file: string

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'provisio-backup-'))
  file = path.join(dir, 'provisio.sqlite')
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

async function seeded() {
  const storage = new SqliteStorage(file)
  const group = await buildGroup(storage, { slug: 'wg' })
  const secretariat = await buildUser(storage, { role: 'secretariat', group })
  const draft = await buildDraft(storage, secretariat, { title: 'To be kept' })
  // One more change in the update log, beyond the snapshot.
  const doc = await loadStoredDoc(storage, draft.id)
  const before = Y.encodeStateVector(doc)
  const heading = clausesMap(doc).get(readClauses(doc)[1]?.id ?? '')?.get('heading')
  if (heading instanceof Y.Text) heading.insert(0, 'Logged: ')
  await storage.docs.append(draft.id, Y.encodeStateAsUpdate(doc, before))
  return { storage, group, secretariat, draft }
}

describe('backup and restore', () => {
  it('backs up the live database and restores it, losing what came after the backup', async () => {
    const { storage, draft } = await seeded()
    const backup = path.join(dir, 'backups', 'b1.sqlite')
    expect(await runAdmin(['backup', backup], storage, storage)).toMatchObject({ code: 0 })
    await buildUser(storage, { username: 'after-backup', role: 'observer' })
    await storage.close()

    restoreDatabase(backup, file)
    const restored = new SqliteStorage(file)
    expect(await restored.getUserByUsername('after-backup')).toBeNull()
    const doc = await loadStoredDoc(restored, draft.id)
    expect(readClauses(doc)[1]?.heading).toBe('Logged: Test provision 1')
    expect(restored.db.pragma('integrity_check', { simple: true })).toBe('ok')
    await restored.close()
  })

  it('refuses to restore from a file that is not an intact Provisio database, and leaves the database alone', async () => {
    const { storage } = await seeded()
    await storage.close()
    const junk = path.join(dir, 'junk.sqlite')
    fs.writeFileSync(junk, 'definitely not sqlite')
    expect(() => restoreDatabase(junk, file)).toThrow(/not a SQLite database/)
    expect(() => restoreDatabase(path.join(dir, 'missing.sqlite'), file)).toThrow(/No such file/)
    const other = path.join(dir, 'other.sqlite')
    const foreign = new Database(other)
    foreign.exec('CREATE TABLE t (x)')
    foreign.close()
    expect(() => restoreDatabase(other, file)).toThrow(/not a Provisio database/)
    const reopened = new SqliteStorage(file)
    expect((await reopened.listGroups()).map((g) => g.slug)).toEqual(['wg'])
    await reopened.close()
  })

  it('restores through the real CLI, and explains a bad call', () => {
    const env = { ...process.env, DATA_DIR: dir }
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'server/admin/cli.ts', ...args], { cwd: ROOT, env, encoding: 'utf8' })
    expect(run('group', 'add', '--slug', 'wg', '--name', 'WG').status).toBe(0)
    const backup = path.join(dir, 'b.sqlite')
    expect(run('backup', backup).stdout).toContain('Backed up')
    expect(run('group', 'add', '--slug', 'later', '--name', 'Later').status).toBe(0)
    const restore = run('restore', backup)
    expect(restore.status).toBe(0)
    expect(restore.stdout).toContain('Restored')
    expect(run('group', 'list').stdout).not.toContain('later')
    // The database it replaced is kept, with what came after the backup.
    const kept = /kept as (\S+provisio\.sqlite\.replaced-[\dT-]+Z)\./.exec(restore.stdout)?.[1] ?? ''
    expect(fs.existsSync(kept)).toBe(true)
    const old = new Database(kept, { readonly: true })
    expect(old.prepare('SELECT slug FROM working_groups ORDER BY slug').all()).toEqual([{ slug: 'later' }, { slug: 'wg' }])
    old.close()
    const bad = run('restore', path.join(dir, 'nope.sqlite'))
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('No such file')
  })
})

describe('export-draft and import-draft', () => {
  it('round-trips a draft (metadata and Yjs state) into another working group', async () => {
    const { storage, draft } = await seeded()
    const other = await buildGroup(storage, { slug: 'other' })
    await buildUser(storage, { username: 'other-sec', role: 'secretariat', group: other })
    const out = path.join(dir, 'draft.json')
    expect((await runAdmin(['export-draft', draft.id, out], storage)).code).toBe(0)
    const imported = await runAdmin(['import-draft', out, '--group', 'other'], storage)
    expect(imported.code).toBe(0)
    const [copy] = await storage.listDrafts(other.id)
    expect(copy?.id).not.toBe(draft.id)
    expect(copy?.title).toBe('To be kept')
    const original = readClauses(await loadStoredDoc(storage, draft.id))
    expect(readClauses(await loadStoredDoc(storage, copy?.id ?? ''))).toEqual(original)
    await storage.close()
  })

  it('refuses a tampered or foreign export with a clear message', async () => {
    const { storage, draft } = await seeded()
    const out = path.join(dir, 'draft.json')
    await runAdmin(['export-draft', draft.id, out], storage)
    const data = JSON.parse(fs.readFileSync(out, 'utf8')) as { clauses: number; format: string }
    fs.writeFileSync(out, JSON.stringify({ ...data, clauses: data.clauses + 1 }))
    expect((await runAdmin(['import-draft', out], storage)).out[0]).toMatch(/says 4 clauses but its state holds 3/)
    fs.writeFileSync(out, JSON.stringify({ ...data, format: 'something-else' }))
    expect(await runAdmin(['import-draft', out], storage)).toMatchObject({ code: 2, out: [expect.stringMatching(/Not a Provisio draft export/)] })
    expect((await runAdmin(['export-draft', 'nosuch', out], storage)).code).toBe(2)
    await storage.close()
  })
})
