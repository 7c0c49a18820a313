import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { ClauseKey } from '../../shared/draft/format'
import { clausesMap, readClauses } from '../../shared/draft/ydoc'
import { buildDraft, tokenFor } from '../testing/factories'
import { newServerWithGroup } from '../testing/newServer'
import { once, waitFor } from '../testing/waitFor'
import { connectClient } from '../testing/yclient'
import { syncStep1Message } from './protocol'

describe('slow and stormy clients', () => {
  it('closes a client that stops reading (4429) before its backlog can grow server memory, and the others carry on', { timeout: 60_000 }, async () => {
    // Chunks of 256 Ki characters, one item each: above the default UPDATE_MAX_ITEM_CHARS, allowed here.
    const t = await newServerWithGroup({ sendBufferLimitBytes: 256 * 1024, maxPayloadBytes: 4 * 1024 * 1024, updateMaxItemChars: 1_000_000 })
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const writer = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.kenya))
    const reader = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.japan))
    await Promise.all([writer.synced(), reader.synced()])
    const slow = new WebSocket(`${t.wsUrl}/collab/${draft.id}?token=${await tokenFor(t.storage, t.users.observer)}`)
    await once(slow, 'open')
    const closed = once<[number]>(slow, 'close')
    slow.pause() // stops reading: what the server sends piles up
    await waitFor(() => t.server.ctx.collab.stats().connections === 3, { message: 'three connections' })

    const heading = clausesMap(writer.doc).get(readClauses(writer.doc)[1]?.id ?? '')?.get(ClauseKey.heading)
    if (!(heading instanceof Y.Text)) throw new Error('no heading')
    const chunk = 'x'.repeat(256 * 1024)
    for (let i = 0; i < 200 && t.server.ctx.collab.stats().connections === 3; i++) {
      heading.insert(heading.length, chunk)
      await waitFor(() => (readClauses(reader.doc)[1]?.heading.length ?? 0) === heading.length, { message: `chunk ${i} at the reader` })
    }
    // The server dropped the slow client on its own, while it still was not reading.
    expect(t.server.ctx.collab.stats().connections).toBe(2)
    slow.resume()
    expect((await closed)[0]).toBe(CloseCode.SLOW_CONSUMER)
    heading.insert(0, 'After: ')
    await waitFor(() => readClauses(reader.doc)[1]?.heading.startsWith('After: '), { message: 'editing goes on' })
  })

  it('absorbs 200 clients reconnecting at once', { timeout: 60_000 }, async () => {
    const t = await newServerWithGroup({ maxSocketsPerUser: 500, maxSocketsPerDraft: 500 }) // one token stands for 200 readers
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const url = `${t.wsUrl}/collab/${draft.id}?token=${await tokenFor(t.storage, t.users.observer)}`
    const storm = async () => {
      const sockets = Array.from({ length: 200 }, () => new WebSocket(url))
      const synced = sockets.map(
        (ws) =>
          new Promise<void>((resolve, reject) => {
            ws.on('open', () => ws.send(syncStep1Message(new Uint8Array([0]))))
            ws.on('message', (data: Buffer) => {
              if (data[0] === 0 && data[1] === 1) resolve()
            })
            ws.on('error', reject)
          }),
      )
      await Promise.all(synced)
      return sockets
    }
    const first = await storm()
    expect(t.server.ctx.collab.stats()).toEqual({ rooms: 1, connections: 200 })
    for (const ws of first) ws.terminate() // as a network drop would
    const second = await storm()
    await waitFor(() => t.server.ctx.collab.stats().connections === 200, { message: 'the dropped sockets to be gone' })
    const writer = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.kenya))
    await writer.synced()
    const received = new Promise<void>((resolve) => second[0]?.on('message', (data: Buffer) => data[0] === 0 && data[1] === 2 && resolve()))
    const heading = clausesMap(writer.doc).get(readClauses(writer.doc)[0]?.id ?? '')?.get(ClauseKey.heading)
    if (heading instanceof Y.Text) heading.insert(0, 'Storm over: ')
    await received
    for (const ws of second) ws.close()
    await waitFor(() => t.server.ctx.collab.stats().connections === 1, { message: 'the storm to leave' })
  })
})
