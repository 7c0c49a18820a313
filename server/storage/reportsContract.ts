import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newId } from '../../shared/ids'
import { type NewReportVersion, type ReportInput, ReportVersionTakenError } from './reports'
import type { Draft, Storage, User } from './Storage'

/** A fresh, empty storage; the suite closes it after each case. */
export type ReportStorageFactory = () => Promise<Storage>

const input = (overrides: Partial<ReportInput> = {}): ReportInput => ({
  title: 'Report of the Rapporteur',
  session: '57th session',
  place: 'Tokyo',
  date: '2026-11-30',
  sections: [{ heading: 'Introduction', body: 'The **Working Group** met.\n\nIt agreed.' }],
  baseRevision: 2,
  compareTo: 1,
  rounds: ['round-1'],
  ...overrides,
})

/** The behaviour every ReportStore must have (same pattern as revisionsContract.ts). */
export function reportStoreContractSuite(name: string, factory: ReportStorageFactory): void {
  describe(`report store contract: ${name}`, () => {
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
      const other = await storage.createUser({ username: `sec-${newId(6)}`, displayName: 'Sami Secretariat', role: 'secretariat', stateCode: null, passwordHash: 'x' })
      await storage.addMember(group.id, user.id)
      const draft = await storage.createDraft({ id: newId(), groupId: group.id, title: 'Model provisions', createdBy: user.id }, new Uint8Array([0, 0]))
      for (const label of ['one', 'two', 'three']) {
        await storage.revisions.createRevision({ draftId: draft.id, label, title: draft.title, createdBy: user.id, state: new Uint8Array([0, 0]), clauses: [] })
      }
      return { draft, user, other }
    }

    const version = (user: User, n: number, overrides: Partial<NewReportVersion> = {}): NewReportVersion => ({
      version: n,
      input: input(),
      content: JSON.stringify({ n, text: 'Unicode “quotes” — <b>&</b>' }),
      createdBy: user.id,
      createdAt: `2026-11-3${n - 1}T10:00:00.000Z`,
      ...overrides,
    })

    it('creates a report at version 1 and reads back its inputs, content, author and time', async () => {
      const { draft, user } = await seed()
      const created = await storage.reports.createReport({ id: 'rep1', draftId: draft.id }, version(user, 1))
      expect(created).toEqual({
        id: 'rep1',
        draftId: draft.id,
        createdBy: user.id,
        createdByName: 'Dewi Rapporteur',
        createdAt: '2026-11-30T10:00:00.000Z',
        latest: { reportId: 'rep1', draftId: draft.id, version: 1, title: 'Report of the Rapporteur', baseRevision: 2, compareTo: 1, createdBy: user.id, createdByName: 'Dewi Rapporteur', createdAt: '2026-11-30T10:00:00.000Z' },
      })
      const stored = await storage.reports.getVersion('rep1', 1)
      expect(stored?.input).toEqual(input())
      expect(stored?.content).toBe(JSON.stringify({ n: 1, text: 'Unicode “quotes” — <b>&</b>' }))
      expect(await storage.reports.getReport('rep1')).toEqual(created)
    })

    it('adds versions 2, 3 … that keep the earlier ones unchanged; the report shows its latest', async () => {
      const { draft, user, other } = await seed()
      await storage.reports.createReport({ id: 'rep1', draftId: draft.id }, version(user, 1))
      const first = await storage.reports.getVersion('rep1', 1)
      const second = await storage.reports.addVersion('rep1', version(other, 2, { input: input({ title: 'Revised report', baseRevision: 3, compareTo: null, rounds: null }) }))
      expect(second).toMatchObject({ version: 2, title: 'Revised report', baseRevision: 3, compareTo: null, createdBy: other.id, createdByName: 'Sami Secretariat' })
      expect(await storage.reports.getVersion('rep1', 1)).toEqual(first)
      expect((await storage.reports.getVersion('rep1', 2))?.input).toEqual(input({ title: 'Revised report', baseRevision: 3, compareTo: null, rounds: null }))
      const report = await storage.reports.getReport('rep1')
      expect(report?.latest.version).toBe(2)
      expect(report?.createdBy).toBe(user.id)
      expect((await storage.reports.listVersions('rep1')).map((v) => v.version)).toEqual([1, 2])
    })

    it('refuses a version number that is taken, and answers null for an unknown report', async () => {
      const { draft, user } = await seed()
      await storage.reports.createReport({ id: 'rep1', draftId: draft.id }, version(user, 1))
      await storage.reports.addVersion('rep1', version(user, 2))
      await expect(storage.reports.addVersion('rep1', version(user, 2))).rejects.toBeInstanceOf(ReportVersionTakenError)
      expect(await storage.reports.addVersion('nope', version(user, 1))).toBeNull()
      expect((await storage.reports.listVersions('rep1')).map((v) => v.version)).toEqual([1, 2])
    })

    it('lists a draft’s reports oldest first, each at its latest version, and nothing for other drafts', async () => {
      const { draft, user } = await seed()
      const { draft: otherDraft } = await seed()
      await storage.reports.createReport({ id: 'a', draftId: draft.id }, version(user, 1))
      await storage.reports.createReport({ id: 'b', draftId: draft.id }, version(user, 1, { createdAt: '2026-12-01T10:00:00.000Z' }))
      await storage.reports.addVersion('a', version(user, 2))
      await storage.reports.createReport({ id: 'c', draftId: otherDraft.id }, version(user, 1))
      expect((await storage.reports.listReports(draft.id)).map((r) => [r.id, r.latest.version])).toEqual([
        ['a', 2],
        ['b', 1],
      ])
      expect(await storage.reports.listReports('no-such-draft')).toEqual([])
    })

    it('returns null or nothing for unknown reports and versions', async () => {
      const { draft, user } = await seed()
      await storage.reports.createReport({ id: 'rep1', draftId: draft.id }, version(user, 1))
      expect(await storage.reports.getReport('nope')).toBeNull()
      expect(await storage.reports.getVersion('rep1', 2)).toBeNull()
      expect(await storage.reports.getVersion('nope', 1)).toBeNull()
      expect(await storage.reports.listVersions('nope')).toEqual([])
    })

    it('ties each version to revisions that exist: an unknown one is refused and nothing is stored', async () => {
      const { draft, user } = await seed()
      await expect(storage.reports.createReport({ id: 'bad', draftId: draft.id }, version(user, 1, { input: input({ baseRevision: 9 }) }))).rejects.toThrow()
      await expect(storage.reports.createReport({ id: 'bad', draftId: draft.id }, version(user, 1, { input: input({ compareTo: 9 }) }))).rejects.toThrow()
      expect(await storage.reports.getReport('bad')).toBeNull()
      await expect(storage.reports.createReport({ id: 'x', draftId: 'no-such-draft' }, version(user, 1))).rejects.toThrow()
    })
  })
}
