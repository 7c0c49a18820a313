import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { useTestDatabase } from '../storage/postgres/testing'
import { startTestRedis } from '../testing/redisServer'
import { heading, headingText, seedSharedDraft, startProcesses, storedDoc } from '../testing/scaleout'
import { waitFor } from '../testing/waitFor'
import { type TestClient, connectClient } from '../testing/yclient'

const adminUrl = process.env.TEST_DATABASE_URL || undefined
const enabled = Boolean(adminUrl && process.env.TEST_REDIS_URL)
if (!enabled) {
  console.warn(
    'Scale-out fault tests (Redis restart, concurrent compaction, a killed process’s presence) NOT RUN: set TEST_REDIS_URL and ' +
      'TEST_DATABASE_URL (.ci/run sets both; these tests start a redis-server of their own).',
  )
}

// The server writes `user` from the session: a client marks itself by the clause it says it is in.
const nameOf = (watcher: TestClient, client: TestClient): string | undefined =>
  (watcher.provider.awareness.getStates().get(client.doc.clientID) as { clauseId?: string } | undefined)?.clauseId

describe.skipIf(!enabled)('several processes: faults', () => {
  const database = useTestDatabase(adminUrl)

  it('heals after Redis itself restarts: edits made while it was down reach the other process, presence comes back', async () => {
    const redis = await startTestRedis()
    const { draft, tokens } = await seedSharedDraft(database.url)
    const [a, b] = await startProcesses(2, database.url, redis.url)
    if (!a || !b) throw new Error('no servers')
    const onA = connectClient(a.wsUrl, draft.id, tokens.writer)
    const onB = connectClient(b.wsUrl, draft.id, tokens.rapporteur)
    await Promise.all([onA.synced(), onB.synced()])
    onA.provider.awareness.setLocalStateField('clauseId', 'kenya-on-a')
    headingText(onA.doc, 1).insert(0, 'before ')
    await waitFor(() => heading(onB.doc, 1).startsWith('before ') && nameOf(onB, onA) === 'kenya-on-a', { message: 'pub/sub working' })

    await redis.stop()
    headingText(onA.doc, 1).insert(0, 'while down A ')
    headingText(onB.doc, 2).insert(0, 'while down B ')
    // The servers keep their websockets: editing goes on, stored, while Redis is away.
    await waitFor(async () => heading(await storedDoc(database.url, draft.id), 1).startsWith('while down A '), { message: 'A to store its edit without Redis' })
    await redis.start()

    await waitFor(() => heading(onB.doc, 1).startsWith('while down A ') && heading(onA.doc, 2).startsWith('while down B '), {
      timeout: 20_000,
      message: 'the repair after Redis came back',
    })
    expect(Y.encodeStateAsUpdate(onA.doc)).toEqual(Y.encodeStateAsUpdate(onB.doc))
    expect(onA.provider.wsconnected && onB.provider.wsconnected).toBe(true)
    // Live again both ways, presence included.
    headingText(onB.doc, 1).insert(0, 'after ')
    onA.provider.awareness.setLocalStateField('clauseId', 'kenya-on-a-again')
    await waitFor(() => heading(onA.doc, 1).startsWith('after ') && nameOf(onB, onA) === 'kenya-on-a-again', { timeout: 15_000, message: 'pub/sub after the restart' })
  })

  it('loses nothing when two processes compact the same draft again and again while both are written to', async () => {
    const { draft, tokens } = await seedSharedDraft(database.url)
    const redisUrl = process.env.TEST_REDIS_URL ?? ''
    // Compaction after every 2 stored batches, on both processes at once.
    const [a, b] = await startProcesses(2, database.url, redisUrl, { COMPACT_AFTER_UPDATES: '2' })
    if (!a || !b) throw new Error('no servers')
    const onA = connectClient(a.wsUrl, draft.id, tokens.writer)
    const onB = connectClient(b.wsUrl, draft.id, tokens.rapporteur)
    await Promise.all([onA.synced(), onB.synced()])
    const typed = 120
    let count = 0
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        headingText(onA.doc, 1).insert(0, 'a')
        headingText(onB.doc, 2).insert(0, 'b')
        count += 1
        if (count === typed) {
          clearInterval(timer)
          resolve()
        }
      }, 3)
    })
    const expected = (doc: Y.Doc) => heading(doc, 1).startsWith('a'.repeat(typed)) && heading(doc, 2).startsWith('b'.repeat(typed))
    await waitFor(() => expected(onA.doc) && expected(onB.doc), { message: 'both clients to see all typing' })
    // Everything is in the shared store (snapshot + log) while both are loaded …
    await waitFor(async () => expected(await storedDoc(database.url, draft.id)), { message: 'the store to hold every keystroke' })
    // … and after both unload (each compacts on the way out).
    onA.destroy()
    onB.destroy()
    const fresh = connectClient(a.wsUrl, draft.id, tokens.reader)
    await fresh.synced()
    expect(expected(fresh.doc)).toBe(true)
    fresh.destroy()
    await waitFor(async () => expected(await storedDoc(database.url, draft.id)), { message: 'the store after unloading' })
  })

  it('removes the presence of a killed process’s clients from the others within a few heartbeats', async () => {
    const { draft, tokens } = await seedSharedDraft(database.url)
    const [a, b] = await startProcesses(2, database.url, process.env.TEST_REDIS_URL ?? '', { PEER_HEARTBEAT_MS: '200' })
    if (!a || !b) throw new Error('no servers')
    const onA = connectClient(a.wsUrl, draft.id, tokens.writer)
    const onB = connectClient(b.wsUrl, draft.id, tokens.reader)
    await Promise.all([onA.synced(), onB.synced()])
    onA.provider.awareness.setLocalStateField('clauseId', 'kenya-on-a')
    await waitFor(() => nameOf(onB, onA) === 'kenya-on-a', { message: 'A’s client at B' })
    // Stop the client from reconnecting anywhere, then kill its process: only the heartbeat can tell.
    onA.provider.shouldConnect = false
    a.child.kill('SIGKILL')
    await a.exited
    // y-protocols alone would keep it for 30 s; a few heartbeat intervals (0.6 s here) is what we promise.
    await waitFor(() => nameOf(onB, onA) === undefined, { timeout: 10_000, message: 'A’s client gone from presence at B' })

    // The same client reconnects, routed to B now: shown again at once, and it moves on from there.
    onA.provider.serverUrl = `${b.wsUrl}/collab`
    onA.provider.shouldConnect = true
    onA.provider.connect()
    await waitFor(() => nameOf(onB, onA) === 'kenya-on-a', { message: 'the client back in presence' })
    onA.provider.awareness.setLocalStateField('clauseId', 'kenya-now-on-b')
    await waitFor(() => nameOf(onB, onA) === 'kenya-now-on-b', { message: 'its next change seen' })
  })
})
