import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ClauseKey } from '../../shared/draft/format'
import { clausesMap, readClauses } from '../../shared/draft/ydoc'
import { databaseFile } from '../app'
import { loadConfig } from '../config'
import { loadStoredDoc } from '../services/drafts'
import { SqliteStorage } from '../storage/sqlite/SqliteStorage'
import { buildDraft, buildGroup, buildLargeClauses, buildUser, tokenFor } from '../testing/factories'
import { tempDataDir } from '../testing/newServer'
import { spawnServer } from '../testing/spawnServer'
import { waitFor } from '../testing/waitFor'
import { connectClient } from '../testing/yclient'
import { seededRandom as seeded } from '../../shared/random'

const WRITERS = 20
const KILLS = 5

function heading(doc: Y.Doc, index: number): Y.Text | null {
  const text = clausesMap(doc).get(readClauses(doc)[index]?.id ?? '')?.get(ClauseKey.heading)
  return text instanceof Y.Text ? text : null
}

/** The markers "w<writer>.<n>;" present in a document. */
function markers(doc: Y.Doc): Set<string> {
  return new Set(readClauses(doc).flatMap((c) => c.heading.match(/w\d+\.\d+;/g) ?? []))
}

describe('crash safety under load', () => {
  it(`keeps every update another client received across ${KILLS} SIGKILLs with ${WRITERS} writers, with an intact database`, { timeout: 240_000 }, async () => {
    const dataDir = tempDataDir()
    const file = databaseFile(loadConfig({}, { dataDir }))
    const setup = new SqliteStorage(file)
    const group = await buildGroup(setup)
    const author = await buildUser(setup, { role: 'rapporteur', group })
    const writers = []
    for (let i = 0; i < WRITERS; i++) writers.push(await buildUser(setup, { group, stateCode: 'KEN' }))
    const witnessUser = await buildUser(setup, { role: 'observer', group })
    const draft = await buildDraft(setup, author, { clauses: buildLargeClauses(WRITERS + 1, 1) })
    const tokens = await Promise.all(writers.map((w) => tokenFor(setup, w)))
    const witnessToken = await tokenFor(setup, witnessUser)
    await setup.close()

    const random = seeded(4242)
    const received = new Set<string>()
    for (let round = 0; round < KILLS; round++) {
      // Compact after a few updates too, so kills also land during compaction.
      const server = await spawnServer(dataDir, { COMPACT_AFTER_UPDATES: String(40 + Math.floor(random() * 60)) })
      const witness = connectClient(server.wsUrl, draft.id, witnessToken)
      const clients = tokens.map((token) => connectClient(server.wsUrl, draft.id, token))
      await Promise.all([witness.synced(), ...clients.map((c) => c.synced())])
      witness.doc.on('update', () => {
        for (const marker of markers(witness.doc)) received.add(marker)
      })
      let n = 0
      const typing = setInterval(() => {
        clients.forEach((client, i) => heading(client.doc, i + 1)?.insert(0, `w${i}.${round * 10_000 + n};`))
        n += 1
      }, 5)
      const before = received.size
      await waitFor(() => received.size >= before + WRITERS * (5 + Math.floor(random() * 20)), { timeout: 30_000, message: 'some updates at the witness' })
      server.child.kill('SIGKILL')
      clearInterval(typing)
      // Clients would resend their state on reconnect and hide a loss: stop them first.
      for (const client of [witness, ...clients]) client.destroy()
      await server.exited

      const db = new Database(file, { readonly: true })
      expect(db.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok')
      db.close()
      const check = new SqliteStorage(file)
      const stored = markers(await loadStoredDoc(check, draft.id))
      await check.close()
      const lost = [...received].filter((m) => !stored.has(m))
      expect(lost, `round ${round}: updates a client had received but the server lost`).toEqual([])
    }
    expect(received.size).toBeGreaterThan(WRITERS * 5 * KILLS)
  })
})
