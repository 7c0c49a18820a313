import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../../../shared/closeCodes'
import type { ConsoleDraft, ConsoleGroup, SessionView } from '../../../../shared/consoleApi'
import { readTitle } from '../../../../shared/draft/ydoc'
import { TEST_PASSWORD, buildDraft, buildGroup, tokenFor } from '../../../testing/factories'
import { request, signIn } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'
import { waitFor } from '../../../testing/waitFor'
import { type TestClient, connectClient } from '../../../testing/yclient'

type Failure = { error: { code: string } }

function nextClose(client: TestClient): Promise<number> {
  return new Promise((resolve) => {
    client.provider.on('connection-close', (event: { code: number } | null) => {
      client.provider.shouldConnect = false
      resolve(event?.code ?? 0)
    })
  })
}

describe('the console: groups, Member States, drafts, audit', () => {
  it('adds, renames and gives a mandate to working groups; others get 403, another group 404', async () => {
    const t = await newServerWithGroup()
    const token = await tokenFor(t.storage, t.users.secretariat)
    const made = await request<{ group: ConsoleGroup }>(`${t.url}/api/groups`, { method: 'POST', token, body: { slug: 'second-wg', name: 'Second Working Group', mandate: 'Data protection.' } })
    expect(made.status).toBe(201)
    expect((await request<Failure>(`${t.url}/api/groups`, { method: 'POST', token, body: { slug: 'second-wg', name: 'Again' } })).body.error.code).toBe('slug_taken')
    expect((await request(`${t.url}/api/groups`, { method: 'POST', token, body: { slug: 'Bad Slug', name: 'x' } })).status).toBe(400)
    const renamed = await request<{ group: ConsoleGroup }>(`${t.url}/api/groups/${made.body.group.id}`, { method: 'PATCH', token, body: { name: 'Renamed Group', mandate: 'Privacy.' } })
    expect(renamed.body.group).toMatchObject({ slug: 'second-wg', name: 'Renamed Group', mandate: 'Privacy.' })
    expect((await request(`${t.url}/api/groups/${made.body.group.id}`, { method: 'PATCH', token, body: { name: 'Bad\u0007name' } })).status).toBe(400)
    const list = await request<{ groups: ConsoleGroup[] }>(`${t.url}/api/groups`, { token })
    expect(list.body.groups.map((g) => g.slug)).toEqual([t.group.slug, 'second-wg'])
    const foreign = await buildGroup(t.storage)
    expect((await request(`${t.url}/api/groups/${foreign.id}`, { method: 'PATCH', token, body: { name: 'Taken' } })).status).toBe(404)
    const chair = await tokenFor(t.storage, t.users.chair)
    expect((await request(`${t.url}/api/groups`, { token: chair })).status).toBe(403)
    expect((await request(`${t.url}/api/groups`, { method: 'POST', token: chair, body: { slug: 'chair-wg', name: 'x' } })).status).toBe(403)
  })

  it('adds a Member State once (409 again, 400 for a bad code), for the secretariat only', async () => {
    const t = await newServerWithGroup()
    const token = await tokenFor(t.storage, t.users.secretariat)
    expect((await request(`${t.url}/api/member-states`, { method: 'POST', token, body: { code: 'gha', name: 'Ghana' } })).status).toBe(201)
    expect((await request<Failure>(`${t.url}/api/member-states`, { method: 'POST', token, body: { code: 'GHA', name: 'Ghana' } })).body.error.code).toBe('state_exists')
    expect((await request(`${t.url}/api/member-states`, { method: 'POST', token, body: { code: 'GH', name: 'Ghana' } })).status).toBe(400)
    expect((await request(`${t.url}/api/member-states`, { method: 'POST', token: await tokenFor(t.storage, t.users.kenya), body: { code: 'TGO', name: 'Togo' } })).status).toBe(403)
    const states = await request<{ states: { code: string }[] }>(`${t.url}/api/member-states`, { token })
    expect(states.body.states.map((s) => s.code)).toContain('GHA')
    expect(states.body.states.map((s) => s.code)).not.toContain('TGO')
  })

  it('renames a draft (editors see it live) and archives it; others 403, another group 404', async () => {
    const t = await newServerWithGroup()
    const token = await tokenFor(t.storage, t.users.secretariat)
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const editor = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.kenya))
    await editor.synced()
    const renamed = await request<{ draft: ConsoleDraft }>(`${t.url}/api/drafts/${draft.id}/title`, { method: 'PUT', token, body: { title: 'Model provisions, second reading' } })
    expect(renamed.body.draft.title).toBe('Model provisions, second reading')
    await waitFor(() => readTitle(editor.doc) === 'Model provisions, second reading', { message: 'the new title in the editor' })
    expect((await request(`${t.url}/api/drafts/${draft.id}/title`, { method: 'PUT', token, body: { title: 'A\nB' } })).status).toBe(400)
    const archived = await request<{ draft: ConsoleDraft }>(`${t.url}/api/drafts/${draft.id}/archived`, { method: 'PUT', token, body: { archived: true } })
    expect(archived.body.draft.archivedAt).not.toBeNull()
    const list = await request<{ drafts: ConsoleDraft[] }>(`${t.url}/api/console/drafts`, { token })
    expect(list.body.drafts.find((d) => d.id === draft.id)).toMatchObject({ title: 'Model provisions, second reading' })
    // Out of the members' list, still open by its link.
    const listed = async () => (await request<{ drafts: { id: string }[] }>(`${t.url}/api/drafts`, { token: kenya })).body.drafts.map((d) => d.id)
    const kenya = await tokenFor(t.storage, t.users.kenya)
    expect(await listed()).not.toContain(draft.id)
    expect((await request(`${t.url}/api/drafts/${draft.id}`, { token: kenya })).status).toBe(200)
    expect((await request<{ draft: ConsoleDraft }>(`${t.url}/api/drafts/${draft.id}/archived`, { method: 'PUT', token, body: { archived: false } })).body.draft.archivedAt).toBeNull()
    expect(await listed()).toContain(draft.id)
    const rapporteur = await tokenFor(t.storage, t.users.rapporteur)
    expect((await request(`${t.url}/api/drafts/${draft.id}/archived`, { method: 'PUT', token: rapporteur, body: { archived: true } })).status).toBe(403)
    const other = await buildGroup(t.storage)
    await t.storage.addMember(other.id, t.users.outsider.id)
    const outsider = await buildDraft(t.storage, t.users.outsider)
    expect((await request(`${t.url}/api/drafts/${outsider.id}/title`, { method: 'PUT', token, body: { title: 'Taken' } })).status).toBe(404)
    const audit = await request<{ entries: { action: string }[] }>(`${t.url}/api/audit?limit=50`, { token })
    expect(audit.body.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['draft.rename', 'draft.archived', 'draft.unarchived']))
    editor.destroy()
  })

  it('filters the audit log by who, what and when, and exports it as CSV (formulas defused)', async () => {
    let at = Date.UTC(2026, 2, 1, 8)
    const t = await newServerWithGroup({}, { now: () => new Date(at) })
    const token = await tokenFor(t.storage, t.users.secretariat)
    await request(`${t.url}/api/users/${t.users.kenya.id}`, { method: 'PATCH', token, body: { displayName: '=HYPERLINK("x")' } })
    at += 3_600_000
    const boundary = new Date(at).toISOString()
    await request(`${t.url}/api/users/${t.users.japan.id}`, { method: 'PATCH', token, body: { displayName: 'Japan Renamed' } })
    await request(`${t.url}/api/session`, { method: 'POST', body: { username: t.users.kenya.username, password: TEST_PASSWORD } })
    const get = async (query: string) => (await request<{ entries: { action: string; actorName: string; at: string }[] }>(`${t.url}/api/audit?${query}`, { token })).body.entries
    expect((await get('action=user.renamed')).map((e) => e.at)).toHaveLength(2)
    expect((await get(`action=user.renamed&from=${encodeURIComponent(boundary)}`)).map((e) => e.at)).toEqual([boundary])
    expect(await get(`action=user.renamed&to=${encodeURIComponent(boundary)}`)).toHaveLength(1)
    expect((await get(`actor=${t.users.kenya.username.toUpperCase()}`)).map((e) => e.action)).toEqual(['session.signed-in'])
    expect((await request(`${t.url}/api/audit?from=yesterday`, { token })).status).toBe(400)
    const csv = await fetch(`${t.url}/api/audit.csv?action=user.renamed`, { headers: { authorization: `Bearer ${token}` } })
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const text = await csv.text()
    expect(text.split('\r\n')[0]).toBe('id,at,action,actorName,target,address,data')
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(3)
    // The data as one quoted JSON field (its keys in the database's order).
    expect(text).toContain(`""to"":""=HYPERLINK(\\""x\\"")""`)
    expect(text).toContain(`""from"":""${t.users.kenya.displayName}""`)
    expect((await fetch(`${t.url}/api/audit.csv`, { headers: { authorization: `Bearer ${await tokenFor(t.storage, t.users.chair)}` } })).status).toBe(403)
  })
})

