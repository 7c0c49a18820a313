import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newId } from '../../shared/ids'
import type { Storage } from './Storage'
import type { OpenSuggestionRecord } from './suggestions'

/** A fresh, empty storage; the suite closes it after each case. */
export type SuggestionStorageFactory = () => Promise<Storage>

/** The behaviour every SuggestionStore must have (same pattern as reportsContract.ts). */
export function suggestionStoreContractSuite(name: string, factory: SuggestionStorageFactory): void {
  describe(`suggestion store contract: ${name}`, () => {
    let storage: Storage
    let draftId: string
    const open = (id: string, over: Partial<OpenSuggestionRecord> = {}): OpenSuggestionRecord => ({
      draftId,
      id,
      clauseId: 'art1',
      kind: 'insert',
      userId: 'u-ken',
      authorName: 'Amina Delegate',
      stateCode: 'KEN',
      inserted: 'expressly',
      deleted: '',
      suggestedAt: `2026-12-03T14:0${id.length % 10}:00.000Z`,
      ...over,
    })

    beforeEach(async () => {
      storage = await factory()
      const group = await storage.createGroup({ slug: `wg-${newId(8)}`, name: 'Working group', mandate: '' })
      const user = await storage.createUser({ username: `rap-${newId(6)}`, displayName: 'Dewi Rapporteur', role: 'rapporteur', stateCode: null, passwordHash: 'x' })
      draftId = (await storage.createDraft({ id: newId(), groupId: group.id, title: 'Model provisions', createdBy: user.id }, new Uint8Array([0, 0]))).id
    })

    afterEach(async () => {
      await storage.close()
    })

    it('records an open suggestion and follows its text while it is typed', async () => {
      await storage.suggestions.upsertOpen(open('s1', { inserted: 'exp' }))
      await storage.suggestions.upsertOpen(open('s1', { inserted: 'expressly', kind: 'replace', deleted: 'only' }))
      expect(await storage.suggestions.get(draftId, 's1')).toMatchObject({ status: 'open', inserted: 'expressly', deleted: 'only', kind: 'replace', stateCode: 'KEN', authorName: 'Amina Delegate', decidedBy: null })
      expect(await storage.suggestions.get(draftId, 'nope')).toBeNull()
    })

    it('decides once: a second decision, and text updates after it, change nothing', async () => {
      await storage.suggestions.upsertOpen(open('s1'))
      const first = { status: 'rejected' as const, by: 'u-rap', at: '2026-12-04T09:00:00.000Z', reason: 'Outside the mandate.' }
      expect(await storage.suggestions.decide(draftId, 's1', first)).toBe(true)
      expect(await storage.suggestions.decide(draftId, 's1', { ...first, status: 'accepted', reason: null })).toBe(false)
      await storage.suggestions.upsertOpen(open('s1', { inserted: 'changed' }))
      expect(await storage.suggestions.get(draftId, 's1')).toMatchObject({ status: 'rejected', reason: 'Outside the mandate.', decidedBy: 'u-rap', inserted: 'expressly' })
      expect(await storage.suggestions.decide(draftId, 'unknown', first)).toBe(false)
    })

    it('lists in the order suggested, filtered by State, clause and status', async () => {
      await storage.suggestions.upsertOpen(open('a', { suggestedAt: '2026-12-03T10:00:00.000Z' }))
      await storage.suggestions.upsertOpen(open('b', { suggestedAt: '2026-12-03T11:00:00.000Z', stateCode: 'JPN', userId: 'u-jpn', clauseId: 'art2' }))
      await storage.suggestions.upsertOpen(open('c', { suggestedAt: '2026-12-03T12:00:00.000Z' }))
      await storage.suggestions.decide(draftId, 'c', { status: 'withdrawn', by: 'u-ken', at: '2026-12-03T13:00:00.000Z', reason: null })
      const ids = async (filter = {}) => (await storage.suggestions.list(draftId, filter)).map((s) => s.id)
      expect(await ids()).toEqual(['a', 'b', 'c'])
      expect(await ids({ stateCode: 'KEN' })).toEqual(['a', 'c'])
      expect(await ids({ clauseId: 'art2' })).toEqual(['b'])
      expect(await ids({ status: 'open' })).toEqual(['a', 'b'])
      expect(await ids({ stateCode: 'KEN', status: 'withdrawn' })).toEqual(['c'])
      expect(await storage.suggestions.list('other-draft')).toEqual([])
    })
  })
}
