import WebSocket from 'ws'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/closeCodes'
import { clausesMap, readClauses } from '../../shared/draft/ydoc'
import { ClauseKey } from '../../shared/draft/format'
import { loadStoredDoc } from '../services/drafts'
import { TEST_PASSWORD, buildDraft, tokenFor } from '../testing/factories'
import { request, signIn } from '../testing/http'
import { newServer, newServerWithGroup } from '../testing/newServer'
import { connectClient } from '../testing/yclient'
import { once, waitFor } from '../testing/waitFor'
import { updateMessage } from './protocol'

function headingOf(doc: Y.Doc, index: number): Y.Text {
  const clause = readClauses(doc)[index]
  if (!clause) throw new Error(`no clause ${index}`)
  const heading = clausesMap(doc).get(clause.id)?.get(ClauseKey.heading)
  if (!(heading instanceof Y.Text)) throw new Error('heading is not a Y.Text')
  return heading
}

/** Opens a raw websocket and resolves once it is open (or with the refusal status). */
function rawSocket(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket } | { status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers })
    ws.once('open', () => resolve({ ws }))
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 })
      res.resume()
      ws.terminate()
    })
    ws.once('error', reject)
  })
}

async function openRaw(url: string): Promise<WebSocket> {
  const result = await rawSocket(url)
  if (!('ws' in result)) throw new Error(`refused with ${result.status}`)
  return result.ws
}

