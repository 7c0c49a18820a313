import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { describe, expect, it, onTestFinished } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { frameBinary, sendFramed } from './frames'

describe('frameBinary / sendFramed', () => {
  it('delivers each length form intact and in order with ws.send', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false })
    onTestFinished(() => new Promise<void>((resolve) => wss.close(() => resolve())))
    await once(wss, 'listening')
    const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`)
    onTestFinished(() => client.terminate())
    const [server] = (await once(wss, 'connection')) as [WebSocket]
    const sizes = [0, 1, 125, 126, 65535, 65536, 300_000]
    const payloads = sizes.map((n, k) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + k) & 255))
    const received: Buffer[] = []
    const all = new Promise<void>((resolve) =>
      client.on('message', (data: Buffer) => {
        received.push(data)
        if (received.length === payloads.length + 1) resolve()
      }),
    )
    for (const p of payloads) sendFramed(server, frameBinary(p))
    server.send(Uint8Array.of(7)) // ws's own send after ours keeps its place
    await all
    expect(received.map((b) => b.length)).toEqual([...sizes, 1])
    payloads.forEach((p, i) => expect(new Uint8Array(received[i] ?? [])).toEqual(p))
    expect([...(received.at(-1) ?? [])]).toEqual([7])
  })

  it('frames with a 2-, 4- or 10-byte header', () => {
    expect(frameBinary(new Uint8Array(125)).frame.length).toBe(127)
    expect(frameBinary(new Uint8Array(126)).frame.length).toBe(130)
    expect(frameBinary(new Uint8Array(65536)).frame.length).toBe(65546)
  })
})
