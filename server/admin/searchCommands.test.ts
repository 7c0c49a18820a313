import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseQuery } from '../search/query'
import type { SearchStore } from '../storage/search'
import { searchStoreOf } from '../storage/searchStore'
import { SqliteStorage } from '../storage/sqlite/SqliteStorage'
import { buildDraft, buildGroup, buildUser } from '../testing/factories'
import { runAdmin } from './commands'

let dir: string
let storage: SqliteStorage
let index: SearchStore

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'provisio-search-admin-'))
  storage = new SqliteStorage(path.join(dir, 'provisio.sqlite'))
  index = searchStoreOf(storage)
})

afterEach(async () => {
  await storage.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

async function found(groupId: string, q: string): Promise<string[]> {
  const query = parseQuery(q)
  if (!query) throw new Error('no words')
  return (await index.search({ query, groupIds: [groupId], limit: 20 })).map((h) => h.key)
}

describe('npm run admin -- search rebuild', () => {
  it('builds the index again from what is stored: every draft, stale entries gone; audited', async () => {
    const group = await buildGroup(storage)
    const author = await buildUser(storage, { role: 'rapporteur', group })
    const draft = await buildDraft(storage, author, { clauses: [{ kind: 'article', heading: 'Extradition', text: 'Each State shall extradite or prosecute.' }] })
    await index.put([{ draftId: draft.id, key: 'clause:gone', source: 'clause', clauseId: 'gone', threadId: null, revision: null, eventId: null, stateCode: null, label: 'Article 9', heading: '', body: 'A stale prosecute entry.', who: '', at: '2026-01-01T00:00:00.000Z' }])
    const result = await runAdmin(['search', 'rebuild'], storage)
    expect(result.code, result.out.join('\n')).toBe(0)
    expect(result.out[0]).toMatch(/^Indexed 1 draft\(s\) in [\d.]+ s: the index holds 1 entries \(\d+ KiB\)\.$/)
    expect(await found(group.id, 'prosecute')).toHaveLength(1)
    expect(await found(group.id, 'stale')).toEqual([])
    expect(await index.unindexed([draft.id])).toEqual([])
    expect((await storage.listAudit({ action: 'search.rebuilt', limit: 5 })).map((e) => e.data)).toEqual([{ drafts: 1, entries: 1 }])
  })

  it('rebuilds one draft, leaving the others as they are, and refuses an unknown draft (exit 2)', async () => {
    const group = await buildGroup(storage)
    const author = await buildUser(storage, { role: 'rapporteur', group })
    const one = await buildDraft(storage, author, { clauses: [{ kind: 'article', heading: 'Jurisdiction', text: 'Jurisdiction over offences.' }] })
    const two = await buildDraft(storage, author, { clauses: [{ kind: 'article', heading: 'Jurisdiction', text: 'Jurisdiction again.' }] })
    expect((await runAdmin(['search', 'rebuild', one.id], storage)).code).toBe(0)
    expect(await index.unindexed([one.id, two.id])).toEqual([two.id])
    expect(await found(group.id, 'jurisdiction')).toHaveLength(1)
    const unknown = await runAdmin(['search', 'rebuild', 'no-such-draft'], storage)
    expect(unknown).toEqual({ code: 2, out: ['Error: Unknown draft "no-such-draft".'] })
    expect((await runAdmin(['search', 'rebuild', one.id, 'extra'], storage)).code).toBe(2)
  })
})
