import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newId } from '../../shared/ids'
import type { HoldRelease } from './clauseStatus'
import type { Storage } from './Storage'

/** A fresh, empty storage; the suite closes it after each case. */
export type ClauseStatusStorageFactory = () => Promise<Storage>

/** The behaviour every ClauseStatusStore must have (same pattern as suggestionsContract.ts). */
export function clauseStatusStoreContractSuite(name: string, factory: ClauseStatusStorageFactory): void {
  describe(`clause status store contract: ${name}`, () => {
    let storage: Storage
    let draftId: string
    const cleared: HoldRelease = { outcome: 'cleared', by: 'u-chair', at: '2026-12-03T10:00:00.000Z', reason: null }

    beforeEach(async () => {
      storage = await factory()
      const group = await storage.createGroup({ slug: `wg-${newId(8)}`, name: 'Working group', mandate: '' })
      const user = await storage.createUser({ username: `chair-${newId(6)}`, displayName: 'Kofi Chair', role: 'chair', stateCode: null, passwordHash: 'x' })
      draftId = (await storage.createDraft({ id: newId(), groupId: group.id, title: 'Model provisions', createdBy: user.id }, new Uint8Array([0, 0]))).id
    })

    afterEach(async () => {
      await storage.close()
    })

    it('places holds, replaces them whole, and releases one State at a time once', async () => {
      await storage.clauseStatus.replaceHolds(draftId, 'art1', [{ id: 'h1', stateCode: 'KEN', expectedBy: '2026-12-20' }, { id: 'h2', stateCode: 'JPN', expectedBy: null }], 'u-chair', '2026-12-03T09:00:00.000Z', cleared)
      await storage.clauseStatus.replaceHolds(draftId, 'art2', [{ id: 'h3', stateCode: 'KEN', expectedBy: null }], 'u-chair', '2026-12-03T09:30:00.000Z', cleared)
      expect((await storage.clauseStatus.openHolds(draftId, 'art1')).map((h) => [h.stateCode, h.expectedBy])).toEqual([['JPN', null], ['KEN', '2026-12-20']])
      const confirmed: HoldRelease = { outcome: 'confirmed', by: 'u-ken', at: '2026-12-04T09:00:00.000Z', reason: 'Nairobi approved.' }
      expect(await storage.clauseStatus.releaseHold(draftId, 'art1', 'KEN', confirmed)).toBe(true)
      expect(await storage.clauseStatus.releaseHold(draftId, 'art1', 'KEN', confirmed)).toBe(false)
      expect(await storage.clauseStatus.releaseHold(draftId, 'art1', 'FRA', confirmed)).toBe(false)
      expect((await storage.clauseStatus.openHolds(draftId)).map((h) => `${h.clauseId}:${h.stateCode}`)).toEqual(['art1:JPN', 'art2:KEN'])
      // Replacing ends the open ones as told; the ended ones stay on record.
      await storage.clauseStatus.replaceHolds(draftId, 'art1', [{ id: 'h4', stateCode: 'KEN', expectedBy: '2027-01-10' }], 'u-chair', '2026-12-05T09:00:00.000Z', cleared)
      const all = await storage.clauseStatus.listHolds(draftId)
      expect(all.map((h) => [h.id, h.outcome])).toEqual([['h2', 'cleared'], ['h1', 'confirmed'], ['h3', null], ['h4', null]])
      expect(all.find((h) => h.id === 'h1')).toMatchObject({ releasedBy: 'u-ken', releasedAt: '2026-12-04T09:00:00.000Z', reason: 'Nairobi approved.', placedBy: 'u-chair' })
    })

    it('refuses two open holds of one State on one clause, leaving the earlier ones as they were', async () => {
      await storage.clauseStatus.replaceHolds(draftId, 'art1', [{ id: 'h1', stateCode: 'KEN', expectedBy: null }], 'u-chair', '2026-12-03T09:00:00.000Z', cleared)
      await expect(storage.clauseStatus.replaceHolds(draftId, 'art1', [{ id: 'h2', stateCode: 'JPN', expectedBy: null }, { id: 'h3', stateCode: 'JPN', expectedBy: null }], 'u-chair', '2026-12-03T10:00:00.000Z', cleared)).rejects.toThrow()
      expect((await storage.clauseStatus.openHolds(draftId)).map((h) => h.id)).toEqual(['h1'])
    })

    it('keeps proposed statuses and decides each once', async () => {
      const made = await storage.clauseStatus.createRequest({ id: 'r1', draftId, clauseId: 'art1', status: 'agreed-ad-referendum', states: ['KEN'], expectedBy: '2026-12-20', reason: 'Kenya awaits Nairobi.', requestedBy: 'u-rap', requestedAt: '2026-12-03T09:00:00.000Z' })
      expect(made.outcome).toBe('pending')
      await storage.clauseStatus.createRequest({ id: 'r2', draftId, clauseId: 'art2', status: 'agreed', states: [], expectedBy: null, reason: null, requestedBy: 'u-rap', requestedAt: '2026-12-03T09:10:00.000Z' })
      expect(await storage.clauseStatus.getRequest(draftId, 'r1')).toEqual(made)
      const decision = { outcome: 'declined' as const, by: 'u-chair', at: '2026-12-03T11:00:00.000Z', reason: 'Not yet.' }
      expect(await storage.clauseStatus.decideRequest(draftId, 'r1', decision)).toBe(true)
      expect(await storage.clauseStatus.decideRequest(draftId, 'r1', { ...decision, outcome: 'confirmed' })).toBe(false)
      expect(await storage.clauseStatus.getRequest(draftId, 'r1')).toMatchObject({ outcome: 'declined', decidedBy: 'u-chair', decisionReason: 'Not yet.', states: ['KEN'] })
      expect((await storage.clauseStatus.listRequests(draftId)).map((r) => r.id)).toEqual(['r1', 'r2'])
      expect((await storage.clauseStatus.listRequests(draftId, { pendingOnly: true })).map((r) => r.id)).toEqual(['r2'])
      expect(await storage.clauseStatus.getRequest(draftId, 'nope')).toBeNull()
    })
  })
}
