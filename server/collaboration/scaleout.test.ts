import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { HistoryEvent } from '../../shared/threadsApi'
import { useTestDatabase } from '../storage/postgres/testing'
import { request } from '../testing/http'
import { startTestRedis } from '../testing/redisServer'
import { heading, headingText, seedSharedDraft, startProcesses } from '../testing/scaleout'
import type { ServerProcess } from '../testing/spawnServer'
import { waitFor } from '../testing/waitFor'
import { connectClient } from '../testing/yclient'

const adminUrl = process.env.TEST_DATABASE_URL || undefined
const redisUrl = process.env.TEST_REDIS_URL || undefined
const enabled = Boolean(adminUrl && redisUrl)
if (!enabled) {
  console.warn(
    'Scale-out tests (several processes over Redis + PostgreSQL) NOT RUN: set TEST_REDIS_URL and TEST_DATABASE_URL ' +
      '(e.g. redis://127.0.0.1:6379 and postgres://postgres@127.0.0.1:5432/postgres; .ci/run sets both).',
  )
}

describe.skipIf(!enabled)('several processes over Redis and PostgreSQL', () => {
  const database = useTestDatabase(adminUrl)

  const seed = () => seedSharedDraft(database.url)
  const start = (count: number, env: Record<string, string> = {}): Promise<ServerProcess[]> => startProcesses(count, database.url, redisUrl ?? '', env)

  it('converges clients on different processes, and carries presence across', async () => {
    const { draft, tokens } = await seed()
    const [a, b, c] = await start(3)
    if (!a || !b || !c) throw new Error('no servers')
    const onA = connectClient(a.wsUrl, draft.id, tokens.writer)
    const onB = connectClient(b.wsUrl, draft.id, tokens.reader)
    const onC = connectClient(c.wsUrl, draft.id, tokens.rapporteur)
    await Promise.all([onA.synced(), onB.synced(), onC.synced()])

    headingText(onA.doc, 1).insert(0, 'From A: ')
    headingText(onC.doc, 2).insert(0, 'From C: ')
    for (const client of [onA, onB, onC]) {
      await waitFor(() => heading(client.doc, 1).startsWith('From A: ') && heading(client.doc, 2).startsWith('From C: '), { message: 'both edits everywhere' })
    }
    expect(Y.encodeStateAsUpdate(onB.doc)).toEqual(Y.encodeStateAsUpdate(onA.doc))

    onA.provider.awareness.setLocalStateField('clauseId', 'writer-on-a')
    const seenOn = (client: typeof onB) => client.provider.awareness.getStates().get(onA.doc.clientID)?.clauseId === 'writer-on-a'
    await waitFor(() => seenOn(onB) && seenOn(onC), { message: 'presence of A on B and C' })
    onA.destroy()
    await waitFor(() => !onB.provider.awareness.getStates().has(onA.doc.clientID), { message: 'A gone from presence on B' })
  })

  it('delivers a thread created over HTTP on one process to a live event stream on another', async () => {
    const { draft, clauseId, tokens } = await seed()
    const [a, b] = await start(2)
    if (!a || !b) throw new Error('no servers')
    const abort = new AbortController()
    const response = await fetch(`${b.url}/api/drafts/${draft.id}/events`, { headers: { authorization: `Bearer ${tokens.reader}` }, signal: abort.signal })
    const reader = response.body?.getReader()
    if (!reader) throw new Error('no body')
    const received = (async () => {
      const decoder = new TextDecoder()
      let buffer = ''
      for (;;) {
        const { value, done } = await reader.read()
        if (done) throw new Error('stream ended')
        buffer += decoder.decode(value, { stream: true })
        const data = buffer.split('\n').find((line) => line.startsWith('data: '))
        if (data) return JSON.parse(data.slice(6)) as HistoryEvent
      }
    })()
    const created = await request<{ thread: { id: string } }>(`${a.url}/api/drafts/${draft.id}/threads`, {
      method: 'POST',
      token: tokens.writer,
      body: { clauseId, body: 'Kenya asks, on process A.' },
    })
    expect(created.status).toBe(201)
    const event = await received
    expect(event).toMatchObject({ type: 'thread.created', threadId: created.body.thread.id })
    abort.abort()
  })

  it('loses nothing a client received when its process is SIGKILLed mid-edit; its clients carry on on another process', async () => {
    const { draft, tokens } = await seed()
    const [a, b, c] = await start(3)
    if (!a || !b || !c) throw new Error('no servers')
    const writer = connectClient(a.wsUrl, draft.id, tokens.writer)
    const watcher = connectClient(b.wsUrl, draft.id, tokens.reader)
    await Promise.all([writer.synced(), watcher.synced()])

    // Type on A until the watcher on B has seen a good part of it, then kill A mid-stream.
    const typing = setInterval(() => headingText(writer.doc, 1).insert(0, 'x'), 2)
    await waitFor(() => heading(watcher.doc, 1).startsWith('x'.repeat(50)), { message: 'typing to reach B' })
    a.child.kill('SIGKILL')
    clearInterval(typing)
    await a.exited
    const received = heading(watcher.doc, 1)
    const receivedState = Y.encodeStateVector(watcher.doc)

    // A fresh client on C (nothing of its own to resend) gets everything B's client had received.
    const fresh = connectClient(c.wsUrl, draft.id, tokens.reader)
    await fresh.synced()
    const freshState = Y.decodeStateVector(Y.encodeStateVector(fresh.doc))
    for (const [client, clock] of Y.decodeStateVector(receivedState)) expect(freshState.get(client) ?? 0).toBeGreaterThanOrEqual(clock)
    expect(heading(fresh.doc, 1).length).toBeGreaterThanOrEqual(received.length)

    // The writer reconnects to C with its own document: what A never stored is sent again.
    writer.provider.destroy()
    const moved = connectClient(c.wsUrl, draft.id, tokens.writer, writer.doc)
    await moved.synced()
    headingText(moved.doc, 1).insert(0, 'after the crash ')
    await waitFor(() => heading(watcher.doc, 1) === heading(moved.doc, 1) && heading(fresh.doc, 1) === heading(moved.doc, 1), {
      message: 'all three to converge after the crash',
    })
    expect(heading(watcher.doc, 1).startsWith('after the crash ')).toBe(true)
  })

  it('heals after the subscribers lose their Redis connection (CLIENT KILL TYPE pubsub): updates published meanwhile are repaired', async () => {
    const { draft, tokens } = await seed()
    // A long first reconnect wait, so that the edits below fall in the gap for certain.
    // A Redis of this test's own: CLIENT KILL must not reach the processes of tests running beside it.
    const redis = await startTestRedis()
    const [a, b] = await startProcesses(2, database.url, redis.url, { REDIS_RETRY_MS: '1500' })
    if (!a || !b) throw new Error('no servers')
    const onA = connectClient(a.wsUrl, draft.id, tokens.writer)
    const onB = connectClient(b.wsUrl, draft.id, tokens.reader)
    await Promise.all([onA.synced(), onB.synced()])
    headingText(onA.doc, 1).insert(0, 'before ')
    await waitFor(() => heading(onB.doc, 1).startsWith('before '), { message: 'pub/sub working' })

    const admin = new Redis(redis.url)
    try {
      // Every subscriber connection on this Redis; publishers stay up, so what they publish now is lost.
      await admin.client('KILL', 'TYPE', 'pubsub')
    } finally {
      admin.disconnect()
    }
    headingText(onA.doc, 1).insert(0, 'during A ')
    headingText(onB.doc, 2).insert(0, 'during B ')
    await new Promise((resolve) => setTimeout(resolve, 300))
    // Nothing crossed during the gap (the subscribers are still waiting to reconnect).
    expect(heading(onB.doc, 1).startsWith('during A ')).toBe(false)
    expect(heading(onA.doc, 2).startsWith('during B ')).toBe(false)

    await waitFor(() => heading(onB.doc, 1).startsWith('during A ') && heading(onA.doc, 2).startsWith('during B '), {
      timeout: 15_000,
      message: 'the repair after reconnecting',
    })
    expect(Y.encodeStateAsUpdate(onA.doc)).toEqual(Y.encodeStateAsUpdate(onB.doc))
  })
})
