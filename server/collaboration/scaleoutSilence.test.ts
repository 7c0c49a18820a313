import { describe, expect, it } from 'vitest'
import type { SilenceView } from '../../shared/agreementApi'
import { readClauses } from '../../shared/draft/ydoc'
import { PgStorage } from '../storage/postgres/PgStorage'
import { run as runSql } from '../storage/postgres/db'
import { useTestDatabase } from '../storage/postgres/testing'
import { buildDraft, buildGroup, buildUser, tokenFor } from '../testing/factories'
import { request } from '../testing/http'
import { startProcesses, storedDoc } from '../testing/scaleout'
import { waitFor } from '../testing/waitFor'
import { connectClient } from '../testing/yclient'

const adminUrl = process.env.TEST_DATABASE_URL || undefined
const redisUrl = process.env.TEST_REDIS_URL || undefined
const enabled = Boolean(adminUrl && redisUrl)

describe.skipIf(!enabled)('silence across two processes (PostgreSQL + Redis)', () => {
  const database = useTestDatabase(adminUrl)

  it('both processes watch the deadline; the adoption happens exactly once and reaches a client of the other process', async () => {
    const storage = await PgStorage.connect(database.url, { max: 2 })
    try {
      const group = await buildGroup(storage)
      const secretariat = await buildUser(storage, { group, role: 'secretariat' })
      const rapporteur = await buildUser(storage, { group, role: 'rapporteur' })
      const kenya = await buildUser(storage, { group })
      const draft = await buildDraft(storage, rapporteur)
      const [a, b] = await startProcesses(2, database.url, redisUrl ?? '', { SILENCE_POLL_MS: '100' })
      if (!a || !b) throw new Error('two processes')
      const reader = connectClient(b.wsUrl, draft.id, await tokenFor(storage, kenya))
      await reader.synced()
      expect((await request(`${a.url}/api/drafts/${draft.id}/revisions`, { method: 'POST', token: await tokenFor(storage, rapporteur), body: { label: 'Circulated' } })).status).toBe(201)
      const started = await request<SilenceView>(`${a.url}/api/drafts/${draft.id}/silence`, { method: 'POST', token: await tokenFor(storage, secretariat), body: { hours: 24 } })
      expect(started.status).toBe(201)

      // The deadline comes: moved into the past in the shared database, as if 24 hours went by.
      await runSql(storage.pool, 'UPDATE silences SET deadline = $1 WHERE id = $2', [new Date(Date.now() - 1000).toISOString(), started.body.id])
      await waitFor(() => readClauses(reader.doc).every((c) => c.status === 'adopted'), { message: 'the adoption on the other process', timeout: 15_000 })
      // Both processes keep polling: give each a few more turns, then count.
      await waitFor(async () => (await storage.listAudit({ action: 'silence.adopted', limit: 5 })).length >= 1)
      for (const server of [a, b]) expect((await request(`${server.url}/api/drafts/${draft.id}/silence`, { token: await tokenFor(storage, kenya) })).status).toBe(200)
      const events = (await storage.threads.listEvents(draft.id)).filter((e) => e.type === 'silence.adopted')
      expect(events).toHaveLength(1)
      expect((await storage.agreement.getSilence(started.body.id))?.state).toBe('adopted')
      const doc = await storedDoc(database.url, draft.id)
      expect(readClauses(doc).map((c) => c.status)).toEqual(started.body.clauseIds.map(() => 'adopted'))
    } finally {
      await storage.close()
    }
  })
})
