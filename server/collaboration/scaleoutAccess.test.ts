import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/closeCodes'
import { PgStorage } from '../storage/postgres/PgStorage'
import { useTestDatabase } from '../storage/postgres/testing'
import { buildDraft, buildGroup, buildUser, tokenFor } from '../testing/factories'
import { request } from '../testing/http'
import { heading, headingText, startProcesses, storedDoc } from '../testing/scaleout'
import { waitFor } from '../testing/waitFor'
import { type TestClient, connectClient } from '../testing/yclient'

const adminUrl = process.env.TEST_DATABASE_URL || undefined
const redisUrl = process.env.TEST_REDIS_URL || undefined
const enabled = Boolean(adminUrl && redisUrl)
const ROOT = path.resolve(import.meta.dirname, '../..')
const run = promisify(execFile)

async function seed(databaseUrl: string) {
  const storage = await PgStorage.connect(databaseUrl, { max: 2 })
  try {
    const group = await buildGroup(storage)
    const delegate = await buildUser(storage, { group })
    const reader = await buildUser(storage, { group, role: 'observer' })
    const rapporteur = await buildUser(storage, { group, role: 'rapporteur' })
    const draft = await buildDraft(storage, rapporteur)
    return {
      draft,
      delegate,
      tokens: { delegate: await tokenFor(storage, delegate), reader: await tokenFor(storage, reader), rapporteur: await tokenFor(storage, rapporteur) },
    }
  } finally {
    await storage.close()
  }
}

/** Whether the reader (elsewhere) has seen the writer's presence `probe`: everything the writer sent before it was handled. */
const sawProbe = (reader: TestClient, probe: number) =>
  [...reader.provider.awareness.getStates().values()].some((state) => (state as { clauseId?: string }).clauseId === `probe${probe}`)

describe.skipIf(!enabled)('rights changed on one process reach sockets on another (PostgreSQL + Redis)', () => {
  const database = useTestDatabase(adminUrl)

  it('a delegate demoted by the admin CLI: its socket on process B stops writing within seconds; signed out on A, its socket on B closes (4401)', async () => {
    const s = await seed(database.url)
    const [a, b] = await startProcesses(2, database.url, redisUrl ?? '')
    if (!a || !b) throw new Error('two processes')
    const writer = connectClient(b.wsUrl, s.draft.id, s.tokens.delegate)
    const reader = connectClient(a.wsUrl, s.draft.id, s.tokens.reader)
    await writer.synced()
    await reader.synced()
    headingText(writer.doc, 1).insert(0, 'Kenya: ')
    await waitFor(() => heading(reader.doc, 1).startsWith('Kenya: '), { message: 'the delegate’s edit on the other process' })

    await run(process.execPath, ['--import', 'tsx', 'server/admin/cli.ts', 'user', 'set-role', '--username', s.delegate.username, '--role', 'observer'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: database.url },
      timeout: 60_000,
    })
    // Probe until one write is dropped: each probe is a write, then a presence the reader on A must see.
    const demotedAt = Date.now()
    let probe = 0
    let dropped: string | null = null
    while (dropped === null) {
      probe += 1
      const marker = `[probe ${probe}] `
      headingText(writer.doc, 1).insert(0, marker)
      writer.provider.awareness.setLocalStateField('clauseId', `probe${probe}`)
      const current = probe
      await waitFor(() => sawProbe(reader, current), { message: `presence probe ${current}` })
      if (!heading(reader.doc, 1).includes(marker)) dropped = marker
      else expect(Date.now() - demotedAt, 'the demotion to reach process B').toBeLessThan(3_000)
    }
    const stored = await storedDoc(database.url, s.draft.id)
    expect(heading(stored, 1)).not.toContain(dropped)
    expect(heading(stored, 1)).toContain('Kenya: ')
    stored.destroy()

    // Over HTTP on process A: a bearer sign-out revokes the token; its socket on B closes.
    const rapporteur = connectClient(b.wsUrl, s.draft.id, s.tokens.rapporteur)
    await rapporteur.synced()
    let code = 0
    rapporteur.provider.on('connection-close', (event: { code: number } | null) => {
      rapporteur.provider.shouldConnect = false
      code = event?.code ?? -1
    })
    expect((await request(`${a.url}/api/session`, { method: 'DELETE', token: s.tokens.rapporteur })).status).toBe(204)
    await waitFor(() => code !== 0, { timeout: 3_000, message: 'the signed-out socket on B to close' })
    expect(code).toBe(CloseCode.SESSION_ENDED)
  })
})
