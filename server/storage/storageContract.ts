import { describe, expect, it } from 'vitest'
import { newId } from '../../shared/ids'
import * as fixtures from './contractFixtures'
import { type StorageFactory, docFrom, eachCaseStorage, initialDoc, newGroup, newUser, plain, textOf } from './contractFixtures'
import { type Credential, type Draft, type Storage, UsernameTakenError } from './Storage'

export type { StorageFactory }

const HOUR_MS = 60 * 60 * 1000

const newCredential = (userId: string, overrides: Partial<Credential> = {}): Credential => ({
  id: newId(),
  tokenHash: newId(32),
  sessionHash: null,
  userId,
  kind: 'session',
  label: null,
  createdAt: new Date('2030-01-01T00:00:00.000Z').toISOString(),
  expiresAt: new Date('2030-01-02T00:00:00.000Z').toISOString(),
  ...overrides,
})

const isIsoTimestamp = (value: string): boolean => !Number.isNaN(Date.parse(value)) && value.includes('T')

/**
 * The behaviour every Storage implementation must have. Each case gets a fresh, empty storage from
 * `factory` and hands it back to its `cleanup`.
 */
export function storageContractSuite(name: string, factory: StorageFactory): void {
  describe(`storage contract: ${name}`, () => {
    let storage: Storage
    eachCaseStorage(factory, (made) => (storage = made))

    const seedOwner = () => fixtures.seedOwner(storage)
    const seedDraft = (text?: string) => fixtures.seedDraft(storage, text)

    describe('member states', () => {
      it('starts empty and returns null for an unknown code', async () => {
        expect(await storage.listMemberStates()).toEqual([])
        expect(await storage.getMemberState('XYZ')).toBeNull()
      })

      it('lists the upserted states ordered by name, not by code or insertion', async () => {
        await storage.upsertMemberStates([
          { code: 'KEN', name: 'Kenya' },
          { code: 'FRA', name: 'France' },
          { code: 'DEU', name: 'Germany' },
        ])
        expect(await storage.listMemberStates()).toEqual([
          { code: 'FRA', name: 'France' },
          { code: 'DEU', name: 'Germany' },
          { code: 'KEN', name: 'Kenya' },
        ])
        expect(await storage.getMemberState('DEU')).toEqual({ code: 'DEU', name: 'Germany' })
      })

      it('is idempotent: upserting the same states again changes nothing', async () => {
        const states = [
          { code: 'FRA', name: 'France' },
          { code: 'KEN', name: 'Kenya' },
        ]
        await storage.upsertMemberStates(states)
        await storage.upsertMemberStates(states)
        await storage.upsertMemberStates([])
        expect(await storage.listMemberStates()).toEqual(states)
      })

      it('renames an existing code in place and re-sorts by the new name', async () => {
        await storage.upsertMemberStates([
          { code: 'FRA', name: 'France' },
          { code: 'DEU', name: 'Germany' },
        ])
        await storage.upsertMemberStates([{ code: 'DEU', name: 'Federal Republic of Germany' }])
        expect(await storage.listMemberStates()).toEqual([
          { code: 'DEU', name: 'Federal Republic of Germany' },
          { code: 'FRA', name: 'France' },
        ])
        expect(await storage.getMemberState('DEU')).toEqual({ code: 'DEU', name: 'Federal Republic of Germany' })
      })
    })

    describe('working groups', () => {
      it('creates a group with an id and a timestamp, readable by id and by slug', async () => {
        const input = newGroup({ slug: 'wg-cyber', name: 'Working Group on Cyber Matters', mandate: 'Draft model rules.' })
        const group = await storage.createGroup(input)
        expect(group).toMatchObject(input)
        expect(group.id).toEqual(expect.any(String))
        expect(group.id.length).toBeGreaterThan(0)
        expect(isIsoTimestamp(group.createdAt)).toBe(true)
        expect(await storage.getGroup(group.id)).toEqual(group)
        expect(await storage.getGroupBySlug('wg-cyber')).toEqual(group)
      })

      it('gives distinct ids to distinct groups', async () => {
        const a = await storage.createGroup(newGroup())
        const b = await storage.createGroup(newGroup())
        expect(a.id).not.toBe(b.id)
      })

      it('returns null for an unknown id or slug', async () => {
        await storage.createGroup(newGroup({ slug: 'known' }))
        expect(await storage.getGroup('no-such-group')).toBeNull()
        expect(await storage.getGroupBySlug('unknown')).toBeNull()
      })

      it('lists groups oldest first, whatever their slugs and names', async () => {
        expect(await storage.listGroups()).toEqual([])
        // Created back to back (often in the same millisecond): creation order must still win.
        const first = await storage.createGroup(newGroup({ slug: 'zeta', name: 'Zeta' }))
        const second = await storage.createGroup(newGroup({ slug: 'alpha', name: 'Alpha' }))
        const third = await storage.createGroup(newGroup({ slug: 'mu', name: 'Mu' }))
        expect(await storage.listGroups()).toEqual([first, second, third])
      })

      it('rejects a duplicate slug and keeps the original group', async () => {
        const original = await storage.createGroup(newGroup({ slug: 'wg-one', name: 'Original' }))
        await expect(storage.createGroup(newGroup({ slug: 'wg-one', name: 'Impostor' }))).rejects.toThrow()
        expect(await storage.listGroups()).toEqual([original])
        expect(await storage.getGroupBySlug('wg-one')).toEqual(original)
      })
    })

    describe('membership', () => {
      it('adds a member idempotently', async () => {
        const group = await storage.createGroup(newGroup())
        const user = await storage.createUser(newUser())
        expect(await storage.isMember(group.id, user.id)).toBe(false)
        await storage.addMember(group.id, user.id)
        await storage.addMember(group.id, user.id)
        expect(await storage.isMember(group.id, user.id)).toBe(true)
        expect(await storage.listUserGroups(user.id)).toEqual([group])
        expect(await storage.listUsers(group.id)).toEqual([user])
      })

      it('keeps membership per group and per user', async () => {
        const g1 = await storage.createGroup(newGroup())
        const g2 = await storage.createGroup(newGroup())
        const alice = await storage.createUser(newUser({ username: 'alice' }))
        const bob = await storage.createUser(newUser({ username: 'bob' }))
        await storage.addMember(g1.id, alice.id)
        expect(await storage.isMember(g1.id, alice.id)).toBe(true)
        expect(await storage.isMember(g2.id, alice.id)).toBe(false)
        expect(await storage.isMember(g1.id, bob.id)).toBe(false)
        expect(await storage.isMember('no-such-group', alice.id)).toBe(false)
        expect(await storage.isMember(g1.id, 'no-such-user')).toBe(false)
      })

      it("lists a user's groups oldest first, and none for a user in no group", async () => {
        const older = await storage.createGroup(newGroup({ slug: 'zz-older' }))
        const unrelated = await storage.createGroup(newGroup({ slug: 'mm-unrelated' }))
        const newer = await storage.createGroup(newGroup({ slug: 'aa-newer' }))
        const user = await storage.createUser(newUser())
        const loner = await storage.createUser(newUser())
        // Joined in the reverse order of creation: the listing follows the groups, not the joins.
        await storage.addMember(newer.id, user.id)
        await storage.addMember(older.id, user.id)
        expect(await storage.listUserGroups(user.id)).toEqual([older, newer])
        expect((await storage.listUserGroups(user.id)).map((g) => g.id)).not.toContain(unrelated.id)
        expect(await storage.listUserGroups(loner.id)).toEqual([])
        expect(await storage.listUserGroups('no-such-user')).toEqual([])
      })
    })

    describe('users', () => {
      it('creates a user with an id and a timestamp, readable by id', async () => {
        const input = newUser({ username: 'rapporteur', displayName: 'The Rapporteur', role: 'rapporteur' })
        const user = await storage.createUser(input)
        expect(user).toMatchObject(input)
        expect(user.id.length).toBeGreaterThan(0)
        expect(isIsoTimestamp(user.createdAt)).toBe(true)
        expect(await storage.getUser(user.id)).toEqual(user)
        expect(await storage.getUser('no-such-user')).toBeNull()
      })

      it('finds a user by username in any letter case, and null for an unknown one', async () => {
        const user = await storage.createUser(newUser({ username: 'Chair.Smith' }))
        expect(await storage.getUserByUsername('Chair.Smith')).toEqual(user)
        expect(await storage.getUserByUsername('chair.smith')).toEqual(user)
        expect(await storage.getUserByUsername('CHAIR.SMITH')).toEqual(user)
        expect(await storage.getUserByUsername('chair.jones')).toBeNull()
      })

      it('rejects a taken username with UsernameTakenError, in any letter case, and keeps the original', async () => {
        const original = await storage.createUser(newUser({ username: 'delegate', displayName: 'Original' }))
        for (const username of ['delegate', 'Delegate', 'DELEGATE']) {
          await expect(storage.createUser(newUser({ username, displayName: 'Impostor' }))).rejects.toBeInstanceOf(UsernameTakenError)
        }
        expect(await storage.listUsers()).toEqual([original])
        expect(await storage.getUserByUsername('delegate')).toEqual(original)
      })

      it('lists all users ordered by username', async () => {
        expect(await storage.listUsers()).toEqual([])
        const carol = await storage.createUser(newUser({ username: 'carol' }))
        const alice = await storage.createUser(newUser({ username: 'alice' }))
        const bob = await storage.createUser(newUser({ username: 'bob' }))
        expect(await storage.listUsers()).toEqual([alice, bob, carol])
      })

      it("lists only a group's members when given a group, ordered by username", async () => {
        const group = await storage.createGroup(newGroup())
        const other = await storage.createGroup(newGroup())
        const dave = await storage.createUser(newUser({ username: 'dave' }))
        const outsider = await storage.createUser(newUser({ username: 'aaron' }))
        const bea = await storage.createUser(newUser({ username: 'bea' }))
        await storage.addMember(group.id, dave.id)
        await storage.addMember(group.id, bea.id)
        await storage.addMember(other.id, outsider.id)
        expect(await storage.listUsers(group.id)).toEqual([bea, dave])
        expect(await storage.listUsers(other.id)).toEqual([outsider])
        const empty = await storage.createGroup(newGroup())
        expect(await storage.listUsers(empty.id)).toEqual([])
      })

      it('stores a null state code for roles that speak for no Member State', async () => {
        const user = await storage.createUser(newUser({ role: 'secretariat', stateCode: null }))
        expect((await storage.getUser(user.id))?.stateCode).toBeNull()
      })

      it("stores a delegate's Member State", async () => {
        await storage.upsertMemberStates([{ code: 'KEN', name: 'Kenya' }])
        const user = await storage.createUser(newUser({ role: 'delegate', stateCode: 'KEN' }))
        expect(await storage.getUser(user.id)).toEqual(user)
        expect(user.stateCode).toBe('KEN')
      })

      it('rejects a state code that is not a known Member State and stores nothing', async () => {
        await storage.upsertMemberStates([{ code: 'KEN', name: 'Kenya' }])
        const input = newUser({ role: 'delegate', stateCode: 'XYZ' })
        await expect(storage.createUser(input)).rejects.toThrow()
        expect(await storage.getUserByUsername(input.username)).toBeNull()
        expect(await storage.listUsers()).toEqual([])
      })
    })

    describe('credentials', () => {
      it('stores a credential and returns it while it is valid', async () => {
        const user = await storage.createUser(newUser())
        const session = newCredential(user.id, { kind: 'session', label: null })
        const token = newCredential(user.id, { kind: 'token', label: 'import script' })
        await storage.createCredential(session)
        await storage.createCredential(token)
        const now = new Date('2030-01-01T12:00:00.000Z')
        expect(await storage.getCredential(session.tokenHash, now)).toEqual(session)
        expect(await storage.getCredential(token.tokenHash, now)).toEqual(token)
        expect(await storage.getCredential('no-such-hash', now)).toBeNull()
      })

      it('returns null for a credential that has expired at `now`', async () => {
        const user = await storage.createUser(newUser())
        const expiresAt = new Date('2030-01-02T00:00:00.000Z')
        const credential = newCredential(user.id, { expiresAt: expiresAt.toISOString() })
        await storage.createCredential(credential)
        expect(await storage.getCredential(credential.tokenHash, new Date(expiresAt.getTime() - 1))).toEqual(credential)
        // expiresAt is the first instant the credential is no longer valid.
        expect(await storage.getCredential(credential.tokenHash, expiresAt)).toBeNull()
        expect(await storage.getCredential(credential.tokenHash, new Date(expiresAt.getTime() + 1))).toBeNull()
        expect(await storage.getCredential(credential.tokenHash, new Date(expiresAt.getTime() + 24 * HOUR_MS))).toBeNull()
      })

      it('deletes one credential and leaves the others', async () => {
        const user = await storage.createUser(newUser())
        const gone = newCredential(user.id)
        const kept = newCredential(user.id)
        await storage.createCredential(gone)
        await storage.createCredential(kept)
        await storage.deleteCredential(gone.tokenHash)
        const now = new Date('2030-01-01T12:00:00.000Z')
        expect(await storage.getCredential(gone.tokenHash, now)).toBeNull()
        expect(await storage.getCredential(kept.tokenHash, now)).toEqual(kept)
        // Signing out twice must not fail.
        await expect(storage.deleteCredential(gone.tokenHash)).resolves.toBeUndefined()
        await expect(storage.deleteCredential('no-such-hash')).resolves.toBeUndefined()
      })

      it('replaces a password hash and ends every other credential of that user only, keeping the one named', async () => {
        const user = await storage.createUser(newUser())
        const someone = await storage.createUser(newUser())
        const kept = newCredential(user.id, { kind: 'session', label: null })
        const otherSession = newCredential(user.id, { kind: 'session', label: null })
        const token = newCredential(user.id, { kind: 'token', label: 'script', sessionHash: kept.tokenHash })
        const theirs = newCredential(someone.id)
        for (const c of [kept, otherSession, token, theirs]) await storage.createCredential(c)
        const ended = await storage.access.replacePassword(user.id, 'scrypt$new-hash', kept.tokenHash)
        expect([...ended].sort()).toEqual([otherSession.tokenHash, token.tokenHash].sort())
        expect((await storage.getUser(user.id))?.passwordHash).toBe('scrypt$new-hash')
        expect((await storage.getUser(someone.id))?.passwordHash).toBe(someone.passwordHash)
        const now = new Date('2030-01-01T12:00:00.000Z')
        expect(await storage.getCredential(kept.tokenHash, now)).toEqual(kept)
        expect(await storage.getCredential(otherSession.tokenHash, now)).toBeNull()
        expect(await storage.getCredential(theirs.tokenHash, now)).toEqual(theirs)
      })
    })

    describe('drafts', () => {
      it("creates a draft in 'drafting' with no deadline, readable by id", async () => {
        const { group, user } = await seedOwner()
        const id = newId()
        const { state } = initialDoc('Article 1.')
        const draft = await storage.createDraft({ id, groupId: group.id, title: 'Model law on e-signatures', createdBy: user.id }, state)
        expect(draft).toMatchObject({ id, groupId: group.id, title: 'Model law on e-signatures', createdBy: user.id })
        expect(draft.phase).toBe('drafting')
        expect(draft.commentDeadline).toBeNull()
        expect(isIsoTimestamp(draft.createdAt)).toBe(true)
        expect(isIsoTimestamp(draft.updatedAt)).toBe(true)
        expect(await storage.getDraft(id)).toEqual(draft)
      })

      it('returns null for an unknown draft', async () => {
        await seedDraft()
        expect(await storage.getDraft('no-such-draft')).toBeNull()
      })

      it('stores the initial state so loadDoc returns it as the snapshot, with no updates', async () => {
        const { draft, state } = await seedDraft('Article 1. Scope.')
        const stored = await storage.docs.load(draft.id)
        expect(plain(stored.snapshot)).toEqual(plain(state))
        expect(stored.updates).toEqual([])
        expect(stored.lastUpdateId).toBe(0)
        expect(textOf(stored)).toBe('Article 1. Scope.')
        expect(docFrom(stored).getMap('draft').get('title')).toBe('Model provisions')
      })

      it('rejects a draft in an unknown group and stores nothing of it', async () => {
        const user = await storage.createUser(newUser())
        const id = newId()
        await expect(
          storage.createDraft({ id, groupId: 'no-such-group', title: 'Orphan', createdBy: user.id }, initialDoc('x').state),
        ).rejects.toThrow()
        expect(await storage.getDraft(id)).toBeNull()
        expect(await storage.docs.load(id)).toEqual({ snapshot: null, updates: [], lastUpdateId: 0 })
      })

      it('rejects a second draft with the same id and keeps the first one and its content', async () => {
        const { draft, state } = await seedDraft('Original text')
        await expect(
          storage.createDraft(
            { id: draft.id, groupId: draft.groupId, title: 'Impostor', createdBy: draft.createdBy },
            initialDoc('Impostor text').state,
          ),
        ).rejects.toThrow()
        expect(await storage.getDraft(draft.id)).toEqual(draft)
        expect(plain((await storage.docs.load(draft.id)).snapshot)).toEqual(plain(state))
      })

      it("lists a group's drafts newest first and no other group's", async () => {
        const { group, user } = await seedOwner()
        const other = await seedOwner()
        const make = (groupId: string, createdBy: string, title: string): Promise<Draft> =>
          storage.createDraft({ id: newId(), groupId, title, createdBy }, initialDoc(title).state)
        // Back to back, often within one millisecond: creation order must still decide.
        const first = await make(group.id, user.id, 'A first draft')
        const foreign = await make(other.group.id, other.user.id, 'Elsewhere')
        const second = await make(group.id, user.id, 'Z second draft')
        const third = await make(group.id, user.id, 'M third draft')
        expect(await storage.listDrafts(group.id)).toEqual([third, second, first])
        expect(await storage.listDrafts(other.group.id)).toEqual([foreign])
        const empty = await storage.createGroup(newGroup())
        expect(await storage.listDrafts(empty.id)).toEqual([])
      })

      it('sets the phase and deadline, returns the updated draft and persists it', async () => {
        const { draft } = await seedDraft()
        const deadline = '2030-03-31T23:59:59.000Z'
        const updated = await storage.setDraftPhase(draft.id, 'consultation', deadline)
        expect(updated).not.toBeNull()
        expect(updated).toMatchObject({
          id: draft.id,
          groupId: draft.groupId,
          title: draft.title,
          createdBy: draft.createdBy,
          createdAt: draft.createdAt,
          phase: 'consultation',
          commentDeadline: deadline,
        })
        expect(Date.parse(updated?.updatedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(draft.updatedAt))
        expect(await storage.getDraft(draft.id)).toEqual(updated)

        const closed = await storage.setDraftPhase(draft.id, 'closed', null)
        expect(closed).toMatchObject({ phase: 'closed', commentDeadline: null })
        expect(await storage.getDraft(draft.id)).toEqual(closed)
      })

      it('returns null when setting the phase of an unknown draft, and changes no other draft', async () => {
        const { draft } = await seedDraft()
        expect(await storage.setDraftPhase('no-such-draft', 'closed', null)).toBeNull()
        expect(await storage.getDraft('no-such-draft')).toBeNull()
        expect(await storage.getDraft(draft.id)).toEqual(draft)
      })
    })

    describe('setup lock', () => {
      it('runs start-up work under the setup lock, hands back its result and releases the lock when it fails', async () => {
        expect(await storage.withSetupLock(async () => 'seeded')).toBe('seeded')
        await expect(storage.withSetupLock(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
        expect(await storage.withSetupLock(async () => 42)).toBe(42)
      })
    })

    describe('lifecycle', () => {
      it('can be closed twice', async () => {
        await storage.close()
        await expect(storage.close()).resolves.toBeUndefined()
      })
    })
  })
}
