import { describe, expect, it } from 'vitest'
import { newId } from '../../shared/ids'
import { EmailTakenError } from './accounts'
import { accountStores } from './accountStores'
import { type StorageFactory, eachCaseStorage, newGroup, newUser, seedDraft } from './contractFixtures'
import type { Storage } from './Storage'

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString()

/** The behaviour of the account and notification stores, on every database (same pattern as storageContract.ts). */
export function accountStoresContractSuite(name: string, factory: StorageFactory): void {
  describe(`account stores contract: ${name}`, () => {
    let storage: Storage
    eachCaseStorage(factory, (s) => {
      storage = s
    })
    const stores = () => accountStores(storage)

    it('keeps one e-mail address per user, unique without regard to case', async () => {
      const a = await storage.createUser(newUser())
      const b = await storage.createUser(newUser())
      await stores().accounts.setEmail(a.id, 'Focal.Point@example.org')
      expect(await stores().accounts.getEmail(a.id)).toBe('Focal.Point@example.org')
      expect(await stores().accounts.userIdByEmail('focal.point@EXAMPLE.org')).toBe(a.id)
      await expect(stores().accounts.setEmail(b.id, 'focal.point@example.org')).rejects.toBeInstanceOf(EmailTakenError)
      await stores().accounts.setEmail(a.id, 'other@example.org')
      expect(await stores().accounts.userIdByEmail('focal.point@example.org')).toBeNull()
    })

    it('counts the secretariat accounts not disabled', async () => {
      const before = await stores().accounts.countActiveSecretariat()
      const s = await storage.createUser(newUser({ role: 'secretariat' }))
      await storage.createUser(newUser({ role: 'secretariat' }))
      expect(await stores().accounts.countActiveSecretariat()).toBe(before + 2)
      await storage.access.setDisabled(s.id, at(1))
      expect(await stores().accounts.countActiveSecretariat()).toBe(before + 1)
      expect(await stores().accounts.disabledUserIds()).toEqual([s.id])
    })

    it('renames users, groups and drafts, and archives drafts', async () => {
      const user = await storage.createUser(newUser())
      await stores().accounts.setDisplayName(user.id, 'Amina Focal Point')
      expect((await storage.getUser(user.id))?.displayName).toBe('Amina Focal Point')
      const group = await storage.createGroup(newGroup())
      await stores().accounts.updateGroup(group.id, { mandate: 'A new mandate.' })
      expect(await storage.getGroup(group.id)).toMatchObject({ name: group.name, mandate: 'A new mandate.' })
      await stores().accounts.updateGroup(group.id, { name: 'Renamed group' })
      expect(await storage.getGroup(group.id)).toMatchObject({ name: 'Renamed group', mandate: 'A new mandate.' })
      const { draft } = await seedDraft(storage)
      await stores().accounts.setDraftTitle(draft.id, 'Renamed provisions', at(2))
      expect((await storage.getDraft(draft.id))?.title).toBe('Renamed provisions')
      await stores().accounts.setArchived(draft.id, at(3))
      expect(await stores().accounts.archivedDrafts([draft.id, 'nope'])).toEqual(new Map([[draft.id, at(3)]]))
      await stores().accounts.setArchived(draft.id, null)
      expect((await stores().accounts.archivedDrafts([draft.id])).size).toBe(0)
    })

    it('uses a one-time link once, of its kind, before it expires', async () => {
      const user = await storage.createUser(newUser())
      const link = { tokenHash: newId(20), kind: 'invitation' as const, userId: user.id, createdAt: at(0), expiresAt: at(10) }
      await stores().accounts.createLink(link)
      expect(await stores().accounts.consumeLink(link.tokenHash, 'reset', at(1))).toBeNull()
      expect(await stores().accounts.consumeLink(link.tokenHash, 'invitation', at(11))).toBeNull()
      expect(await stores().accounts.consumeLink(link.tokenHash, 'invitation', at(1))).toEqual(link)
      expect(await stores().accounts.consumeLink(link.tokenHash, 'invitation', at(2))).toBeNull()
      const next = { ...link, tokenHash: newId(20) }
      await stores().accounts.createLink(next)
      await stores().accounts.dropLinks(user.id, 'invitation')
      expect(await stores().accounts.consumeLink(next.tokenHash, 'invitation', at(1))).toBeNull()
    })

    it('keeps a second factor: pending, enabled, never the same step twice, recovery codes once', async () => {
      const user = await storage.createUser(newUser())
      expect(await stores().accounts.getTotp(user.id)).toBeNull()
      await stores().accounts.setPendingTotp(user.id, 'SECRET')
      expect(await stores().accounts.getTotp(user.id)).toEqual({ userId: user.id, secret: 'SECRET', enabledAt: null, lastStep: 0 })
      await stores().accounts.enableTotp(user.id, at(1), 100, ['h1', 'h2'])
      expect(await stores().accounts.getTotp(user.id)).toMatchObject({ enabledAt: at(1), lastStep: 100 })
      expect(await stores().accounts.advanceTotpStep(user.id, 100)).toBe(false)
      expect(await stores().accounts.advanceTotpStep(user.id, 101)).toBe(true)
      expect(await stores().accounts.recoveryCodesLeft(user.id)).toBe(2)
      expect(await stores().accounts.useRecoveryCode(user.id, 'h1', at(2))).toBe(true)
      expect(await stores().accounts.useRecoveryCode(user.id, 'h1', at(3))).toBe(false)
      expect(await stores().accounts.recoveryCodesLeft(user.id)).toBe(1)
      await stores().accounts.disableTotp(user.id)
      expect(await stores().accounts.getTotp(user.id)).toBeNull()
      expect(await stores().accounts.recoveryCodesLeft(user.id)).toBe(0)
    })

    it('keeps instance settings', async () => {
      expect(await stores().accounts.getSetting('k')).toBeNull()
      await stores().accounts.setSetting('k', '["chair"]')
      await stores().accounts.setSetting('k', '["secretariat"]')
      expect(await stores().accounts.getSetting('k')).toBe('["secretariat"]')
    })

    it('lists and ends sessions, with their tokens', async () => {
      const user = await storage.createUser(newUser())
      const cred = (id: string, kind: 'session' | 'token', sessionHash: string | null = null) => ({
        id,
        tokenHash: `hash-${id}`,
        userId: user.id,
        kind,
        label: null,
        createdAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
        sessionHash,
      })
      for (const c of [cred('s1', 'session'), cred('s2', 'session'), cred('t1', 'token', 'hash-s1'), cred('t2', 'token')]) await storage.createCredential(c)
      expect((await stores().accounts.listSessions(user.id, new Date())).map((s) => s.id).sort()).toEqual(['s1', 's2'])
      expect((await stores().accounts.deleteSession(user.id, 's1')).sort()).toEqual(['hash-s1', 'hash-t1'])
      expect(await stores().accounts.deleteSession(user.id, 't2')).toEqual([])
      expect((await stores().accounts.deleteOtherCredentials(user.id, 'hash-s2')).sort()).toEqual(['hash-t2'])
      expect((await stores().accounts.listSessions(user.id, new Date())).map((s) => s.id)).toEqual(['s2'])
    })

    it('keeps an inbox with unread counts, settings and e-mails taken once', async () => {
      const user = await storage.createUser(newUser())
      const base = { userId: user.id, kind: 'mention' as const, draftId: null, body: 'b', link: '/drafts/x', createdAt: at(0) }
      const added = await stores().notifications.add([
        { ...base, title: 'one', emailState: 'immediate' },
        { ...base, title: 'two', emailState: 'digest' },
        { ...base, title: 'three', emailState: 'none' },
      ])
      expect(added.map((n) => n.title)).toEqual(['one', 'two', 'three'])
      expect(await stores().notifications.unreadCount(user.id)).toBe(3)
      expect((await stores().notifications.list(user.id, { limit: 2 })).map((n) => n.title)).toEqual(['three', 'two'])
      expect((await stores().notifications.list(user.id, { limit: 5, before: added[1]?.id ?? 0 })).map((n) => n.title)).toEqual(['one'])
      expect(await stores().notifications.markRead(user.id, [added[0]?.id ?? 0], at(1))).toBe(1)
      expect(await stores().notifications.unreadCount(user.id)).toBe(2)
      expect(await stores().notifications.markRead(user.id, null, at(2))).toBe(2)
      expect((await stores().notifications.takeEmails('immediate', 10)).map((n) => n.title)).toEqual(['one'])
      expect(await stores().notifications.takeEmails('immediate', 10)).toEqual([])
      expect((await stores().notifications.takeEmails('digest', 10)).map((n) => n.title)).toEqual(['two'])

      expect(await stores().notifications.getSettings(user.id)).toEqual({ muted: [], email: 'immediate' })
      await stores().notifications.setSettings(user.id, { muted: ['reply'], email: 'digest' })
      expect(await stores().notifications.getSettings(user.id)).toEqual({ muted: ['reply'], email: 'digest' })
      const other = await storage.createUser(newUser())
      expect(await stores().notifications.settingsOf([user.id, other.id])).toEqual(
        new Map([
          [user.id, { muted: ['reply'], email: 'digest' }],
          [other.id, { muted: [], email: 'immediate' }],
        ]),
      )
    })

    it('grants a claim to its first caller only, also when many ask at once', async () => {
      const answers = await Promise.all(Array.from({ length: 8 }, () => stores().notifications.claim('reminder:r1:2026', at(0))))
      expect(answers.filter(Boolean)).toHaveLength(1)
      expect(await stores().notifications.claim('reminder:r1:2026', at(1))).toBe(false)
      expect(await stores().notifications.claim('reminder:r2:2026', at(1))).toBe(true)
    })
  })
}