describe('my sessions and tokens', () => {
  it('lists sessions, ends one (its socket closes 4401) or all others; the current one stays', async () => {
    const t = await newServerWithGroup()
    const user = t.users.kenya
    const mine = await signIn(t.url, user.username, TEST_PASSWORD)
    const other = await signIn(t.url, user.username, TEST_PASSWORD)
    const third = await signIn(t.url, user.username, TEST_PASSWORD)
    const token = await tokenFor(t.storage, user)
    const list = await request<{ sessions: SessionView[] }>(`${t.url}/api/sessions`, { cookie: mine })
    expect(list.body.sessions).toHaveLength(3)
    expect(list.body.sessions.filter((s) => s.current)).toHaveLength(1)
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const socket = connectClient(t.wsUrl, draft.id, token)
    await socket.synced()
    const closed = nextClose(socket)

    const otherId = (await request<{ sessions: SessionView[] }>(`${t.url}/api/sessions`, { cookie: other })).body.sessions.find((s) => s.current)?.id
    expect((await request(`${t.url}/api/sessions/${otherId}`, { method: 'DELETE', cookie: mine, headers: { origin: t.url } })).status).toBe(204)
    expect((await request(`${t.url}/api/me`, { cookie: other })).status).toBe(401)
    expect((await request(`${t.url}/api/sessions/${otherId}`, { method: 'DELETE', cookie: mine, headers: { origin: t.url } })).status).toBe(404)

    const ended = await request<{ credentialsEnded: number }>(`${t.url}/api/sessions/end-others`, { method: 'POST', cookie: mine, headers: { origin: t.url } })
    expect(ended.body.credentialsEnded).toBe(2)
    expect(await closed).toBe(CloseCode.SESSION_ENDED)
    expect((await request(`${t.url}/api/me`, { cookie: third })).status).toBe(401)
    expect((await request(`${t.url}/api/me`, { cookie: mine })).status).toBe(200)
    // Someone else's session is not one of mine.
    const theirs = await signIn(t.url, t.users.japan.username, TEST_PASSWORD)
    const theirId = (await request<{ sessions: SessionView[] }>(`${t.url}/api/sessions`, { cookie: theirs })).body.sessions[0]?.id
    expect((await request(`${t.url}/api/sessions/${theirId}`, { method: 'DELETE', cookie: mine, headers: { origin: t.url } })).status).toBe(404)
    expect((await request(`${t.url}/api/me`, { cookie: theirs })).status).toBe(200)
  })
})
