import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { addClauseAt, moveClause } from '../../shared/draft/clauseOps'
import { ClauseKey } from '../../shared/draft/format'
import { clausesMap, readClauses } from '../../shared/draft/ydoc'
import { buildDraft, tokenFor } from '../testing/factories'
import { newServerWithGroup } from '../testing/newServer'
import { waitFor } from '../testing/waitFor'
import { type TestClient, connectClient } from '../testing/yclient'
import { isValidPosition } from './draftFormatInspector'

const closeCode = (client: TestClient): Promise<number> =>
  new Promise((resolve) => client.provider.once('connection-close', (event: { code: number } | null) => resolve(event?.code ?? 0)))

describe('the draft format on the server', () => {
  it('refuses updates that would store invalid clause entries (4415), keeping the stored draft intact; honest edits pass', { timeout: 30_000 }, async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    // The rapporteur: delegates suggest new clauses, and statuses are set over HTTP only (the draft guard).
    const token = await tokenFor(t.storage, t.users.rapporteur)
    const honest = connectClient(t.wsUrl, draft.id, token)
    await honest.synced()
    const before = readClauses(honest.doc)
    const first = before[0]?.id ?? ''
    // Honest structure edits of the editor are admitted.
    const added = addClauseAt(honest.doc, 1, { kind: 'article', heading: 'New article', text: 'Body.' })
    moveClause(honest.doc, added, 0)
    await waitFor(async () => (await t.server.ctx.collab.readDoc(draft.id, (doc) => readClauses(doc)[0]?.id)) === added, { message: 'the honest edits stored' })
    const good = await t.server.ctx.collab.readDoc(draft.id, (doc) => JSON.stringify(readClauses(doc)))

    const attacks: [string, (doc: Y.Doc) => void][] = [
      ['invalid position', (doc) => (clausesMap(doc).get(first) as Y.Map<unknown>).set(ClauseKey.position, '!!not a key')],
      ['invalid status', (doc) => (clausesMap(doc).get(first) as Y.Map<unknown>).set(ClauseKey.status, 'adopted-by-me')],
      ['unknown field', (doc) => (clausesMap(doc).get(first) as Y.Map<unknown>).set('owner', 'Kenya')],
      ['heading not text', (doc) => (clausesMap(doc).get(first) as Y.Map<unknown>).set(ClauseKey.heading, 42)],
      ['clause not a map', (doc) => (clausesMap(doc) as unknown as Y.Map<unknown>).set('rogue', 'a string')],
      ['new clause with a bad position', (doc) => {
        const clause = new Y.Map<unknown>()
        clausesMap(doc).set('rogue2', clause)
        clause.set(ClauseKey.position, 12)
      }],
    ]
    for (const [name, attack] of attacks) {
      const writer = connectClient(t.wsUrl, draft.id, token)
      await writer.synced()
      const closed = closeCode(writer)
      attack(writer.doc)
      expect({ name, code: await closed }).toEqual({ name, code: CloseCode.DRAFT_FORMAT_INVALID })
      writer.destroy()
    }
    expect(await t.server.ctx.collab.readDoc(draft.id, (doc) => JSON.stringify(readClauses(doc)))).toBe(good)
    expect(honest.provider.wsconnected).toBe(true)
  })

  it('knows a fractional-indexing key', () => {
    expect(isValidPosition('a0')).toBe(true)
    expect(isValidPosition('a0V')).toBe(true)
    for (const bad of ['', '!!', 'a', 'zzzzzzz', 12, null, 'a0'.repeat(100)]) expect(isValidPosition(bad)).toBe(false)
  })
})
