import { describe, expect, it } from 'vitest'
import type { MeResponse } from '../../../../shared/api'
import { TEST_PASSWORD } from '../../../testing/factories'
import { request, signIn } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'

describe('POST /api/session, DELETE /api/session, GET /api/me', () => {
  it('signs in with an HttpOnly SameSite=Lax cookie that authenticates /api/me, and signs out', async () => {
    const t = await newServerWithGroup()
    const res = await request<MeResponse>(`${t.url}/api/session`, {
      method: 'POST',
      body: { username: t.users.kenya.username.toUpperCase(), password: TEST_PASSWORD },
    })
    expect(res.status).toBe(200)
    expect(res.body.user).toMatchObject({ username: t.users.kenya.username, role: 'delegate', state: { code: 'KEN', name: 'Kenya' } })
    expect(JSON.stringify(res.body)).not.toContain('passwordHash')
    const setCookie = res.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/^provisio_session=/)
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    const cookie = setCookie.split(';')[0] ?? ''

    const me = await request<MeResponse>(`${t.url}/api/me`, { cookie })
    expect(me.status).toBe(200)
    expect(me.body.groups.map((g) => g.slug)).toEqual([t.group.slug])

    const session = await request<{ me: MeResponse | null }>(`${t.url}/api/session`, { cookie })
    expect(session.status).toBe(200)
    expect(session.body.me?.user.username).toBe(t.users.kenya.username)

    expect((await request(`${t.url}/api/session`, { method: 'DELETE', cookie })).status).toBe(204)
    expect((await request(`${t.url}/api/me`, { cookie })).status).toBe(401)
    // Signed out is an answer, not an error: the app asks this on start.
    const after = await request<{ me: MeResponse | null }>(`${t.url}/api/session`, { cookie })
    expect([after.status, after.body]).toEqual([200, { me: null }])
  })

  it('answers 401 to /api/me without a session or with an unknown one', async () => {
    const t = await newServerWithGroup()
    const anonymous = await request(`${t.url}/api/me`)
    expect(anonymous.status).toBe(401)
    expect(anonymous.body).toEqual({ error: { code: 'unauthorized', message: 'Sign in first.' } })
    expect((await request(`${t.url}/api/me`, { cookie: 'provisio_session=forged' })).status).toBe(401)
    expect((await request(`${t.url}/api/me`, { token: 'pvt_forged' })).status).toBe(401)
  })

  it('refuses malformed sign-ins with 400 naming the field', async () => {
    const t = await newServerWithGroup()
    const cases: [string, { body?: unknown; rawBody?: string }, string][] = [
      ['missing password', { body: { username: 'someone' } }, 'password'],
      ['empty username', { body: { username: '', password: 'x' } }, 'username'],
      ['wrong type', { body: { username: 42, password: 'x' } }, 'username'],
      ['not JSON', { rawBody: '{"username":' }, ''],
      ['an array', { body: [] }, ''],
    ]
    for (const [name, input, field] of cases) {
      const res = await request<{ error: { code: string; message: string } }>(`${t.url}/api/session`, { method: 'POST', ...input })
      expect({ name, status: res.status }).toEqual({ name, status: 400 })
      expect(res.body.error.message).toContain(field)
    }
  })

  it('answers a wrong password and an unknown user alike, and throttles repeated failures with 429', async () => {
    const t = await newServerWithGroup()
    const wrong = await request(`${t.url}/api/session`, { method: 'POST', body: { username: t.users.japan.username, password: 'nope' } })
    const unknown = await request(`${t.url}/api/session`, { method: 'POST', body: { username: 'nobody', password: 'nope' } })
    expect(wrong.status).toBe(401)
    expect(unknown.body).toEqual(wrong.body)
    for (let i = 0; i < 4; i++) {
      await request(`${t.url}/api/session`, { method: 'POST', body: { username: t.users.japan.username, password: `nope${i}` } })
    }
    const throttled = await request<{ error: { code: string } }>(`${t.url}/api/session`, {
      method: 'POST',
      body: { username: t.users.japan.username, password: TEST_PASSWORD },
    })
    expect(throttled.status).toBe(429)
    expect(throttled.body.error.code).toBe('too_many_requests')
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0)
    // Another account is not locked by someone else's failures.
    await expect(signIn(t.url, t.users.kenya.username, TEST_PASSWORD)).resolves.toMatch(/^provisio_session=/)
  })
  it('counts concurrent guesses before checking any: 200 simultaneous wrong sign-ins, then the right password is refused with 429', async () => {
    const t = await newServerWithGroup()
    const url = `${t.url}/api/session`
    const guesses = Array.from({ length: 200 }, (_, i) =>
      request(url, { method: 'POST', body: { username: t.users.japan.username, password: `guess-${i}` } }))
    const right = request<{ error: { code: string } }>(url, { method: 'POST', body: { username: t.users.japan.username, password: TEST_PASSWORD } })
    const statuses = (await Promise.all(guesses)).map((r) => r.status)
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5)
    expect(statuses.filter((s) => s !== 401).every((s) => s === 429)).toBe(true)
    const answer = await right
    expect(answer.status).toBe(429)
    expect(answer.body.error.code).toBe('too_many_requests')
    // Still refused afterwards: the reservations stayed as failures.
    expect((await request(url, { method: 'POST', body: { username: t.users.japan.username, password: TEST_PASSWORD } })).status).toBe(429)
  })

  it('does not count good sign-ins against the address', async () => {
    const t = await newServerWithGroup()
    for (let i = 0; i < 31; i++) await signIn(t.url, t.users.kenya.username, TEST_PASSWORD)
    await expect(signIn(t.url, t.users.japan.username, TEST_PASSWORD)).resolves.toMatch(/^provisio_session=/)
  })
})
