import { describe, expect, it } from 'vitest'
import { readClauses } from '../../shared/draft/ydoc'
import type { MeetingView } from '../../shared/meetingApi'
import { loadStoredDoc } from '../services/drafts'
import { PgStorage } from '../storage/postgres/PgStorage'
import { useTestDatabase } from '../storage/postgres/testing'
import { openEventStream } from '../testing/eventStream'
import { buildDraft, buildGroup, buildUser, tokenFor } from '../testing/factories'
import { request } from '../testing/http'
import { startProcesses } from '../testing/scaleout'

const adminUrl = process.env.TEST_DATABASE_URL || undefined
const redisUrl = process.env.TEST_REDIS_URL || undefined
const enabled = Boolean(adminUrl && redisUrl)

describe.skipIf(!enabled)('a meeting across two processes (PostgreSQL + Redis)', () => {
  const database = useTestDatabase(adminUrl)

  it('the clause on screen and the floor queue reach the event streams and the reads of both processes; concurrent requests for the floor all count', async () => {
    const storage = await PgStorage.connect(database.url, { max: 2 })
    try {
      const group = await buildGroup(storage)
      const chair = await buildUser(storage, { group, role: 'chair' })
      const rapporteur = await buildUser(storage, { group, role: 'rapporteur' })
      const delegates = await Promise.all(['KEN', 'JPN', 'EGY', 'IND'].map((stateCode) => buildUser(storage, { group, role: 'delegate', stateCode })))
      const draft = await buildDraft(storage, rapporteur)
      const clauseId = readClauses(await loadStoredDoc(storage, draft.id))[1]?.id ?? ''
      const [a, b] = await startProcesses(2, database.url, redisUrl ?? '')
      if (!a || !b) throw new Error('two processes')
      const chairToken = await tokenFor(storage, chair)
      const onA = await openEventStream(a.url, draft.id, chairToken)
      const onB = await openEventStream(b.url, draft.id, await tokenFor(storage, delegates[0] ?? chair))

      const opened = await request<MeetingView>(`${a.url}/api/drafts/${draft.id}/meetings`, { method: 'POST', token: chairToken, body: { title: 'Meeting in two rooms' } })
      expect(opened.status).toBe(201)
      const m = `/api/meetings/${opened.body.id}`
      expect((await request(`${a.url}${m}/screen`, { method: 'PUT', token: chairToken, body: { clauseId } })).status).toBe(200)
      for (const stream of [onA, onB]) expect((await stream.next((e) => e.type === 'meeting.screen', 'the screen on both')).clauseId).toBe(clauseId)

      // Four delegations ask at once, two on each process: compare-and-set keeps all four.
      const asks = delegates.map(async (d, i) => request<MeetingView>(`${(i % 2 ? b : a).url}${m}/floor`, { method: 'POST', token: await tokenFor(storage, d) }))
      for (const r of await Promise.all(asks)) expect(r.status).toBe(200)
      for (const server of [a, b]) {
        const view = await request<MeetingView>(`${server.url}${m}`, { token: chairToken })
        expect(view.body.screen?.clauseId).toBe(clauseId)
        expect(view.body.floor.map((f) => f.state).sort()).toEqual(['EGY', 'IND', 'JPN', 'KEN'])
      }
      for (const stream of [onA, onB]) await stream.next((e) => e.type === 'meeting.floor' && Array.isArray(e.data.floor) && e.data.floor.length === 4, 'the full queue on both')
      expect((await request(`${b.url}${m}/speaker`, { method: 'PUT', token: chairToken, body: { state: 'JPN' } })).status).toBe(200)
      for (const stream of [onA, onB]) await stream.next((e) => e.type === 'meeting.floor' && e.data.speaker === 'JPN', 'Japan speaking, on both')
      await Promise.all([onA.close(), onB.close()])
    } finally {
      await storage.close()
    }
  })
})
