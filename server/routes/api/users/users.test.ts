import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../../../shared/closeCodes'
import type { ConsoleUser } from '../../../../shared/consoleApi'
import { TEST_PASSWORD, buildDraft, buildGroup, buildUser, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'
import { waitFor } from '../../../testing/waitFor'
import { type TestClient, connectClient } from '../../../testing/yclient'

type Users = { users: ConsoleUser[] }
type One = { user: ConsoleUser }
type Failure = { error: { code: string; message: string } }

function nextClose(client: TestClient): Promise<number> {
  return new Promise((resolve) => {
    client.provider.on('connection-close', (event: { code: number } | null) => {
      client.provider.shouldConnect = false
      resolve(event?.code ?? 0)
    })
  })
}

/** Reads an event stream until the server ends it; resolves then. */
async function streamEnded(url: string, token: string): Promise<void> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
  expect(response.status).toBe(200)
  const reader = response.body?.getReader()
  if (!reader) throw new Error('no body')
  for (;;) if ((await reader.read()).done) return
}

describe('the console: users', () => {
  it('lists the group’s users, filtered by role and State; nobody else may (403)', async () => {
    const t = await newServerWithGroup()
    const token = await tokenFor(t.storage, t.users.secretariat)
    const all = await request<Users>(`${t.url}/api/users`, { token })
    expect(all.status).toBe(200)
    const names = all.body.users.map((u) => u.username)
    expect(names).toContain(t.users.kenya.username)
    expect(names).not.toContain(t.users.outsider.username)
    const kenya = await request<Users>(`${t.url}/api/users?role=delegate&state=ken`, { token })
    expect(kenya.body.users.map((u) => u.username)).toEqual([t.users.kenya.username])
    expect(kenya.body.users[0]).toMatchObject({ role: 'delegate', state: { code: 'KEN' }, disabled: false, totp: false, groups: [t.group.slug] })
    expect((await request(`${t.url}/api/users?role=king`, { token })).status).toBe(400)
    for (const who of [t.users.chair, t.users.rapporteur, t.users.kenya, t.users.observer]) {
      const other = await tokenFor(t.storage, who)
      expect((await request(`${t.url}/api/users`, { token: other })).status).toBe(403)
      expect((await request(`${t.url}/api/users/${t.users.japan.id}`, { method: 'PATCH', token: other, body: { displayName: 'X' } })).status).toBe(403)
      expect((await request(`${t.url}/api/users`, { method: 'POST', token: other, body: {} })).status).toBe(403)
    }
    expect((await request(`${t.url}/api/users`)).status).toBe(401)
  })

  it('adds a user with a password (400 for bad fields, 409 for a taken name); the user signs in', async () => {
    const t = await newServerWithGroup()
    const token = await tokenFor(t.storage, t.users.secretariat)
    const body = { username: 'delegate-egy', displayName: 'Nour Egypt', role: 'delegate', state: 'EGY', email: 'nour@example.org', password: 'river crossing at dawn' }
    const made = await request<One>(`${t.url}/api/users`, { method: 'POST', token, body })
    expect(made.status).toBe(201)
    expect(made.body.user).toMatchObject({ username: 'delegate-egy', role: 'delegate', state: { code: 'EGY' }, email: 'nour@example.org', groups: [t.group.slug] })
    expect((await request(`${t.url}/api/session`, { method: 'POST', body: { username: 'delegate-egy', password: body.password } })).status).toBe(200)
    const refusals: [unknown, number, string][] = [
      [{ ...body, username: 'Delegate-EGY', email: 'n2@example.org' }, 409, 'username_taken'],
      [{ ...body, username: 'other-egy', email: 'NOUR@example.org' }, 409, 'email_taken'],
      [{ ...body, username: 'x1', role: 'delegate', state: undefined }, 400, 'bad_request'],
      [{ ...body, username: 'x2', role: 'chair' }, 400, 'bad_request'],
      [{ ...body, username: 'x3', state: 'ZZZ' }, 400, 'bad_request'],
      [{ ...body, username: 'x4', email: 'not an address' }, 400, 'validation_failed'],
      [{ ...body, username: 'x5', displayName: 'Evil\r\nBcc: all@example.org' }, 400, 'validation_failed'],
      [{ ...body, username: 'x6', password: 'password' }, 400, 'weak_password'],
      [{ ...body, username: 'x7', group: 'not-mine' }, 403, 'forbidden'],
    ]
    for (const [bad, status, code] of refusals) {
      const res = await request<Failure>(`${t.url}/api/users`, { method: 'POST', token, body: bad })
      expect([res.status, res.body.error.code], JSON.stringify(bad)).toEqual([status, code])
    }
    const list = await request<Users>(`${t.url}/api/users?q=egy`, { token })
    expect(list.body.users.map((u) => u.username)).toEqual(['delegate-egy'])
  })

  it('changes role, State and display name, audited; refuses what makes no sense and changes nothing', async () => {
    const t = await newServerWithGroup()
    const token = await tokenFor(t.storage, t.users.secretariat)
    const url = `${t.url}/api/users/${t.users.kenya.id}`
    const moved = await request<One>(url, { method: 'PATCH', token, body: { state: 'JPN', displayName: 'Ken Renamed' } })
    expect(moved.body.user).toMatchObject({ state: { code: 'JPN' }, displayName: 'Ken Renamed' })
    const observer = await request<One>(url, { method: 'PATCH', token, body: { role: 'observer' } })
    expect(observer.body.user).toMatchObject({ role: 'observer', state: null })
    for (const [bad, status] of [
      [{ role: 'delegate' }, 400],
      [{ state: 'KEN' }, 400],
      [{ role: 'king' }, 400],
      [{}, 400],
      [{ displayName: '' }, 400],
      [{ displayName: 'A\nB' }, 400],
      [{ role: 'delegate', state: 'KEN', email: 'bad' }, 400],
    ] as const) {
      const res = await request(url, { method: 'PATCH', token, body: bad })
      expect(res.status, JSON.stringify(bad)).toBe(status)
    }
    expect(await t.storage.getUser(t.users.kenya.id)).toMatchObject({ role: 'observer', stateCode: null, displayName: 'Ken Renamed' })
    const audit = await request<{ entries: { action: string }[] }>(`${t.url}/api/audit`, { token })
    expect(audit.body.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['user.role', 'user.renamed']))
  })

  it('another group’s user is 404, whatever the change', async () => {
    const t = await newServerWithGroup()
    const token = await tokenFor(t.storage, t.users.secretariat)
    const other = await buildGroup(t.storage)
    const stranger = await buildUser(t.storage, { group: other })
    for (const body of [{ disabled: true }, { role: 'observer' }, { displayName: 'Taken over' }]) {
      expect((await request(`${t.url}/api/users/${stranger.id}`, { method: 'PATCH', token, body })).status).toBe(404)
    }
    expect((await request(`${t.url}/api/users/not-an-id!`, { method: 'PATCH', token, body: { disabled: true } })).status).toBe(404)
    expect(await t.storage.access.isDisabled(stranger.id)).toBe(false)
  })

  it('disabling a user ends their sessions, tokens, websockets (4401) and event streams at once; enabling lets them sign in again', async () => {
    const t = await newServerWithGroup()
    const token = await tokenFor(t.storage, t.users.secretariat)
    const draft = await buildDraft(t.storage, t.users.secretariat)
    const kenyaToken = await tokenFor(t.storage, t.users.kenya)
    const socket = connectClient(t.wsUrl, draft.id, kenyaToken)
    await socket.synced()
    const closed = nextClose(socket)
    const ended = streamEnded(`${t.url}/api/drafts/${draft.id}/events`, kenyaToken)
    await waitFor(() => t.server.ctx.events.listenerCount(draft.id) === 1, { message: 'the event stream' })

    const res = await request<One>(`${t.url}/api/users/${t.users.kenya.id}`, { method: 'PATCH', token, body: { disabled: true } })
    expect(res.body.user.disabled).toBe(true)
    expect(await closed).toBe(CloseCode.SESSION_ENDED)
    await ended
    expect((await request(`${t.url}/api/me`, { token: kenyaToken })).status).toBe(401)
    const signIn = await request<Failure>(`${t.url}/api/session`, { method: 'POST', body: { username: t.users.kenya.username, password: TEST_PASSWORD } })
    expect(signIn.body.error.code).toBe('account_disabled')

    await request(`${t.url}/api/users/${t.users.kenya.id}`, { method: 'PATCH', token, body: { disabled: false } })
    expect((await request(`${t.url}/api/session`, { method: 'POST', body: { username: t.users.kenya.username, password: TEST_PASSWORD } })).status).toBe(200)
    expect((await request(`${t.url}/api/me`, { token: kenyaToken })).status).toBe(401)
  })

  it('refuses to disable or demote the last secretariat of a group (409), and allows it when another remains', async () => {
    const t = await newServerWithGroup()
    const token = await tokenFor(t.storage, t.users.secretariat)
    const self = `${t.url}/api/users/${t.users.secretariat.id}`
    for (const body of [{ disabled: true }, { role: 'chair' }, { role: 'observer', displayName: 'Gone' }]) {
      const res = await request<Failure>(self, { method: 'PATCH', token, body })
      expect([res.status, res.body.error.code]).toEqual([409, 'last_secretariat'])
    }
    expect(await t.storage.getUser(t.users.secretariat.id)).toMatchObject({ role: 'secretariat', displayName: t.users.secretariat.displayName })
    const second = await buildUser(t.storage, { role: 'secretariat', group: t.group })
    expect((await request(self, { method: 'PATCH', token, body: { role: 'chair' } })).status).toBe(200)
    // The second one is now the last.
    const secondToken = await tokenFor(t.storage, second)
    expect((await request(`${t.url}/api/users/${second.id}`, { method: 'PATCH', token: secondToken, body: { disabled: true } })).status).toBe(409)
  })
})
