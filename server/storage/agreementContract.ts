import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newId } from '../../shared/ids'
import type { NewSilence } from './agreement'
import type { Storage } from './Storage'

/** The behaviour every AgreementStore must have (same pattern as suggestionsContract.ts). */
export function agreementStoreContractSuite(name: string, factory: () => Promise<Storage>): void {
  describe(`agreement store contract: ${name}`, () => {
    let storage: Storage
    let draftId: string
    const silence = (over: Partial<NewSilence> = {}): NewSilence => ({
      id: newId(),
      draftId,
      revision: 2,
      clauseIds: ['pre', 'art1'],
      startedBy: 'u-sec',
      startedAt: '2026-12-03T09:00:00.000Z',
      deadline: '2026-12-06T09:00:00.000Z',
      ...over,
    })
    const kenya = { stateCode: 'KEN', userId: 'u-ken', reason: 'Article 1 needs a word on safeguards.', at: '2026-12-04T10:00:00.000Z' }

    beforeEach(async () => {
      storage = await factory()
      const group = await storage.createGroup({ slug: `wg-${newId(8)}`, name: 'Working group', mandate: '' })
      const user = await storage.createUser({ username: `sec-${newId(6)}`, displayName: 'Sara Secretariat', role: 'secretariat', stateCode: null, passwordHash: 'x' })
      draftId = (await storage.createDraft({ id: newId(), groupId: group.id, title: 'Model provisions', createdBy: user.id }, new Uint8Array([0, 0]))).id
    })

    afterEach(async () => {
      await storage.close()
    })

    it('keeps one open silence per draft, with its clauses', async () => {
      const first = silence()
      expect(await storage.agreement.startSilence(first)).toBe(true)
      expect(await storage.agreement.startSilence(silence())).toBe(false)
      const open = await storage.agreement.openSilence(draftId)
      expect(open).toMatchObject({ id: first.id, revision: 2, clauseIds: ['pre', 'art1'], state: 'open', settledAt: null, breaks: [] })
      expect(await storage.agreement.getSilence(first.id)).toEqual(open)
    })

    it('takes one break per State, only before the deadline while open', async () => {
      const s = silence()
      await storage.agreement.startSilence(s)
      expect(await storage.agreement.breakSilence(s.id, kenya)).toBe(true)
      expect(await storage.agreement.breakSilence(s.id, { ...kenya, reason: 'again' })).toBe(false)
      expect(await storage.agreement.breakSilence(s.id, { ...kenya, stateCode: 'JPN', at: '2026-12-06T09:00:00.000Z' })).toBe(false)
      expect((await storage.agreement.getSilence(s.id))?.breaks).toEqual([kenya])
    })

    it('lists due silences and settles each once: adopted unbroken, broken with a break', async () => {
      const quiet = silence()
      await storage.agreement.startSilence(quiet)
      expect(await storage.agreement.dueSilences('2026-12-06T08:59:59.999Z')).toEqual([])
      expect((await storage.agreement.dueSilences('2026-12-06T09:00:00.000Z')).map((s) => s.id)).toEqual([quiet.id])
      const [a, b] = await Promise.all([storage.agreement.settleSilence(quiet.id, '2026-12-06T09:00:01.000Z'), storage.agreement.settleSilence(quiet.id, '2026-12-06T09:00:01.000Z')])
      expect([a, b].filter((outcome) => outcome !== null)).toEqual(['adopted'])
      expect(await storage.agreement.openSilence(draftId)).toBeNull()
      expect(await storage.agreement.breakSilence(quiet.id, kenya)).toBe(false)

      const loud = silence({ startedAt: '2026-12-07T09:00:00.000Z', deadline: '2026-12-10T09:00:00.000Z' })
      expect(await storage.agreement.startSilence(loud)).toBe(true)
      await storage.agreement.breakSilence(loud.id, { ...kenya, at: '2026-12-08T09:00:00.000Z' })
      expect(await storage.agreement.settleSilence(loud.id, '2026-12-10T09:00:00.000Z')).toBe('broken')
      expect((await storage.agreement.listSilences(draftId)).map((s) => [s.id, s.state, s.breaks.length])).toEqual([
        [loud.id, 'broken', 1],
        [quiet.id, 'adopted', 0],
      ])
    })

    it('keeps statements on record, filtered by clause, State and kind', async () => {
      const base = { draftId, userId: 'u-ken', stateCode: 'KEN', text: 'Kenya reserves its position on paragraph (b).' }
      await storage.agreement.addStatement({ ...base, id: 'st1', clauseId: 'art1', kind: 'reservation', at: '2026-12-03T10:00:00.000Z' })
      await storage.agreement.addStatement({ ...base, id: 'st2', clauseId: null, kind: 'explanation', stateCode: 'JPN', at: '2026-12-03T11:00:00.000Z' })
      await storage.agreement.addStatement({ ...base, id: 'st3', clauseId: 'art1', kind: 'dissociation', at: '2026-12-03T12:00:00.000Z' })
      expect((await storage.agreement.listStatements(draftId)).map((s) => s.id)).toEqual(['st1', 'st2', 'st3'])
      expect((await storage.agreement.listStatements(draftId, { clauseId: 'art1' })).map((s) => s.id)).toEqual(['st1', 'st3'])
      expect((await storage.agreement.listStatements(draftId, { stateCode: 'JPN' })).map((s) => s.clauseId)).toEqual([null])
      expect((await storage.agreement.listStatements(draftId, { kind: 'dissociation' })).map((s) => s.id)).toEqual(['st3'])
    })
  })
}
