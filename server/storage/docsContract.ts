import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type StorageFactory, docFrom, eachCaseStorage, plain, seedDraft as seed, textOf, updateFrom } from './contractFixtures'
import type { Storage } from './Storage'

/**
 * The behaviour every DocStore (`storage.docs`) must have: a draft's document log, its compaction
 * and its health. Each case gets a fresh, empty storage from `factory` and hands it back to its `cleanup`.
 */
export function docStoreContractSuite(name: string, factory: StorageFactory): void {
  describe(`doc store contract: ${name}`, () => {
    let storage: Storage
    eachCaseStorage(factory, (made) => (storage = made))

    const seedDraft = (text?: string) => seed(storage, text)

    it("loads the log byte for byte and in order, whatever bytes it holds (NUL, invalid UTF-8), another draft's updates apart", async () => {
      const { draft } = await seedDraft('')
      const { draft: other } = await seedDraft('')
      const written = [Uint8Array.from([0, 0, 1]), Uint8Array.from([0xff, 0xfe, 0x00, 0xc3]), Uint8Array.from(Array.from({ length: 300 }, (_, i) => (i * 37) % 256)), Uint8Array.from([0x80])]
      for (const [i, update] of written.entries()) {
        await storage.docs.append(draft.id, update)
        await storage.docs.append(other.id, Uint8Array.from([i, 0xee]))
      }
      const loaded = await storage.docs.load(draft.id)
      expect(loaded.updates.map((u) => [...u])).toEqual(written.map((u) => [...u]))
      expect((await storage.docs.load(other.id)).updates.map((u) => [...u])).toEqual(written.map((_, i) => [i, 0xee]))
    })

    describe('draft health (repair and size)', () => {
      it('lists the log with ids and drops chosen updates only', async () => {
        const { draft, doc } = await seedDraft('')
        const ids: number[] = []
        for (const word of ['one ', 'two ', 'three ']) ids.push(await storage.docs.append(draft.id, updateFrom(doc, (body) => body.insert(body.length, word))))
        const rows = await storage.docs.listUpdates(draft.id)
        expect(rows.map((r) => r.id)).toEqual(ids)
        expect(rows.every((r) => r.data instanceof Uint8Array && r.data.byteLength > 0)).toBe(true)
        expect(await storage.docs.dropUpdates(draft.id, [ids[1] ?? 0])).toBe(1)
        expect((await storage.docs.listUpdates(draft.id)).map((r) => r.id)).toEqual([ids[0], ids[2]])
        expect(await storage.docs.dropUpdates(draft.id, [])).toBe(0)
        expect(await storage.docs.listUpdates('no-such-draft')).toEqual([])
      })

      it("keeps each update's author with its id (null for the server's own and when none is given)", async () => {
        const { draft, doc } = await seedDraft('')
        const byUser = await storage.docs.append(draft.id, updateFrom(doc, (body) => body.insert(0, 'a')), 'user-kenya')
        const byServer = await storage.docs.append(draft.id, updateFrom(doc, (body) => body.insert(1, 'b')), null)
        const unnamed = await storage.docs.append(draft.id, updateFrom(doc, (body) => body.insert(2, 'c')))
        const rows = await storage.docs.listUpdates(draft.id)
        expect(rows.map((r) => [r.id, r.authorId])).toEqual([
          [byUser, 'user-kenya'],
          [byServer, null],
          [unnamed, null],
        ])
        expect(textOf(await storage.docs.load(draft.id))).toBe('abc')
      })

      it('records a size and a damage mark, each leaving the other alone; nothing for an unknown draft', async () => {
        const { draft } = await seedDraft()
        expect(await storage.docs.getHealth(draft.id)).toBeNull()
        await storage.docs.setDamage(draft.id, 'update 2 of the log is beyond the limits')
        await storage.docs.recordSize(draft.id, { bytes: 1234, items: 56 })
        expect(await storage.docs.getHealth(draft.id)).toMatchObject({ bytes: 1234, items: 56, damage: 'update 2 of the log is beyond the limits', measuredAt: expect.any(String), damagedAt: expect.any(String) })
        await storage.docs.setDamage(draft.id, null)
        expect(await storage.docs.getHealth(draft.id)).toMatchObject({ bytes: 1234, items: 56, damage: null, damagedAt: null })
        await storage.docs.recordSize('no-such-draft', { bytes: 1, items: 1 })
        expect(await storage.docs.getHealth('no-such-draft')).toBeNull()
      })
    })

    describe('document log', () => {
      it('returns an empty document for an unknown draft', async () => {
        await seedDraft()
        expect(await storage.docs.load('no-such-draft')).toEqual({ snapshot: null, updates: [], lastUpdateId: 0 })
        expect(await storage.docs.stats('no-such-draft')).toEqual({ updates: 0, updateBytes: 0, snapshotBytes: 0 })
      })

      it('gives appended updates strictly increasing ids', async () => {
        const { draft, doc } = await seedDraft('')
        const ids: number[] = []
        for (const word of ['one ', 'two ', 'three ', 'four ']) {
          ids.push(await storage.docs.append(draft.id, updateFrom(doc, (body) => body.insert(body.length, word))))
        }
        for (const [i, id] of ids.entries()) {
          expect(Number.isInteger(id)).toBe(true)
          expect(id).toBeGreaterThan(i === 0 ? 0 : (ids[i - 1] ?? 0))
        }
      })

      it('loads the snapshot and the updates in append order, with the id of the newest', async () => {
        const { draft, doc, state } = await seedDraft('Article 1.')
        const updates = [
          updateFrom(doc, (body) => body.insert(body.length, ' Scope.')),
          updateFrom(doc, (body) => body.insert(0, 'Chapter I. ')),
          updateFrom(doc, (body) => body.delete(0, 'Chapter '.length)),
        ]
        let lastId = 0
        for (const update of updates) lastId = await storage.docs.append(draft.id, update)

        const stored = await storage.docs.load(draft.id)
        expect(plain(stored.snapshot)).toEqual(plain(state))
        expect(stored.updates.map(plain)).toEqual(updates.map(plain))
        expect(stored.lastUpdateId).toBe(lastId)
        expect(textOf(stored)).toBe('I. Article 1. Scope.')
        expect(textOf(stored)).toBe(doc.getText('body').toString())
      })

      it('loads what was stored after an update id: newer updates, and the snapshot only if it folds newer ones', async () => {
        const { draft, doc } = await seedDraft('Article 1.')
        const first = await storage.docs.append(draft.id, updateFrom(doc, (body) => body.insert(body.length, ' Scope.')))
        const second = updateFrom(doc, (body) => body.insert(0, 'Chapter I. '))
        const secondId = await storage.docs.append(draft.id, second)

        const since = await storage.docs.loadSince(draft.id, first)
        expect(since.snapshot).toBeNull()
        expect(since.updates.map(plain)).toEqual([plain(second)])
        expect(since.lastUpdateId).toBe(secondId)
        expect(await storage.docs.loadSince(draft.id, secondId)).toEqual({ snapshot: null, updates: [], lastUpdateId: secondId })

        // A peer compacted through `first`: a reader that had only the initial state gets that snapshot back.
        const folded = new Y.Doc()
        Y.applyUpdate(folded, Y.encodeStateAsUpdate(doc))
        await storage.docs.compact(draft.id, Y.encodeStateAsUpdate(folded), first)
        const afterCompaction = await storage.docs.loadSince(draft.id, 0)
        expect(afterCompaction.snapshot).not.toBeNull()
        expect(afterCompaction.updates.map(plain)).toEqual([plain(second)])
        expect(afterCompaction.lastUpdateId).toBe(secondId)
        expect((await storage.docs.loadSince(draft.id, first)).snapshot).toBeNull()

        // For a compaction: every update still in the log, whatever the id it is asked after.
        const every = await storage.docs.loadSince(draft.id, secondId, { everyUpdate: true })
        expect(every.snapshot).toBeNull()
        expect(every.updates.map(plain)).toEqual([plain(second)])
        expect(every.lastUpdateId).toBe(secondId)
      })

      it('runs a compaction under the draft’s compaction lock and releases it', async () => {
        const { draft } = await seedDraft('A')
        let runs = 0
        expect(await storage.docs.withCompactionLock(draft.id, async () => void (runs += 1))).toBe(true)
        expect(await storage.docs.withCompactionLock(draft.id, async () => void (runs += 1))).toBe(true)
        expect(runs).toBe(2)
        await expect(storage.docs.withCompactionLock(draft.id, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
        expect(await storage.docs.withCompactionLock(draft.id, async () => void (runs += 1))).toBe(true)
      })

      it('keeps each draft’s updates to itself', async () => {
        const a = await seedDraft('A')
        const b = await seedDraft('B')
        const idsA: number[] = []
        const idsB: number[] = []
        // Interleaved, as two busy drafts would be.
        idsA.push(await storage.docs.append(a.draft.id, updateFrom(a.doc, (body) => body.insert(1, '1'))))
        idsB.push(await storage.docs.append(b.draft.id, updateFrom(b.doc, (body) => body.insert(1, 'x'))))
        idsA.push(await storage.docs.append(a.draft.id, updateFrom(a.doc, (body) => body.insert(2, '2'))))
        idsB.push(await storage.docs.append(b.draft.id, updateFrom(b.doc, (body) => body.insert(2, 'y'))))

        const storedA = await storage.docs.load(a.draft.id)
        const storedB = await storage.docs.load(b.draft.id)
        expect(storedA.updates).toHaveLength(2)
        expect(storedB.updates).toHaveLength(2)
        expect(textOf(storedA)).toBe('A12')
        expect(textOf(storedB)).toBe('Bxy')
        expect(storedA.lastUpdateId).toBe(idsA.at(-1))
        expect(storedB.lastUpdateId).toBe(idsB.at(-1))
        expect(await storage.docs.stats(a.draft.id)).toMatchObject({ updates: 2 })
      })

      it('compacts: replaces the snapshot, drops updates up to the id and keeps later ones', async () => {
        const { draft, doc } = await seedDraft('Text')
        await storage.docs.append(draft.id, updateFrom(doc, (body) => body.insert(4, ' one')))
        const throughId = await storage.docs.append(draft.id, updateFrom(doc, (body) => body.insert(8, ' two')))
        // The server snapshots what it loaded; an update that arrives meanwhile must survive.
        const snapshot = Y.encodeStateAsUpdate(docFrom(await storage.docs.load(draft.id)))
        const late = updateFrom(doc, (body) => body.insert(12, ' three'))
        const lateId = await storage.docs.append(draft.id, late)

        await storage.docs.compact(draft.id, snapshot, throughId)

        const stored = await storage.docs.load(draft.id)
        expect(plain(stored.snapshot)).toEqual(plain(snapshot))
        expect(stored.updates.map(plain)).toEqual([plain(late)])
        expect(stored.lastUpdateId).toBe(lateId)
        expect(textOf(stored)).toBe('Text one two three')
      })

      it('keeps lastUpdateId after compacting every update, and new ids continue above it', async () => {
        const { draft, doc } = await seedDraft('Text')
        await storage.docs.append(draft.id, updateFrom(doc, (body) => body.insert(4, '!')))
        const throughId = await storage.docs.append(draft.id, updateFrom(doc, (body) => body.insert(5, '!')))
        await storage.docs.compact(draft.id, Y.encodeStateAsUpdate(doc), throughId)

        const compacted = await storage.docs.load(draft.id)
        expect(compacted.updates).toEqual([])
        expect(compacted.lastUpdateId).toBe(throughId)
        expect(textOf(compacted)).toBe('Text!!')

        const nextId = await storage.docs.append(draft.id, updateFrom(doc, (body) => body.insert(6, '?')))
        expect(nextId).toBeGreaterThan(throughId)
        const after = await storage.docs.load(draft.id)
        expect(after.lastUpdateId).toBe(nextId)
        expect(textOf(after)).toBe('Text!!?')

        // A second compaction replaces the first snapshot.
        const second = Y.encodeStateAsUpdate(doc)
        await storage.docs.compact(draft.id, second, nextId)
        const twice = await storage.docs.load(draft.id)
        expect(plain(twice.snapshot)).toEqual(plain(second))
        expect(twice.updates).toEqual([])
        expect(twice.lastUpdateId).toBe(nextId)
      })

      it("compacting one draft leaves another draft's log untouched", async () => {
        const a = await seedDraft('A')
        const b = await seedDraft('B')
        const updateB = updateFrom(b.doc, (body) => body.insert(1, 'b'))
        await storage.docs.append(b.draft.id, updateB)
        const throughA = await storage.docs.append(a.draft.id, updateFrom(a.doc, (body) => body.insert(1, 'a')))
        // throughA is above B's update id: only A's rows may go.
        await storage.docs.compact(a.draft.id, Y.encodeStateAsUpdate(a.doc), throughA)
        const storedB = await storage.docs.load(b.draft.id)
        expect(plain(storedB.snapshot)).toEqual(plain(b.state))
        expect(storedB.updates.map(plain)).toEqual([plain(updateB)])
        expect(textOf(storedB)).toBe('Bb')
      })

      it('reports the number and size of stored updates and the snapshot size', async () => {
        const { draft, doc, state } = await seedDraft('Stats')
        expect(await storage.docs.stats(draft.id)).toEqual({ updates: 0, updateBytes: 0, snapshotBytes: state.byteLength })

        const u1 = updateFrom(doc, (body) => body.insert(5, ' one'))
        const u2 = updateFrom(doc, (body) => body.insert(9, ' two'))
        const u3 = updateFrom(doc, (body) => body.insert(13, ' three'))
        await storage.docs.append(draft.id, u1)
        const throughId = await storage.docs.append(draft.id, u2)
        await storage.docs.append(draft.id, u3)
        expect(await storage.docs.stats(draft.id)).toEqual({
          updates: 3,
          updateBytes: u1.byteLength + u2.byteLength + u3.byteLength,
          snapshotBytes: state.byteLength,
        })

        const snapshot = Y.encodeStateAsUpdate(docFrom(await storage.docs.load(draft.id)))
        await storage.docs.compact(draft.id, snapshot, throughId)
        expect(await storage.docs.stats(draft.id)).toEqual({ updates: 1, updateBytes: u3.byteLength, snapshotBytes: snapshot.byteLength })
      })
    })
  })
}
