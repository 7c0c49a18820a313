import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import WebSocket from 'ws'
import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/closeCodes'
import { probeLatency } from '../testing/attack'
import { buildDraft, tokenFor } from '../testing/factories'
import { newServerWithGroup } from '../testing/newServer'
import { once, waitFor } from '../testing/waitFor'
import { encodeEntries } from './awareness'
import { awarenessMessage } from './protocol'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const SOCKETS = 500
const STATE = 'x'.repeat(16 * 1024)

describe('presence flood', () => {
  it(`one token opening ${SOCKETS} sockets, each announcing 16 KB: refused beyond the cap, oversized states closed, others served, memory back near its start`, { timeout: 120_000 }, async () => {
    const t = await newServerWithGroup() // the default caps
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const url = `${t.wsUrl}/collab/${draft.id}?token=${await tokenFor(t.storage, t.users.observer)}`
    gc()
    const baseline = process.memoryUsage().heapUsed
    const probe = probeLatency(t.url, await tokenFor(t.storage, t.users.secretariat))

    // All at once, as the attack did: those beyond the per-user cap are closed with 4409 once connected.
    const sockets = Array.from({ length: SOCKETS }, () => {
      const ws = new WebSocket(url)
      return { ws, closed: once<[number]>(ws, 'close').then(([code]) => code) }
    })
    const settled = () => sockets.every((s) => s.ws.readyState === WebSocket.OPEN || s.ws.readyState === WebSocket.CLOSED)
    const open = () => sockets.filter((s) => s.ws.readyState === WebSocket.OPEN)
    await waitFor(() => settled() && open().length <= t.config.maxSocketsPerUser && t.server.ctx.collab.stats().connections === open().length, { message: 'the sockets past the cap refused' })
    const held = open()
    const refused = await Promise.all(sockets.filter((s) => s.ws.readyState === WebSocket.CLOSED).map((s) => s.closed))
    expect(held.length).toBeLessThanOrEqual(t.config.maxSocketsPerUser)
    expect(held.length).toBeGreaterThan(0)
    expect(refused.length).toBe(SOCKETS - held.length)
    expect(refused.every((code) => code === CloseCode.TOO_MANY_CONNECTIONS)).toBe(true)
    // The held ones announce 16 KB each: closed for it (4417), nothing kept.
    held.forEach((s, i) => s.ws.send(awarenessMessage(encodeEntries([[900_000 + i, 1, JSON.stringify({ user: { name: STATE }, clauseId: null })]]))))
    const closedFor = await Promise.all(held.map((s) => s.closed))
    expect(closedFor.every((code) => code === CloseCode.PRESENCE_TOO_LARGE)).toBe(true)
    await waitFor(() => t.server.ctx.collab.stats().connections === 0, { message: 'every flooding socket gone' })
    expect(await probe.stop()).toBeLessThan(1_000)

    gc()
    expect(process.memoryUsage().heapUsed - baseline).toBeLessThan(32 * 1024 * 1024)
  })
})
