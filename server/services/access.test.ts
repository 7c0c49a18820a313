import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/closeCodes'
import { DRAFT_MAP } from '../../shared/draft/format'
import { runAdmin } from '../admin/commands'
import { TEST_PASSWORD, buildDraft, buildGroup, buildUser, tokenFor } from '../testing/factories'
import { request, signIn } from '../testing/http'
import { newServerWithGroup } from '../testing/newServer'
import { waitFor } from '../testing/waitFor'
import { type TestClient, connectClient } from '../testing/yclient'

/** The code of the next close of the client's socket (the provider would reconnect: it is stopped). */
function nextClose(client: TestClient): Promise<number> {
  return new Promise((resolve) => {
    let done = false
    client.provider.on('connection-close', (event: { code: number } | null) => {
      if (done) return
      done = true
      client.provider.shouldConnect = false
      resolve(event?.code ?? 0)
    })
  })
}

describe('rights that change reach open sockets', () => {
  it('a demoted delegate’s open socket becomes read-only; its title change was refused before', async () => {
    const { server, wsUrl, storage, users } = await newServerWithGroup()
    const draft = await buildDraft(storage, users.secretariat)
    const kenya = connectClient(wsUrl, draft.id, await tokenFor(storage, users.kenya))
    await kenya.synced()
    const conn = () => server.ctx.collab.connectionsOf(users.kenya.id)[0]
    expect(conn()?.readOnly).toBe(false)
    const result = await runAdmin(['user', 'set-role', '--username', users.kenya.username, '--role', 'observer'], storage)
    expect(result.code).toBe(0)
    await server.ctx.access.poll()
    await waitFor(() => conn()?.readOnly === true, { message: 'socket read-only' })
    expect(conn()?.user.role).toBe('observer')
  })

  it('refuses a title change from a delegate (4422) and takes one from the rapporteur', async () => {
    const { wsUrl, storage, users } = await newServerWithGroup()
    const draft = await buildDraft(storage, users.secretariat)
    const kenya = connectClient(wsUrl, draft.id, await tokenFor(storage, users.kenya))
    await kenya.synced()
    const closing = nextClose(kenya)
    kenya.doc.getMap(DRAFT_MAP).set('title', 'Hijacked')
    expect(await closing).toBe(CloseCode.CHANGE_FORBIDDEN)
    const rapporteur = connectClient(wsUrl, draft.id, await tokenFor(storage, users.rapporteur))
    await rapporteur.synced()
    expect(rapporteur.doc.getMap(DRAFT_MAP).get('title')).not.toBe('Hijacked')
    rapporteur.doc.getMap(DRAFT_MAP).set('title', 'Renamed')
    const observer = connectClient(wsUrl, draft.id, await tokenFor(storage, users.secretariat))
    await observer.synced()
    await waitFor(() => observer.doc.getMap(DRAFT_MAP).get('title') === 'Renamed', { message: 'title renamed' })
  })

  it('disabling closes the socket (4401) and sign-in is refused', async () => {
    const { url, wsUrl, storage, users } = await newServerWithGroup()
    const draft = await buildDraft(storage, users.secretariat)
    const kenya = connectClient(wsUrl, draft.id, await tokenFor(storage, users.kenya))
    await kenya.synced()
    const closing = nextClose(kenya)
    expect((await runAdmin(['user', 'disable', '--username', users.kenya.username], storage)).code).toBe(0)
    expect(await closing).toBe(CloseCode.SESSION_ENDED)
    const refused = await request(`${url}/api/session`, { method: 'POST', body: { username: users.kenya.username, password: TEST_PASSWORD } })
    expect(refused.status).toBe(403)
  })
})

describe('sessions and tokens', () => {
  it('signing out ends the tokens made from the session and their sockets; bearer sign-out revokes only that token', async () => {
    const { url, wsUrl, storage, users } = await newServerWithGroup()
    const draft = await buildDraft(storage, users.secretariat)
    const cookie = await signIn(url, users.kenya.username, TEST_PASSWORD)
    const made = await request<{ token: string; id: string; endsWithSession: boolean; expiresAt: string }>(`${url}/api/tokens`, { method: 'POST', cookie, body: { label: 'script' } })
    expect(made.status).toBe(201)
    expect(made.body.endsWithSession).toBe(true)
    const days = (Date.parse(made.body.expiresAt) - Date.now()) / 86_400_000
    expect(Math.round(days)).toBe(30)
    expect((await request(`${url}/api/tokens`, { method: 'POST', cookie, body: { expiresInDays: 91 } })).status).toBe(400)
    const listed = await request<{ tokens: { id: string }[] }>(`${url}/api/tokens`, { cookie })
    expect(listed.body.tokens.map((t) => t.id)).toEqual([made.body.id])
    const socket = connectClient(wsUrl, draft.id, made.body.token)
    await socket.synced()
    const closing = nextClose(socket)
    expect((await request(`${url}/api/session`, { method: 'DELETE', cookie })).status).toBe(204)
    expect(await closing).toBe(CloseCode.SESSION_ENDED)
    expect((await request(`${url}/api/me`, { token: made.body.token })).status).toBe(401)

    const independent = await tokenFor(storage, users.kenya)
    const other = await tokenFor(storage, users.kenya)
    expect((await request(`${url}/api/session`, { method: 'DELETE', token: independent })).status).toBe(204)
    expect((await request(`${url}/api/me`, { token: independent })).status).toBe(401)
    expect((await request(`${url}/api/me`, { token: other })).status).toBe(200)
  })

  it('DELETE /api/tokens/:id revokes one of the caller’s own tokens only', async () => {
    const { url, storage, users } = await newServerWithGroup()
    const token = await tokenFor(storage, users.kenya)
    const [mine] = await storage.access.listTokens(users.kenya.id, new Date())
    if (!mine) throw new Error('no token')
    const japan = await tokenFor(storage, users.japan)
    expect((await request(`${url}/api/tokens/${mine.id}`, { method: 'DELETE', token: japan })).status).toBe(404)
    expect((await request(`${url}/api/tokens/${mine.id}`, { method: 'DELETE', token })).status).toBe(204)
    expect((await request(`${url}/api/me`, { token })).status).toBe(401)
  })
})

describe('tenancy of the audit log', () => {
  it('the secretariat of group A reads nothing of group B', async () => {
    const { url, storage, users } = await newServerWithGroup()
    const groupB = await buildGroup(storage, { slug: 'second', name: 'Second group' })
    const secretariatB = await buildUser(storage, { role: 'secretariat', group: groupB })
    const tokenB = await tokenFor(storage, secretariatB)
    const made = await request<{ draft: { id: string } }>(`${url}/api/drafts`, { method: 'POST', token: tokenB, body: { title: 'Secret title of B', clauses: [] } })
    expect(made.status).toBe(201)
    await signIn(url, secretariatB.username, TEST_PASSWORD)
    await signIn(url, users.kenya.username, TEST_PASSWORD)
    const log = await request<{ entries: { actorId: string | null; target: string | null; data: unknown }[] }>(`${url}/api/audit`, { token: await tokenFor(storage, users.secretariat) })
    expect(log.status).toBe(200)
    expect(JSON.stringify(log.body)).not.toContain('Secret title of B')
    expect(log.body.entries.some((e) => e.actorId === secretariatB.id || e.target === secretariatB.id)).toBe(false)
    expect(log.body.entries.some((e) => e.actorId === users.kenya.id)).toBe(true)
  })
})