describe('collaboration websocket', () => {
  it('converges two clients editing clauses, and a client joining later receives the whole draft', async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const kenya = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.kenya))
    const japan = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.japan))
    await Promise.all([kenya.synced(), japan.synced()])
    expect(readClauses(kenya.doc)).toHaveLength(3)

    headingOf(kenya.doc, 1).insert(0, 'Kenya: ')
    headingOf(japan.doc, 1).insert(headingOf(japan.doc, 1).length, ' (Japan)')
    headingOf(japan.doc, 2).delete(0, 4)
    await waitFor(() => headingOf(kenya.doc, 1).toString() === headingOf(japan.doc, 1).toString() && headingOf(kenya.doc, 2).toString() === headingOf(japan.doc, 2).toString(), { message: 'convergence' })
    expect(headingOf(kenya.doc, 1).toString()).toBe('Kenya: Test provision 1 (Japan)')

    const late = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.chair))
    await late.synced()
    expect(readClauses(late.doc)).toEqual(readClauses(kenya.doc))
    expect(Y.encodeStateVector(late.doc)).toEqual(Y.encodeStateVector(kenya.doc))
  })

  it('refuses an unauthenticated upgrade with 401 and a user outside the working group with 403', async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    expect(await rawSocket(`${t.wsUrl}/collab/${draft.id}`)).toEqual({ status: 401 })
    expect(await rawSocket(`${t.wsUrl}/collab/${draft.id}?token=not-a-token`)).toEqual({ status: 401 })
    const outsider = await tokenFor(t.storage, t.users.outsider)
    expect(await rawSocket(`${t.wsUrl}/collab/${draft.id}?token=${outsider}`)).toEqual({ status: 403 })
    // A draft that does not exist looks the same as one the user may not see.
    const member = await tokenFor(t.storage, t.users.kenya)
    expect(await rawSocket(`${t.wsUrl}/collab/nosuchdraft?token=${member}`)).toEqual({ status: 403 })
    expect(await rawSocket(`${t.wsUrl}/elsewhere?token=${member}`)).toEqual({ status: 404 })
  })

  it('accepts a session cookie from the same origin only, and closes the socket (4401) when that session signs out', async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const cookie = await signIn(t.url, t.users.kenya.username, TEST_PASSWORD)
    const host = new URL(t.url).host
    expect(await rawSocket(`${t.wsUrl}/collab/${draft.id}`, { cookie, origin: 'http://evil.example' })).toEqual({ status: 403 })
    const same = await rawSocket(`${t.wsUrl}/collab/${draft.id}`, { cookie, origin: `http://${host}` })
    if (!('ws' in same)) throw new Error(`refused with ${same.status}`)
    // Signing out ends the websocket opened with that session.
    const closed = once<[number]>(same.ws, 'close')
    expect((await request(`${t.url}/api/session`, { method: 'DELETE', cookie })).status).toBe(204)
    expect((await closed)[0]).toBe(CloseCode.SESSION_ENDED)
  })

  it("never applies, stores or broadcasts an observer's updates, nor a delegate's direct edit during consultation", async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const observer = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.observer))
    const rapporteur = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.rapporteur))
    await Promise.all([observer.synced(), rapporteur.synced()])
    headingOf(observer.doc, 1).insert(0, 'OBSERVER ')
    // A marker from a writer, sent after the observer's edit: once it arrives, the observer's edit would have too.
    headingOf(rapporteur.doc, 2).insert(0, 'MARK ')
    await waitFor(() => headingOf(observer.doc, 2).toString().startsWith('MARK '), { message: 'marker at the observer' })
    expect(headingOf(rapporteur.doc, 1).toString()).toBe('Test provision 1')

    await t.server.ctx.storage.setDraftPhase(draft.id, 'consultation', '2030-11-30T00:00:00.000Z')
    // During a comment round a delegate may only suggest: a direct edit is refused whole (4422).
    const kenya = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.kenya))
    await kenya.synced()
    const refused = new Promise<number>((resolve) => kenya.provider.on('connection-close', (event) => resolve(event?.code ?? 0)))
    headingOf(kenya.doc, 1).insert(0, 'KENYA ')
    expect(await refused).toBe(CloseCode.CHANGE_FORBIDDEN)
    kenya.provider.disconnect()
    headingOf(rapporteur.doc, 2).insert(0, 'MARK2 ')
    await waitFor(() => headingOf(observer.doc, 2).toString().startsWith('MARK2 '), { message: 'second marker at the observer' })
    expect(headingOf(rapporteur.doc, 1).toString()).toBe('Test provision 1')

    // After a restart, the stored draft holds the writers' edits only.
    observer.destroy()
    rapporteur.destroy()
    kenya.destroy()
    await t.server.close()
    const again = await newServer({}, t.dataDir)
    const stored = await loadStoredDoc(again.server.ctx.storage, draft.id)
    expect(readClauses(stored).map((c) => c.heading)).toEqual(['Preamble', 'Test provision 1', 'MARK2 MARK Test provision 2'])
    stored.destroy()
  })

  it('closes only the offending connection for a malformed frame, an unknown type and an oversized message', async () => {
    const t = await newServerWithGroup({ maxPayloadBytes: 64 * 1024 })
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const writer = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.kenya))
    const reader = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.japan))
    await Promise.all([writer.synced(), reader.synced()])
    const token = await tokenFor(t.storage, t.users.chair)
    const url = `${t.wsUrl}/collab/${draft.id}?token=${token}`

    const cases: [string, Uint8Array, number][] = [
      ['truncated varint', new Uint8Array([0x80]), CloseCode.MALFORMED_MESSAGE],
      ['update length past the end', new Uint8Array([0, 2, 0xff, 0x7f, 1]), CloseCode.MALFORMED_MESSAGE],
      ['garbage update', updateMessage(new Uint8Array([5, 200, 3, 9, 9, 9, 1])), CloseCode.MALFORMED_MESSAGE],
      ['unknown message type', new Uint8Array([42]), CloseCode.UNKNOWN_MESSAGE_TYPE],
      ['unknown sync sub-type', new Uint8Array([0, 7, 0]), CloseCode.UNKNOWN_MESSAGE_TYPE],
      ['oversized message', new Uint8Array(128 * 1024), CloseCode.MESSAGE_TOO_BIG],
    ]
    for (const [name, frame, expected] of cases) {
      const ws = await openRaw(url)
      const closed = once<[number, Buffer]>(ws, 'close')
      ws.send(frame)
      const [code] = await closed
      expect({ name, code }).toEqual({ name, code: expected })
      // Everyone else carries on editing.
      headingOf(writer.doc, 1).insert(0, `${name}; `)
      await waitFor(() => headingOf(reader.doc, 1).toString().startsWith(`${name}; `), { message: `edit after ${name}` })
    }
    expect(writer.provider.wsconnected && reader.provider.wsconnected).toBe(true)
  })

  it('compacts the log after many updates, and reloading gives the same document', async () => {
    const t = await newServerWithGroup({ compactAfterUpdates: 50 })
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const writer = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.kenya))
    await writer.synced()
    const heading = headingOf(writer.doc, 1)
    for (let i = 0; i < 120; i++) heading.insert(heading.length, ` ${i}`)
    const expected = heading.toString()
    // Each keystroke is its own update; the log never grows past the threshold.
    await waitFor(async () => {
      const doc = await loadStoredDoc(t.storage, draft.id)
      const text = headingOf(doc, 1).toString()
      doc.destroy()
      return text === expected
    }, { message: 'all updates stored' })
    const stats = await t.storage.docs.stats(draft.id)
    expect(stats.updates).toBeLessThan(50)
    expect(stats.snapshotBytes).toBeGreaterThan(0)

    writer.destroy()
    await waitFor(() => t.server.ctx.collab.stats().rooms === 0, { message: 'draft unloaded' })
    await waitFor(async () => (await t.storage.docs.stats(draft.id)).updates === 0, { message: 'compaction on unload' })
    const reloaded = await loadStoredDoc(t.storage, draft.id)
    expect(headingOf(reloaded, 1).toString()).toBe(expected)
    reloaded.destroy()
  })

  it('unloads a draft once its last connection has gone, with its state saved', async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const client = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.kenya))
    await client.synced()
    expect(t.server.ctx.collab.stats()).toEqual({ rooms: 1, connections: 1 })
    headingOf(client.doc, 0).insert(0, 'Saved ')
    await waitFor(async () => (await t.storage.docs.stats(draft.id)).updates === 1, { message: 'update stored' })
    client.destroy()
    await waitFor(() => t.server.ctx.collab.stats().rooms === 0, { message: 'unload' })
    const again = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.japan))
    await again.synced()
    expect(headingOf(again.doc, 0).toString()).toBe('Saved Preamble')
  })
})
