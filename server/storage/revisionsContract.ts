import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newId } from '../../shared/ids'
import type { ClauseSnapshot, NewRevision } from './revisions'
import type { Draft, Storage, User } from './Storage'

/** A fresh, empty storage; the suite closes it after each case. */
export type RevisionStorageFactory = () => Promise<Storage>

const clause = (id: string, number: number | null, overrides: Partial<ClauseSnapshot> = {}): ClauseSnapshot => ({
  id,
  kind: number === null ? 'preamble' : 'article',
  number,
  label: number === null ? 'Preamble' : `Article ${number}`,
  heading: `Heading ${id}`,
  status: 'proposed',
  text: `Text of ${id}.\n(a) first;\n(b) second.`,
  ...overrides,
})

/**
 * The behaviour every RevisionStore must have (same pattern as storageContract.ts): each case gets
 * a fresh storage from `factory`.
 */
export function revisionStoreContractSuite(name: string, factory: RevisionStorageFactory): void {
  describe(`revision store contract: ${name}`, () => {
    let storage: Storage

    beforeEach(async () => {
      storage = await factory()
    })

    afterEach(async () => {
      await storage.close()
    })

    async function seed(): Promise<{ draft: Draft; user: User; other: User }> {
      const group = await storage.createGroup({ slug: `wg-${newId(8)}`, name: 'Working group', mandate: '' })
      const user = await storage.createUser({ username: `rap-${newId(6)}`, displayName: 'Dewi Rapporteur', role: 'rapporteur', stateCode: null, passwordHash: 'x' })
      const other = await storage.createUser({ username: `obs-${newId(6)}`, displayName: 'Other', role: 'observer', stateCode: null, passwordHash: 'x' })
      await storage.addMember(group.id, user.id)
      const draft = await storage.createDraft({ id: newId(), groupId: group.id, title: 'Model provisions', createdBy: user.id }, new Uint8Array([0, 0]))
      return { draft, user, other }
    }

    const revision = (draft: Draft, user: User, overrides: Partial<NewRevision> = {}): NewRevision => ({
      draftId: draft.id,
      label: 'Rapporteur’s draft, 5 April 2018',
      title: draft.title,
      createdBy: user.id,
      state: new Uint8Array([1, 2, 3, 0, 255]),
      clauses: [clause('p', null), clause('a', 1), clause('b', 2)],
      ...overrides,
    })

    it('numbers revisions per draft from 1 and reads back the label, author, time and clause count', async () => {
      const { draft, user } = await seed()
      const { draft: otherDraft } = await seed()
      const first = await storage.revisions.createRevision(revision(draft, user))
      const second = await storage.revisions.createRevision(revision(draft, user, { label: 'After the 57th session' }))
      const elsewhere = await storage.revisions.createRevision(revision(otherDraft, user))
      expect([first.number, second.number, elsewhere.number]).toEqual([1, 2, 1])
      expect(first).toMatchObject({ draftId: draft.id, label: 'Rapporteur’s draft, 5 April 2018', title: 'Model provisions', createdBy: user.id, createdByName: 'Dewi Rapporteur', clauseCount: 3 })
      expect(Number.isNaN(Date.parse(first.createdAt))).toBe(false)
      expect(await storage.revisions.listRevisions(draft.id)).toEqual([first, second])
      expect(await storage.revisions.getRevision(draft.id, 2)).toEqual(second)
    })

    it('returns null or nothing for an unknown draft or number', async () => {
      const { draft, user } = await seed()
      await storage.revisions.createRevision(revision(draft, user))
      expect(await storage.revisions.getRevision(draft.id, 2)).toBeNull()
      expect(await storage.revisions.getRevision('no-such-draft', 1)).toBeNull()
      expect(await storage.revisions.revisionClauses(draft.id, 2)).toBeNull()
      expect(await storage.revisions.revisionOrder(draft.id, 0)).toBeNull()
      expect(await storage.revisions.revisionState(draft.id, 9)).toBeNull()
      expect(await storage.revisions.listRevisions('no-such-draft')).toEqual([])
      expect(await storage.revisions.clauseVersions(draft.id, 'nope')).toEqual([])
    })

    it('keeps the clauses in order, exactly, and the state bytes unchanged', async () => {
      const { draft, user } = await seed()
      const clauses = [clause('z', 1, { status: 'agreed', text: '' }), clause('p', null, { heading: '' }), clause('m', 2, { text: 'Unicode “quotes” — [brackets]\nOption A: x' })]
      await storage.revisions.createRevision(revision(draft, user, { clauses }))
      expect(await storage.revisions.revisionClauses(draft.id, 1)).toEqual(clauses)
      expect(await storage.revisions.revisionOrder(draft.id, 1)).toEqual(['z', 'p', 'm'])
      expect(Array.from((await storage.revisions.revisionState(draft.id, 1)) ?? [])).toEqual([1, 2, 3, 0, 255])
    })

    it('stores a revision with no clauses', async () => {
      const { draft, user } = await seed()
      const meta = await storage.revisions.createRevision(revision(draft, user, { clauses: [] }))
      expect(meta.clauseCount).toBe(0)
      expect(await storage.revisions.revisionClauses(draft.id, 1)).toEqual([])
      expect(await storage.revisions.revisionOrder(draft.id, 1)).toEqual([])
    })

    it('gives distinct consecutive numbers to revisions saved at the same time', async () => {
      const { draft, user } = await seed()
      const made = await Promise.all(Array.from({ length: 6 }, (_, i) => storage.revisions.createRevision(revision(draft, user, { label: `r${i}` }))))
      expect(made.map((r) => r.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6])
    })

    it('never changes an earlier revision when later ones are saved', async () => {
      const { draft, user } = await seed()
      const first = await storage.revisions.createRevision(revision(draft, user))
      const before = await storage.revisions.revisionClauses(draft.id, 1)
      await storage.revisions.createRevision(revision(draft, user, { clauses: [clause('a', 1, { text: 'Changed.' })], label: 'later' }))
      expect(await storage.revisions.getRevision(draft.id, 1)).toEqual(first)
      expect(await storage.revisions.revisionClauses(draft.id, 1)).toEqual(before)
    })

    it('finds a clause in every revision that holds it', async () => {
      const { draft, user } = await seed()
      await storage.revisions.createRevision(revision(draft, user, { clauses: [clause('a', 1)] }))
      await storage.revisions.createRevision(revision(draft, user, { clauses: [clause('b', 1)] }))
      await storage.revisions.createRevision(revision(draft, user, { clauses: [clause('b', 1), clause('a', 2, { text: 'Edited.' })] }))
      expect(await storage.revisions.clauseVersions(draft.id, 'a')).toEqual([
        { revision: 1, clause: clause('a', 1) },
        { revision: 3, clause: clause('a', 2, { text: 'Edited.' }) },
      ])
    })

    it('refuses a revision of a draft that does not exist', async () => {
      const { draft, user } = await seed()
      await expect(storage.revisions.createRevision(revision({ ...draft, id: 'no-such-draft' }, user))).rejects.toThrow()
      expect(await storage.revisions.listRevisions('no-such-draft')).toEqual([])
    })

    it('remembers what each user last saw of each draft, replacing it on the next visit', async () => {
      const { draft, user, other } = await seed()
      const { draft: otherDraft } = await seed()
      expect(await storage.revisions.getSeen(user.id, draft.id)).toBeNull()
      const first = { seenAt: '2030-01-01T10:00:00.000Z', clauses: [clause('a', 1)] }
      await storage.revisions.setSeen(user.id, draft.id, first)
      expect(await storage.revisions.getSeen(user.id, draft.id)).toEqual(first)
      expect(await storage.revisions.getSeen(other.id, draft.id)).toBeNull()
      expect(await storage.revisions.getSeen(user.id, otherDraft.id)).toBeNull()
      const second = { seenAt: '2030-01-02T10:00:00.000Z', clauses: [clause('a', 1, { text: 'New.' }), clause('b', 2)] }
      await storage.revisions.setSeen(user.id, draft.id, second)
      expect(await storage.revisions.getSeen(user.id, draft.id)).toEqual(second)
    })
  })
}
