import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { ClauseKey } from '../../shared/draft/format'
import { clausesMap, readClauses } from '../../shared/draft/ydoc'
import { databaseFile } from '../app'
import { loadConfig } from '../config'
import { loadStoredDoc } from '../services/drafts'
import { SqliteStorage } from '../storage/sqlite/SqliteStorage'
import { buildDraft, buildGroup, buildUser, tokenFor } from '../testing/factories'
import { tempDataDir } from '../testing/newServer'
import { spawnServer } from '../testing/spawnServer'
import { waitFor } from '../testing/waitFor'
import { connectClient } from '../testing/yclient'

function heading(doc: Y.Doc, index: number): string {
  const clause = readClauses(doc)[index]
  const text = clause ? clausesMap(doc).get(clause.id)?.get(ClauseKey.heading) : null
  return text instanceof Y.Text ? text.toString() : ''
}

describe('crash safety', () => {
  it('keeps an update that a second client received when the server is SIGKILLed right after', async () => {
    const dataDir = tempDataDir()
    const file = databaseFile(loadConfig({}, { dataDir }))
    const setup = new SqliteStorage(file)
    const group = await buildGroup(setup)
    const writer = await buildUser(setup, { group })
    const reader = await buildUser(setup, { group, stateCode: 'JPN' })
    const draft = await buildDraft(setup, writer)
    const tokens = [await tokenFor(setup, writer), await tokenFor(setup, reader)] as const
    await setup.close()

    const server = await spawnServer(dataDir)
    const a = connectClient(server.wsUrl, draft.id, tokens[0])
    const b = connectClient(server.wsUrl, draft.id, tokens[1])
    await Promise.all([a.synced(), b.synced()])
    const text = clausesMap(a.doc).get(readClauses(a.doc)[1]?.id ?? '')?.get(ClauseKey.heading)
    if (!(text instanceof Y.Text)) throw new Error('no heading')
    text.insert(0, 'Received before the crash: ')
    await waitFor(() => heading(b.doc, 1).startsWith('Received before the crash: '), { message: 'the update at B' })
    server.child.kill('SIGKILL')
    // The clients would resend their state on reconnect and hide a loss: stop them first.
    a.destroy()
    b.destroy()
    await server.exited

    const restarted = await spawnServer(dataDir)
    const c = connectClient(restarted.wsUrl, draft.id, tokens[1])
    await c.synced()
    expect(heading(c.doc, 1)).toBe('Received before the crash: Test provision 1')
    c.destroy()
    restarted.child.kill('SIGKILL')
    await restarted.exited

    const check = new SqliteStorage(file)
    const stored = await loadStoredDoc(check, draft.id)
    expect(heading(stored, 1)).toBe('Received before the crash: Test provision 1')
    expect(check.db.pragma('integrity_check', { simple: true })).toBe('ok')
    stored.destroy()
    await check.close()
  })
})
