import WebSocket from 'ws'
import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/closeCodes'
import { MessageType } from './protocol'
import { buildDraft, tokenFor } from '../testing/factories'
import { newServerWithGroup } from '../testing/newServer'
import { once, waitFor } from '../testing/waitFor'
import { type TestClient, connectClient } from '../testing/yclient'
import { encodeEntries } from './awareness'
import { awarenessMessage, syncStep1Message } from './protocol'

const announce = (clientId: number, clock: number, state: unknown): Uint8Array =>
  awarenessMessage(encodeEntries([[clientId, clock, JSON.stringify(state)]]))

async function openRaw(url: string): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  const ws = new WebSocket(url)
  const closed = once<[number]>(ws, 'close').then(([code]) => code)
  await Promise.race([once(ws, 'open'), closed])
  return { ws, closed }
}

/** What a client holds of the room's presence (its own state aside): the room's relayed total. */
const relayedBytes = (client: TestClient): number =>
  [...client.provider.awareness.getStates()].filter(([id]) => id !== client.doc.clientID).reduce((sum, [, state]) => sum + JSON.stringify(state).length, 0)

describe('presence abuse', () => {
  it('refuses sockets of one user beyond the cap (4409), closes an oversized state (4417), and keeps the room’s presence bounded', { timeout: 30_000 }, async () => {
    const t = await newServerWithGroup({ maxSocketsPerUser: 6 })
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const url = `${t.wsUrl}/collab/${draft.id}?token=${await tokenFor(t.storage, t.users.observer)}`
    const sockets = await Promise.all(Array.from({ length: 20 }, () => openRaw(url)))
    const refused = await Promise.all(sockets.slice(6).map((s) => s.closed))
    expect(refused.every((code) => code === CloseCode.TOO_MANY_CONNECTIONS)).toBe(true)
    await waitFor(() => t.server.ctx.collab.stats().connections === 6, { message: 'six sockets held' })

    // Each held socket announces 16 KB of presence: closed, nothing kept.
    const big = 'x'.repeat(16 * 1024)
    sockets.slice(0, 6).forEach((s, i) => s.ws.send(announce(700_000 + i, 1, { user: { name: big }, clauseId: null })))
    const codes = await Promise.all(sockets.slice(0, 6).map((s) => s.closed))
    expect(codes.every((code) => code === CloseCode.PRESENCE_TOO_LARGE)).toBe(true)
    await waitFor(() => t.server.ctx.collab.stats().connections === 0, { message: 'all closed' })

    // The freed slots can be used again, and another user is unaffected throughout.
    const again = await openRaw(url)
    expect(again.ws.readyState).toBe(WebSocket.OPEN)
    const kenya = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.kenya))
    await kenya.synced()
    again.ws.close()
  })

  it('stores at most the room’s presence budget, and answers "query presence" at most once an interval', { timeout: 30_000 }, async () => {
    const t = await newServerWithGroup({ maxSocketsPerUser: 50, roomPresenceMaxBytes: 2_000 })
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const url = `${t.wsUrl}/collab/${draft.id}?token=${await tokenFor(t.storage, t.users.observer)}`
    const sockets = await Promise.all(Array.from({ length: 40 }, () => openRaw(url)))
    sockets.forEach((s, i) => s.ws.send(announce(800_000 + i, 1, { user: { name: 'pad'.repeat(500) }, clauseId: null, extra: 'y'.repeat(1500) })))
    const watcher = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.chair))
    await watcher.synced()
    await waitFor(() => watcher.provider.awareness.getStates().size > 5, { message: 'some presence relayed' })
    expect(relayedBytes(watcher)).toBeLessThanOrEqual(2_000)
    // Nothing beyond what a client may choose was kept.
    for (const [, state] of watcher.provider.awareness.getStates()) expect(state.extra).toBeUndefined()

    // A fresh socket asks 100 times; then a sync step 1 on the same socket, answered after those were read.
    const asker = await openRaw(url)
    let answers = 0
    let synced = false
    asker.ws.on('message', (data: Buffer) => {
      if (data[0] === MessageType.awareness) answers++
      if (data[0] === MessageType.sync && data[1] === 1) synced = true
    })
    for (let i = 0; i < 100; i++) asker.ws.send(new Uint8Array([MessageType.queryAwareness]))
    asker.ws.send(syncStep1Message(new Uint8Array([0])))
    await waitFor(() => synced, { message: 'the asker’s sync answer' })
    // One answer, plus at most a batch or two of the flood still being relayed: not 100 copies of the room.
    expect(answers).toBeLessThanOrEqual(3)
    const probe = asker
    for (const s of [...sockets, probe]) s.ws.close()
    await waitFor(() => t.server.ctx.collab.stats().connections === 1, { message: 'the flood gone' })
    await waitFor(() => relayedBytes(watcher) === 0, { message: 'presence released' })
  })

  it('writes the user fields of presence from the session, and keeps a client id with the user who announced it', async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const chair = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.chair))
    const kenya = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.kenya))
    await Promise.all([chair.synced(), kenya.synced()])
    kenya.provider.awareness.setLocalState({
      user: { id: t.users.japan.id, name: 'Japan delegate (JPN)', state: 'JPN', role: 'chair', color: '#000' },
      clauseId: 'c1',
      cursor: { anchor: { type: null }, head: { type: null } },
      banner: 'extra field',
    })
    const seen = await waitFor(() => {
      const state = chair.provider.awareness.getStates().get(kenya.doc.clientID)
      return state?.clauseId === 'c1' ? state : null
    }, { message: 'Kenya’s presence at the chair' })
    if (!seen) throw new Error('no presence')
    expect(seen.user).toEqual({
      id: t.users.kenya.id,
      name: `${t.users.kenya.displayName} (KEN)`,
      state: 'KEN',
      role: 'delegate',
      color: expect.stringMatching(/^#[0-9a-f]{6}$/),
    })
    expect(seen.cursor).toEqual({ anchor: { type: null }, head: { type: null } })
    expect(seen.banner).toBeUndefined()

    // Japan announces, drops; Kenya's raw socket tries Japan's client id meanwhile: ignored, Japan's own comes through.
    const japanDoc = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.japan))
    await japanDoc.synced()
    japanDoc.provider.awareness.setLocalStateField('clauseId', 'c2')
    const japanId = japanDoc.doc.clientID
    await waitFor(() => chair.provider.awareness.getStates().get(japanId)?.clauseId === 'c2', { message: 'Japan present' })
    japanDoc.provider.disconnect()
    await waitFor(() => !chair.provider.awareness.getStates().has(japanId), { message: 'Japan gone' })
    const raw = await openRaw(`${t.wsUrl}/collab/${draft.id}?token=${await tokenFor(t.storage, t.users.kenya)}`)
    raw.ws.send(announce(japanId, 50, { clauseId: 'hijacked' }))
    japanDoc.provider.connect()
    japanDoc.provider.awareness.setLocalStateField('clauseId', 'c3')
    const back = await waitFor(() => {
      const state = chair.provider.awareness.getStates().get(japanId)
      return state?.clauseId === 'c3' ? state : null
    }, { message: 'Japan back under its own id' })
    if (!back) throw new Error('no presence')
    expect(back.user).toMatchObject({ id: t.users.japan.id, state: 'JPN' })
    expect([...chair.provider.awareness.getStates().values()].some((s) => s.clauseId === 'hijacked')).toBe(false)
    raw.ws.close()
  })
})
