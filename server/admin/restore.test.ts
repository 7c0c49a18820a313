import { type SpawnSyncReturns, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LockHeldError, lockFile } from '../storage/sqlite/serverLock'
import { signIn } from '../testing/http'
import { newServer } from '../testing/newServer'
import { spawnServer } from '../testing/spawnServer'

const ROOT = path.resolve(import.meta.dirname, '../..')
const PASSWORD = 'restore test passphrase'
let dir: string

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'provisio-restore-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

/** `npm run admin -- …` in its own process on the test's data folder. */
function admin(...args: string[]): SpawnSyncReturns<string> {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/admin/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 60_000,
  })
  if (result.error) throw result.error
  return result
}

const slugs = (file: string): string[] => {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare('SELECT slug FROM working_groups ORDER BY slug').all() as { slug: string }[]).map((r) => r.slug)
  } finally {
    db.close()
  }
}
const replacedFiles = () => fs.readdirSync(dir).filter((f) => f.includes('.replaced-'))

describe('admin restore and the server lock', () => {
  it('refuses while a real server runs (nothing lost), takes over the lock of a killed one, and keeps the replaced database', async () => {
    expect(admin('group', 'add', '--slug', 'wg', '--name', 'WG').status).toBe(0)
    expect(admin('user', 'add', '--username', 'sec', '--password', PASSWORD, '--role', 'secretariat').status).toBe(0)
    const server = await spawnServer(dir, { DATABASE_URL: '' })
    expect(fs.readFileSync(lockFile(dir), 'utf8').trim()).toBe(String(server.child.pid))
    const backup = path.join(dir, 'b.sqlite')
    expect(admin('backup', backup).status).toBe(0)
    expect(admin('group', 'add', '--slug', 'later', '--name', 'Later').status).toBe(0)

    const refused = admin('restore', backup)
    expect(refused.status).toBe(2)
    expect(refused.stderr).toMatch(new RegExp(`in use by process ${server.child.pid ?? 0}.*stop the server first`))
    expect(replacedFiles()).toEqual([])
    expect(slugs(path.join(dir, 'provisio.sqlite'))).toEqual(['later', 'wg'])
    // The server is still serving from the database it holds.
    expect(await signIn(server.url, 'sec', PASSWORD)).toMatch(/=/)

    server.child.kill('SIGKILL')
    await server.exited
    expect(fs.existsSync(lockFile(dir))).toBe(true)
    const restored = admin('restore', backup)
    expect(restored.status, restored.stderr).toBe(0)
    const kept = /kept as (\S+)\.$/m.exec(restored.stdout)?.[1] ?? ''
    expect(path.basename(kept)).toMatch(/^provisio\.sqlite\.replaced-\d{4}-\d\d-\d\dT[\d-]+Z$/)
    expect(slugs(kept)).toEqual(['later', 'wg'])
    expect(slugs(path.join(dir, 'provisio.sqlite'))).toEqual(['wg'])
    expect(fs.existsSync(lockFile(dir))).toBe(false)

    // The server starts on the restored database.
    const again = await spawnServer(dir, { DATABASE_URL: '' })
    expect(await signIn(again.url, 'sec', PASSWORD)).toMatch(/=/)
  })

  it.skipIf(process.env.TEST_STORAGE === 'postgres')('lets one server at a time use a data folder; close removes the lock', async () => {
    const first = await newServer({}, dir)
    expect(fs.readFileSync(lockFile(dir), 'utf8').trim()).toBe(String(process.pid))
    await expect(newServer({}, dir)).rejects.toBeInstanceOf(LockHeldError)
    await first.server.close()
    expect(fs.existsSync(lockFile(dir))).toBe(false)
    const second = await newServer({}, dir)
    await second.server.close()
  })

  it('refuses a shell file, a file of another schema version and one missing a table, leaving the database alone', () => {
    expect(admin('group', 'add', '--slug', 'wg', '--name', 'WG').status).toBe(0)
    const shell = path.join(dir, 'shell.sqlite')
    const db = new Database(shell)
    db.exec('CREATE TABLE schema_migrations (version INTEGER); CREATE TABLE drafts (id TEXT); CREATE TABLE users (id TEXT)')
    db.close()
    expect(admin('restore', shell)).toMatchObject({ status: 2, stderr: expect.stringMatching(/schema version is 0/) })

    const variant = (name: string, sql: string) => {
      const file = path.join(dir, `${name}.sqlite`)
      expect(admin('backup', file).status).toBe(0)
      const copy = new Database(file)
      copy.exec(sql)
      copy.close()
      return file
    }
    const older = variant('older', 'DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)')
    expect(admin('restore', older)).toMatchObject({ status: 2, stderr: expect.stringMatching(/schema version is \d+ .*this Provisio's is/) })
    const newer = variant('newer', "INSERT INTO schema_migrations VALUES (999, 'future', '2099-01-01')")
    expect(admin('restore', newer)).toMatchObject({ status: 2, stderr: expect.stringMatching(/newer Provisio \(schema version 999/) })
    const gutted = variant('gutted', 'DROP TABLE access_changes')
    expect(admin('restore', gutted)).toMatchObject({ status: 2, stderr: expect.stringMatching(/no table access_changes/) })
    const narrowed = variant('narrowed', 'ALTER TABLE users DROP COLUMN disabled_at')
    expect(admin('restore', narrowed)).toMatchObject({ status: 2, stderr: expect.stringMatching(/users lacks the column\(s\) disabled_at/) })

    expect(replacedFiles()).toEqual([])
    expect(slugs(path.join(dir, 'provisio.sqlite'))).toEqual(['wg'])
    expect(admin('group', 'list').stdout).toContain('wg')
  })
})
