import { describe, expect, it } from 'vitest'
import { newId } from '../../shared/ids'
import { parseQuery } from '../search/query'
import { eachCaseStorage, newGroup, newUser, type StorageFactory } from './contractFixtures'
import type { SearchEntry, SearchHit, SearchQuery, SearchStore } from './search'
import type { Draft, Storage } from './Storage'

/** The index on the storage's own database (searchStoreOf). */
export type SearchFactory = (storage: Storage) => SearchStore

/**
 * The behaviour every SearchStore must have, on SQLite (FTS5) and PostgreSQL (tsvector + GIN) alike:
 * phrases, prefixes, case and diacritics, ranking of the exact phrase, working-group isolation,
 * filters, replacement and rebuild.
 */
export function searchStoreContractSuite(name: string, factory: StorageFactory, open: SearchFactory): void {
  describe(`search store contract: ${name}`, () => {
    let storage: Storage
    let index: SearchStore
    eachCaseStorage(factory, (s) => {
      storage = s
      index = open(s)
    })

    async function draftIn(groupId?: string): Promise<Draft> {
      const group = groupId ?? (await storage.createGroup(newGroup())).id
      const user = await storage.createUser(newUser())
      return storage.createDraft({ id: newId(), groupId: group, title: 'Model provisions', createdBy: user.id }, new Uint8Array([0, 0]))
    }

    const entry = (draft: Draft, key: string, body: string, overrides: Partial<SearchEntry> = {}): SearchEntry => ({
      draftId: draft.id,
      key,
      source: 'clause',
      clauseId: key,
      threadId: null,
      revision: null,
      eventId: null,
      stateCode: null,
      label: 'Article 1',
      heading: '',
      body,
      who: '',
      at: '2026-11-01T09:00:00.000Z',
      ...overrides,
    })

    const find = async (draft: Draft, q: string, more: Partial<SearchQuery> = {}): Promise<SearchHit[]> => {
      const query = parseQuery(q)
      if (!query) throw new Error(`no words in ${q}`)
      return index.search({ query, groupIds: [draft.groupId], limit: 50, ...more })
    }
    const keys = (hits: readonly SearchHit[]) => hits.map((h) => h.key)

    it('matches a quoted phrase only where its words stand together, in order', async () => {
      const draft = await draftIn()
      await index.put([
        entry(draft, 'a', 'Each Party shall preserve electronic evidence without delay.'),
        entry(draft, 'b', 'Evidence held in electronic form may be shared.'),
        entry(draft, 'c', 'The evidence, in electronic form or not, is kept.'),
      ])
      expect(keys(await find(draft, '"electronic evidence"'))).toEqual(['a'])
      expect(keys(await find(draft, '"evidence electronic"'))).toEqual([])
      expect((await find(draft, 'electronic evidence')).length).toBe(3)
    })

    it('matches words by their beginning, and quoted words only whole', async () => {
      const draft = await draftIn()
      await index.put([entry(draft, 'a', 'Expedited preservation of stored computer data.'), entry(draft, 'b', 'Preserve the record.')])
      expect(keys(await find(draft, 'preserv')).sort()).toEqual(['a', 'b'])
      expect(keys(await find(draft, 'preservation comp'))).toEqual(['a'])
      expect(keys(await find(draft, '"preserv"'))).toEqual([])
      expect(keys(await find(draft, '"preserve"'))).toEqual(['b'])
    })

    it('ignores case and diacritics, in the text and in the query', async () => {
      const draft = await draftIn()
      await index.put([entry(draft, 'a', 'Proposal of CÔTE D’IVOIRE on Mutual Assistance')])
      for (const q of ['mutual assistance', 'MUTUAL ASSISTANCE', '"Mutual assistance"', 'cote', 'Côte d’Ivoire', 'ivoi']) {
        expect(keys(await find(draft, q)), q).toEqual(['a'])
      }
    })

    it('ranks the words typed, adjacent and in order, above the same words scattered', async () => {
      const draft = await draftIn()
      const scattered = 'Electronic records, and evidence of every kind; electronic means, electronic evidence? No: evidence kept electronically, electronic and evidence again.'
      await index.put([
        entry(draft, 'scattered', scattered.replace('electronic evidence', 'electronic, then evidence'), { at: '2026-11-03T09:00:00.000Z' }),
        entry(draft, 'exact', 'A request for electronic evidence.', { at: '2026-11-01T09:00:00.000Z' }),
      ])
      const hits = await find(draft, 'electronic evidence')
      expect(keys(hits)).toEqual(['exact', 'scattered'])
      expect(hits.map((h) => h.exact)).toEqual([true, false])
    })

    it('finds entries by who wrote them: a name, a State code or a State name', async () => {
      const draft = await draftIn()
      await index.put([
        entry(draft, 'ken', 'We support the text.', { source: 'comment', who: 'Amina Wanjiru · KEN · Kenya', stateCode: 'KEN' }),
        entry(draft, 'egy', 'We reserve our position.', { source: 'position', who: 'EGY · Egypt', stateCode: 'EGY' }),
      ])
      expect(keys(await find(draft, 'Kenya'))).toEqual(['ken'])
      expect(keys(await find(draft, 'egy'))).toEqual(['egy'])
      expect(keys(await find(draft, 'wanjiru support'))).toEqual(['ken'])
    })

    it('never returns entries of drafts outside the groups asked for', async () => {
      const mine = await draftIn()
      const theirs = await draftIn()
      await index.put([entry(mine, 'a', 'Mutual legal assistance.'), entry(theirs, 'b', 'Mutual legal assistance, secret.')])
      expect(keys(await find(mine, 'mutual'))).toEqual(['a'])
      expect(keys(await find(mine, 'secret'))).toEqual([])
      expect(await index.search({ query: parseQuery('mutual') ?? { parts: [], phrase: null }, groupIds: [], limit: 10 })).toEqual([])
      expect(keys(await find(mine, 'mutual', { groupIds: [mine.groupId, theirs.groupId] })).sort()).toEqual(['a', 'b'])
    })

    it('filters by draft, kind and State, and keeps every field of an entry', async () => {
      const draft = await draftIn()
      const other = await draftIn(draft.groupId)
      const comment = entry(draft, 'comment:1', 'On jurisdiction we agree.', { source: 'comment', clauseId: 'c1', threadId: 't1', stateCode: 'KEN', who: 'KEN · Kenya', heading: 'Jurisdiction', label: 'Article 4' })
      await index.put([
        comment,
        entry(draft, 'clause:c1', 'Jurisdiction of each Party.'),
        entry(draft, 'event:9', 'Jurisdiction: status agreed', { source: 'event', eventId: 9, stateCode: 'JPN' }),
        entry(draft, 'revision:2:c1', 'Jurisdiction, as revised.', { source: 'revision', revision: 2 }),
        entry(other, 'clause:x', 'Jurisdiction elsewhere.'),
      ])
      expect((await find(draft, 'jurisdiction')).length).toBe(5)
      expect(keys(await find(draft, 'jurisdiction', { draftId: other.id }))).toEqual(['clause:x'])
      expect(keys(await find(draft, 'jurisdiction', { draftId: draft.id, kinds: ['text'] })).sort()).toEqual(['clause:c1', 'revision:2:c1'])
      expect(keys(await find(draft, 'jurisdiction', { kinds: ['comment', 'event'] })).sort()).toEqual(['comment:1', 'event:9'])
      expect(keys(await find(draft, 'jurisdiction', { stateCode: 'KEN' }))).toEqual(['comment:1'])
      const [hit] = await find(draft, 'agree', { stateCode: 'KEN' })
      expect(hit).toEqual({ ...comment, exact: false })
    })

    it('replaces an entry put again under its key, and forgets removed ones', async () => {
      const draft = await draftIn()
      await index.put([entry(draft, 'clause:a', 'Old wording on extradition.')])
      await index.put([entry(draft, 'clause:a', 'New wording on surrender.')])
      expect(keys(await find(draft, 'extradition'))).toEqual([])
      expect((await find(draft, 'surrender')).map((h) => h.body)).toEqual(['New wording on surrender.'])
      await index.remove(draft.id, ['clause:a', 'clause:none'])
      expect(await find(draft, 'surrender')).toEqual([])
      expect((await index.size()).entries).toBe(0)
    })

    it('relabels the entries of a moved clause, but not its revisions', async () => {
      const draft = await draftIn()
      await index.put([
        entry(draft, 'clause:c1', 'Seizure of data.', { clauseId: 'c1', label: 'Article 5' }),
        entry(draft, 'comment:1', 'On seizure.', { source: 'comment', clauseId: 'c1', label: 'Article 5' }),
        entry(draft, 'revision:1:c1', 'Seizure, first.', { source: 'revision', clauseId: 'c1', revision: 1, label: 'Article 5' }),
        entry(draft, 'clause:c2', 'Seizure elsewhere.', { clauseId: 'c2', label: 'Article 6' }),
      ])
      await index.relabel(draft.id, [{ clauseId: 'c1', label: 'Article 12' }])
      const labels = Object.fromEntries((await find(draft, 'seizure')).map((h) => [h.key, h.label]))
      expect(labels).toEqual({ 'clause:c1': 'Article 12', 'comment:1': 'Article 12', 'revision:1:c1': 'Article 5', 'clause:c2': 'Article 6' })
    })

    it('rebuilds: a draft replaced whole is marked indexed; clear empties the index and the marks', async () => {
      const draft = await draftIn()
      const other = await draftIn()
      expect((await index.unindexed([draft.id, other.id])).sort()).toEqual([draft.id, other.id].sort())
      await index.put([entry(draft, 'stale', 'Stale words about treaties.')])
      await index.replaceDraft(draft.id, [entry(draft, 'clause:a', 'Fresh words about treaties.'), entry(draft, 'clause:b', 'More treaties.')])
      expect(keys(await find(draft, 'treaties')).sort()).toEqual(['clause:a', 'clause:b'])
      expect(await index.unindexed([draft.id, other.id])).toEqual([other.id])
      const size = await index.size()
      expect(size.entries).toBe(2)
      expect(size.bytes).toBeGreaterThan(0)
      await index.clear()
      expect(await find(draft, 'treaties')).toEqual([])
      expect((await index.unindexed([draft.id])).length).toBe(1)
    })

    it('keeps the last of one key put twice in one call, and limits the answer', async () => {
      const draft = await draftIn()
      await index.put([entry(draft, 'a', 'first cybercrime'), entry(draft, 'a', 'second cybercrime'), ...Array.from({ length: 5 }, (_, i) => entry(draft, `n${i}`, 'cybercrime'))])
      expect((await find(draft, 'first'))).toEqual([])
      expect((await find(draft, 'cybercrime', { limit: 3 })).length).toBe(3)
    })
  })
}
