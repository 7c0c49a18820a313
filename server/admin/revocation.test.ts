import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { ClauseKey } from '../../shared/draft/format'
import { clausesMap, readClauses } from '../../shared/draft/ydoc'
import { loadStoredDoc } from '../services/drafts'
import { TEST_PASSWORD, buildDraft, tokenFor } from '../testing/factories'
import { request } from '../testing/http'
import { newServer, newServerWithGroup } from '../testing/newServer'
import { waitFor } from '../testing/waitFor'
import { type TestClient, connectClient } from '../testing/yclient'

const ROOT = path.resolve(import.meta.dirname, '../..')
const run = promisify(execFile)

/** `npm run admin -- …` in a process of its own on the server's data folder (asynchronous: the server keeps serving). */
async function admin(dataDir: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/admin/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    timeout: 60_000,
  })
  return stdout
}

/** The code of the socket's next close; the provider is stopped so that it does not reconnect. */
function nextClose(client: TestClient): Promise<number> {
  return new Promise((resolve) => {
    client.provider.on('connection-close', (event: { code: number } | null) => {
      client.provider.shouldConnect = false
      resolve(event?.code ?? 0)
    })
  })
}

function headingOf(doc: Y.Doc, clauseId: string): Y.Text {
  const heading = clausesMap(doc).get(clauseId)?.get(ClauseKey.heading)
  if (!(heading instanceof Y.Text)) throw new Error('no heading')
  return heading
}

// Only SQLite has a data folder a CLI process and a restarted server share without a URL.
describe.skipIf(process.env.TEST_STORAGE === 'postgres')('the admin CLI in another process, against open sockets', () => {
  it('demoting a delegate makes its open socket read-only: its next write is refused and not stored (after a restart)', async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.secretariat)
    const clauseId = readClauses(await loadStoredDoc(t.storage, draft.id))[1]?.id ?? ''
    const kenya = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.kenya))
    const rapporteur = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.rapporteur))
    await kenya.synced()
    await rapporteur.synced()
    // While still a delegate, its writes go through.
    headingOf(kenya.doc, clauseId).insert(0, 'Kenya: ')
    await waitFor(() => headingOf(rapporteur.doc, clauseId).toString().startsWith('Kenya: '), { message: 'the delegate’s edit' })

    expect(await admin(t.dataDir, 'user', 'set-role', '--username', t.users.kenya.username, '--role', 'observer')).toContain('observer')
    // The server hears of it through the access change log (polled every 500 ms), not from this test.
    await waitFor(() => t.server.ctx.collab.connectionsOf(t.users.kenya.id)[0]?.readOnly === true, { timeout: 3_000, message: 'the socket to turn read-only' })

    headingOf(kenya.doc, clauseId).insert(0, 'DEMOTED ')
    // A barrier on the same socket: once its later presence reaches the rapporteur, the update before it was handled.
    kenya.provider.awareness.setLocalStateField('clauseId', clauseId)
    await waitFor(() => [...rapporteur.provider.awareness.getStates().values()].some((s) => (s as { clauseId?: string }).clauseId === clauseId), {
      message: 'the demoted delegate’s presence',
    })
    expect(headingOf(rapporteur.doc, clauseId).toString()).not.toContain('DEMOTED')
    expect((await request(`${t.url}/api/drafts/${draft.id}`, { token: await tokenFor(t.storage, t.users.kenya) })).body).toMatchObject({ draft: { access: { canEdit: false } } })

    kenya.destroy()
    rapporteur.destroy()
    await t.server.close()
    const again = await newServer({}, t.dataDir)
    const stored = headingOf(await loadStoredDoc(again.server.ctx.storage, draft.id), clauseId).toString()
    expect(stored).toMatch(/^Kenya: /)
    expect(stored).not.toContain('DEMOTED')
  })

  it('`user disable` closes the open socket (4401), ends the token and refuses sign-in (403 account_disabled)', async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.secretariat)
    const token = await tokenFor(t.storage, t.users.japan)
    const japan = connectClient(t.wsUrl, draft.id, token)
    await japan.synced()
    const closed = nextClose(japan)
    expect(await admin(t.dataDir, 'user', 'disable', '--username', t.users.japan.username)).toContain('disabled')
    expect(await closed).toBe(CloseCode.SESSION_ENDED)
    expect((await request(`${t.url}/api/me`, { token })).status).toBe(401)
    const signIn = await request<{ error: { code: string } }>(`${t.url}/api/session`, { method: 'POST', body: { username: t.users.japan.username, password: TEST_PASSWORD } })
    expect(signIn.status).toBe(403)
    expect(signIn.body.error.code).toBe('account_disabled')
  })
})
