import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { verifyPassword } from '../auth/passwords'
import { createDraft } from '../services/drafts'
import type { User, WorkingGroup } from '../storage/Storage'
import { SqliteStorage } from '../storage/sqlite/SqliteStorage'
import { type AdminResult, USAGE, runAdmin } from './commands'

const STATES = [
  { code: 'KEN', name: 'Kenya' },
  { code: 'JPN', name: 'Japan' },
  { code: 'IND', name: 'India' },
]

let dir: string
let storage: SqliteStorage

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'provisio-admin-'))
  storage = new SqliteStorage(path.join(dir, 'provisio.sqlite'))
  await storage.upsertMemberStates(STATES)
})

afterEach(async () => {
  await storage.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const run = (...argv: string[]): Promise<AdminResult> => runAdmin(argv, storage)

/** Runs a command that must succeed and returns its output lines. */
async function ok(...argv: string[]): Promise<string[]> {
  const result = await run(...argv)
  expect(result.code, result.out.join('\n')).toBe(0)
  return result.out
}

async function addGroup(slug: string, name = `Group ${slug}`): Promise<WorkingGroup> {
  await ok('group', 'add', '--slug', slug, '--name', name)
  const group = await storage.getGroupBySlug(slug)
  if (!group) throw new Error(`group ${slug} missing`)
  return group
}

/** The argv of a valid `user add`, with flags overridden or removed (value null). */
function userAddArgs(overrides: Record<string, string | null> = {}): string[] {
  const flags: Record<string, string | null> = { username: 'amina', password: 'long enough passphrase', role: 'delegate', state: 'KEN', ...overrides }
  const argv = ['user', 'add']
  for (const [flag, value] of Object.entries(flags)) if (value !== null) argv.push(`--${flag}`, value)
  return argv
}

async function getUser(username: string): Promise<User> {
  const user = await storage.getUserByUsername(username)
  if (!user) throw new Error(`user ${username} missing`)
  return user
}

/** Asserts a usage error: exit code 2 and a message matching `pattern`. */
async function expectUsageError(argv: string[], pattern: RegExp): Promise<void> {
  const result = await runAdmin(argv, storage)
  expect(result.code).toBe(2)
  expect(result.out[0]).toMatch(/^Error: /)
  expect(result.out.join('\n')).toMatch(pattern)
}

describe('help', () => {
  it.each([[[]], [['help']], [['--help']], [['-h']], [['user', 'add', '--help']]])('prints the usage for %j', async (argv) => {
    expect(await runAdmin(argv, storage)).toEqual({ code: 0, out: [USAGE] })
  })

  it('names every command and role', () => {
    for (const text of ['user add', 'user list', 'group add', 'group list', 'draft list', 'secretariat', 'observer', '--state']) {
      expect(USAGE).toContain(text)
    }
  })
})

describe('group add / group list', () => {
  it('creates a group and lists groups oldest first', async () => {
    expect(await ok('group', 'add', '--slug', 'wg', '--name', 'Working Group on Cyberspace', '--mandate', 'Model provisions')).toEqual([
      'Created working group wg.',
    ])
    await addGroup('second', 'Second group')
    expect(await ok('group', 'list')).toEqual(['wg\tWorking Group on Cyberspace', 'second\tSecond group'])
    expect(await storage.getGroupBySlug('wg')).toMatchObject({ name: 'Working Group on Cyberspace', mandate: 'Model provisions' })
  })

  it('lists nothing when there is no group', async () => {
    expect(await ok('group', 'list')).toEqual([])
  })

  it('refuses an existing slug, a bad slug and a missing name', async () => {
    await addGroup('wg')
    await expectUsageError(['group', 'add', '--slug', 'wg', '--name', 'Again'], /"wg" exists/)
    await expectUsageError(['group', 'add', '--slug', 'Bad Slug!', '--name', 'X'], /slug/)
    await expectUsageError(['group', 'add', '--slug', 'other'], /--name is required/)
    await expectUsageError(['group', 'add', '--name', 'No slug'], /--slug is required/)
    expect(await storage.listGroups()).toHaveLength(1)
  })
})

describe('user add', () => {
  it('creates a delegate in the first group when no --group is given', async () => {
    const first = await addGroup('wg')
    const second = await addGroup('other')
    expect(await ok(...userAddArgs())).toEqual(['Created delegate "amina" (KEN) in wg.'])
    const user = await getUser('amina')
    expect(user).toMatchObject({ username: 'amina', displayName: 'amina', role: 'delegate', stateCode: 'KEN' })
    expect(await storage.isMember(first.id, user.id)).toBe(true)
    expect(await storage.isMember(second.id, user.id)).toBe(false)
  })

  it('creates a user in the group named by --group, with a display name', async () => {
    const first = await addGroup('wg')
    const second = await addGroup('other')
    expect(await ok(...userAddArgs({ username: 'rapp', role: 'rapporteur', state: null, group: 'other', name: '  Dr. Rapporteur ' }))).toEqual([
      'Created rapporteur "rapp" in other.',
    ])
    const user = await getUser('rapp')
    expect(user).toMatchObject({ displayName: 'Dr. Rapporteur', role: 'rapporteur', stateCode: null })
    expect(await storage.isMember(second.id, user.id)).toBe(true)
    expect(await storage.isMember(first.id, user.id)).toBe(false)
  })

  it('stores a password hash that verifies, and only for that password', async () => {
    await addGroup('wg')
    await ok(...userAddArgs({ password: 'long enough passphrase' }))
    const { passwordHash } = await getUser('amina')
    expect(passwordHash).not.toContain('long enough passphrase')
    expect(await verifyPassword('long enough passphrase', passwordHash)).toBe(true)
    expect(await verifyPassword('another long passphrase', passwordHash)).toBe(false)
  })

  it('accepts a lower-case State code', async () => {
    await addGroup('wg')
    await ok(...userAddArgs({ state: 'jpn' }))
    expect((await getUser('amina')).stateCode).toBe('JPN')
  })

  it.each(['secretariat', 'chair', 'rapporteur', 'observer'])('creates a %s without --state', async (role) => {
    await addGroup('wg')
    await ok(...userAddArgs({ username: role, role, state: null }))
    expect(await getUser(role)).toMatchObject({ role, stateCode: null })
  })

  describe('errors (exit code 2, nothing created)', () => {
    beforeEach(async () => {
      await addGroup('wg')
    })

    afterEach(async () => {
      expect((await storage.listUsers()).map((u) => u.username)).not.toContain('bad')
    })

    it('an unknown role', async () => {
      await expectUsageError(userAddArgs({ username: 'bad', role: 'emperor' }), /Unknown role "emperor"/)
    })

    it('an unknown State', async () => {
      await expectUsageError(userAddArgs({ username: 'bad', state: 'XYZ' }), /Unknown Member State "XYZ"/)
    })

    it('a delegate without --state', async () => {
      await expectUsageError(userAddArgs({ username: 'bad', state: null }), /delegate needs --state/)
      await expectUsageError(userAddArgs({ username: 'bad', state: '   ' }), /delegate needs --state/)
    })

    it('an unknown group, naming the known ones', async () => {
      await expectUsageError(userAddArgs({ username: 'bad', group: 'nope' }), /Unknown working group "nope"\. Known: wg\./)
    })

    it('a missing --password', async () => {
      await expectUsageError(userAddArgs({ username: 'bad', password: null }), /--password is required/)
    })

    it('a password that is no passphrase: shorter than 12 characters, one character repeated, or common', async () => {
      await expectUsageError(userAddArgs({ username: 'bad', password: 'longenough1' }), /--password: .*at least 12 characters/)
      await expectUsageError(userAddArgs({ username: 'bad', password: 'zzzzzzzzzzzzzzzz' }), /--password: .*one character repeated/)
      await expectUsageError(userAddArgs({ username: 'bad', password: 'Password2024!!' }), /--password: .*common passwords/)
      expect(await storage.getUserByUsername('bad')).toBeNull()
    })

    it('a missing --username or --role', async () => {
      await expectUsageError(userAddArgs({ username: null }), /--username is required/)
      await expectUsageError(userAddArgs({ username: 'bad', role: null }), /--role is required/)
    })

    it('a username with spaces or one character', async () => {
      await expectUsageError(userAddArgs({ username: 'bad name' }), /username/)
      await expectUsageError(userAddArgs({ username: 'b' }), /username/)
    })
  })

  it('refuses when there is no working group at all', async () => {
    await expectUsageError(userAddArgs(), /no working group yet/)
    expect(await storage.listUsers()).toEqual([])
  })

  it.each(['amina', 'AMINA', 'Amina'])('refuses a duplicate username in any case (%s)', async (username) => {
    await addGroup('wg')
    await ok(...userAddArgs())
    await expectUsageError(userAddArgs({ username, state: 'JPN' }), /username "[Aa][Mm][Ii][Nn][Aa]" is taken/i)
    const users = await storage.listUsers()
    expect(users).toHaveLength(1)
    expect(users[0]).toMatchObject({ username: 'amina', stateCode: 'KEN' })
  })

  it('does not give a State to a non-delegate', async () => {
    await addGroup('wg')
    const result = await run(...userAddArgs({ username: 'chair', role: 'chair', state: 'KEN' }))
    const user = await storage.getUserByUsername('chair')
    expect(result.code).toBe(2)
    expect(user).toBeNull()
  })

  it('stores the password exactly as given', async () => {
    await addGroup('wg')
    await ok(...userAddArgs({ password: '  spaced password  ' }))
    expect(await verifyPassword('  spaced password  ', (await getUser('amina')).passwordHash)).toBe(true)
  })
})

describe('user list', () => {
  it('lists all users by username, tab-separated', async () => {
    await addGroup('wg')
    await addGroup('other')
    await ok(...userAddArgs({ name: 'Amina Mohamed' }))
    await ok(...userAddArgs({ username: 'chair', role: 'chair', state: null, group: 'other' }))
    expect(await ok('user', 'list')).toEqual(['amina\tdelegate\tKEN\tAmina Mohamed', 'chair\tchair\t-\tchair'])
  })

  it('lists only the members of --group', async () => {
    await addGroup('wg')
    await addGroup('other')
    await ok(...userAddArgs())
    await ok(...userAddArgs({ username: 'chair', role: 'chair', state: null, group: 'other' }))
    expect(await ok('user', 'list', '--group', 'other')).toEqual(['chair\tchair\t-\tchair'])
    expect(await ok('user', 'list', '--group', 'wg')).toEqual(['amina\tdelegate\tKEN\tamina'])
    await expectUsageError(['user', 'list', '--group', 'nope'], /Unknown working group "nope"/)
  })

  it('lists nothing on an empty database', async () => {
    expect(await ok('user', 'list')).toEqual([])
  })
})

describe('draft list', () => {
  it('lists drafts with id, group, phase and title', async () => {
    await addGroup('wg')
    await addGroup('other')
    await ok(...userAddArgs({ username: 'rapp', role: 'rapporteur', state: null }))
    const author = await getUser('rapp')
    const draft = await createDraft(storage, author, {
      title: 'Model provisions on cybercrime',
      clauses: [{ kind: 'article', heading: 'Scope', text: 'These provisions apply.' }],
    })
    const line = expect.stringMatching(new RegExp(`^${draft.id}\twg\tdrafting\t\\d+ B / \\? items\tModel provisions on cybercrime$`))
    expect(await ok('draft', 'list')).toEqual([line])
    expect(await ok('draft', 'list', '--group', 'wg')).toEqual([line])
    expect(await ok('draft', 'list', '--group', 'other')).toEqual([])
    await expectUsageError(['draft', 'list', '--group', 'nope'], /Unknown working group "nope"/)
  })

  it('lists nothing without drafts', async () => {
    await addGroup('wg')
    expect(await ok('draft', 'list')).toEqual([])
  })
})

describe('bad invocations', () => {
  it('an unknown command prints the usage', async () => {
    await expectUsageError(['frobnicate'], /Unknown command "frobnicate"/)
    const result = await run('user', 'delete')
    expect(result.code).toBe(2)
    expect(result.out.join('\n')).toContain('Unknown command "user delete"')
    expect(result.out.join('\n')).toContain(USAGE)
  })

  it('an unknown option prints the usage', async () => {
    const result = await run('user', 'list', '--colour', 'red')
    expect(result.code).toBe(2)
    expect(result.out[0]).toMatch(/^Error: .*--colour/)
    expect(result.out).toContain(USAGE)
  })

  it('an option without its value', async () => {
    const result = await run('user', 'add', '--username')
    expect(result.code).toBe(2)
    expect(result.out[0]).toMatch(/^Error: .*--username/)
  })
})
