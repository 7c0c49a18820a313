import { type SpawnSyncReturns, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '../..')

let dataDir: string

/** Runs `npm run admin -- …` the way an operator would: a fresh process on $DATA_DIR. */
function admin(...args: string[]): SpawnSyncReturns<string> {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/admin/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  })
  if (result.error) throw result.error
  return result
}

// One data folder for the whole file: each step relies on what the previous process stored.
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'provisio-cli-'))
})

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('admin CLI (real process)', () => {
  it('refuses to add a user before any working group exists', () => {
    const result = admin('user', 'add', '--username', 'early', '--password', 'long enough passphrase', '--role', 'chair')
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/no working group yet/)
  })

  it('adds a group, then a delegate in it', () => {
    const group = admin('group', 'add', '--slug', 'wg', '--name', 'WG')
    expect(group.status, group.stderr).toBe(0)
    expect(group.stdout).toContain('Created working group wg.')

    const user = admin('user', 'add', '--username', 'amina', '--password', 'long enough passphrase', '--role', 'delegate', '--state', 'KEN')
    expect(user.status, user.stderr).toBe(0)
    expect(user.stdout).toContain('Created')
    expect(user.stdout).toContain('"amina" (KEN) in wg')
    expect(fs.existsSync(path.join(dataDir, 'provisio.sqlite'))).toBe(true)
  })

  it('exits 2 with the reason on stderr for an unknown role', () => {
    const result = admin('user', 'add', '--username', 'nero', '--password', 'long enough passphrase', '--role', 'emperor')
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('Unknown role')
    expect(result.stdout).toBe('')
  })

  it('exits 2 naming the rule for a password that is no passphrase, and stores no user', () => {
    const result = admin('user', 'add', '--username', 'weak', '--password', 'provisio2024!', '--role', 'chair')
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('common passwords')
    expect(result.stdout).toBe('')
    expect(admin('user', 'list').stdout).not.toContain('weak')
  })

  it('lists the users stored by the earlier processes', () => {
    const result = admin('user', 'list')
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^amina\tdelegate\tKEN\tamina$/m)
    expect(result.stdout).not.toContain('nero')
  })
})
