import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newId } from '../../shared/ids'
import type { MeetingRecord } from './meetings'
import type { Storage } from './Storage'

/** The behaviour every MeetingStore must have (same pattern as agreementContract.ts). */
export function meetingStoreContractSuite(name: string, factory: () => Promise<Storage>): void {
  describe(`meeting store contract: ${name}`, () => {
    let storage: Storage
    let draftId: string
    const meeting = (over: Partial<MeetingRecord> = {}): MeetingRecord => ({
      id: newId(),
      draftId,
      title: 'Fifth meeting of the Working Group',
      place: 'New Delhi',
      date: '2026-12-03',
      status: 'open',
      openedBy: 'u-chair',
      openedAt: '2026-12-03T09:00:00.000Z',
      closedAt: null,
      openRevision: 2,
      closeRevision: null,
      screen: null,
      screenLog: [],
      speaker: null,
      floor: [],
      speakers: [],
      decisions: [],
      attendance: [],
      ...over,
    })

    beforeEach(async () => {
      storage = await factory()
      const group = await storage.createGroup({ slug: `wg-${newId(8)}`, name: 'Working group', mandate: '' })
      const user = await storage.createUser({ username: `chair-${newId(6)}`, displayName: 'Chaim Chair', role: 'chair', stateCode: null, passwordHash: 'x' })
      draftId = (await storage.createDraft({ id: newId(), groupId: group.id, title: 'Model provisions', createdBy: user.id }, new Uint8Array([0, 0]))).id
    })

    afterEach(async () => {
      await storage.close()
    })

    it('keeps one open meeting per draft, and another once it is closed', async () => {
      const first = meeting()
      expect(await storage.meetings.create(first)).toBe(true)
      expect(await storage.meetings.create(meeting())).toBe(false)
      const open = await storage.meetings.openFor(draftId)
      expect(open).toEqual({ record: first, version: 1 })
      expect(await storage.meetings.get(first.id)).toEqual(open)
      expect(await storage.meetings.replace(first.id, 1, { ...first, status: 'closed', closedAt: '2026-12-03T12:00:00.000Z' })).toBe(true)
      expect(await storage.meetings.openFor(draftId)).toBeNull()
      const second = meeting({ openedAt: '2026-12-04T09:00:00.000Z' })
      expect(await storage.meetings.create(second)).toBe(true)
      expect((await storage.meetings.list(draftId)).map((m) => [m.id, m.status])).toEqual([
        [second.id, 'open'],
        [first.id, 'closed'],
      ])
    })

    it('writes a change only over the version it was read at', async () => {
      const m = meeting()
      await storage.meetings.create(m)
      const screen = { clauseId: 'art4', since: '2026-12-03T09:05:00.000Z' }
      expect(await storage.meetings.replace(m.id, 1, { ...m, screen })).toBe(true)
      // A second writer that read version 1 loses and must read again.
      expect(await storage.meetings.replace(m.id, 1, { ...m, floor: [{ state: 'JPN', userId: 'u-jpn', clauseId: 'art4', at: '2026-12-03T09:06:00.000Z' }] })).toBe(false)
      expect(await storage.meetings.get(m.id)).toEqual({ record: { ...m, screen }, version: 2 })
      expect(await storage.meetings.get('nope')).toBeNull()
    })

  })
}
