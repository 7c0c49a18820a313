import { describe, expect, it } from 'vitest'
import type { PasswordChangeResponse } from '../../../../shared/api'
import { TEST_PASSWORD, tokenFor } from '../../../testing/factories'
import { request, signIn } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'

type ErrorBody = { error: { code: string; message: string; details?: { rule?: string } } }
const NEXT = 'plums ripen late in Nairobi'

describe('POST /api/me/password', () => {
  it('replaces the password; the other sessions and tokens end, the one it was sent with stays; audited', async () => {
    const t = await newServerWithGroup()
    const user = t.users.kenya
    const current = await signIn(t.url, user.username, TEST_PASSWORD)
    const other = await signIn(t.url, user.username, TEST_PASSWORD)
    const token = await tokenFor(t.storage, user)
    // Someone else's session is not touched.
    const japan = await signIn(t.url, t.users.japan.username, TEST_PASSWORD)

    const res = await request<PasswordChangeResponse>(`${t.url}/api/me/password`, { method: 'POST', cookie: current, body: { current: TEST_PASSWORD, next: NEXT } })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ credentialsEnded: 2 })

    expect((await request(`${t.url}/api/me`, { cookie: current })).status).toBe(200)
    expect((await request(`${t.url}/api/me`, { cookie: other })).status).toBe(401)
    expect((await request(`${t.url}/api/me`, { token })).status).toBe(401)
    expect((await request(`${t.url}/api/me`, { cookie: japan })).status).toBe(200)

    // The old password signs in no more; the new one does.
    expect((await request(`${t.url}/api/session`, { method: 'POST', body: { username: user.username, password: TEST_PASSWORD } })).status).toBe(401)
    await expect(signIn(t.url, user.username, NEXT)).resolves.toMatch(/^provisio_session=/)
    const stored = await t.storage.getUser(user.id)
    expect(stored?.passwordHash).not.toBe(user.passwordHash)
    expect(stored?.passwordHash).not.toContain(NEXT)

    const [entry] = await t.storage.listAudit({ action: 'user.password-changed', limit: 5 })
    expect(entry).toMatchObject({ actorId: user.id, target: user.id, data: { credentialsEnded: 2, via: 'session' } })
    expect(JSON.stringify(entry)).not.toContain(NEXT)
  })

  it('with a bearer token: that token stays, the sessions end', async () => {
    const t = await newServerWithGroup()
    const user = t.users.chair
    const session = await signIn(t.url, user.username, TEST_PASSWORD)
    const token = await tokenFor(t.storage, user)
    const res = await request<PasswordChangeResponse>(`${t.url}/api/me/password`, { method: 'POST', token, body: { current: TEST_PASSWORD, next: NEXT } })
    expect([res.status, res.body]).toEqual([200, { credentialsEnded: 1 }])
    expect((await request(`${t.url}/api/me`, { token })).status).toBe(200)
    expect((await request(`${t.url}/api/me`, { cookie: session })).status).toBe(401)
  })

  it('refuses a wrong current password with 403 wrong_password and changes nothing', async () => {
    const t = await newServerWithGroup()
    const user = t.users.japan
    const current = await signIn(t.url, user.username, TEST_PASSWORD)
    const other = await signIn(t.url, user.username, TEST_PASSWORD)
    const res = await request<ErrorBody>(`${t.url}/api/me/password`, { method: 'POST', cookie: current, body: { current: 'not the password', next: NEXT } })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('wrong_password')
    expect((await t.storage.getUser(user.id))?.passwordHash).toBe(user.passwordHash)
    expect((await request(`${t.url}/api/me`, { cookie: other })).status).toBe(200)
    const [entry] = await t.storage.listAudit({ action: 'user.password-failed', limit: 5 })
    expect(entry).toMatchObject({ actorId: user.id, target: user.id })
  })

  it('refuses a new password that is no passphrase with 400 weak_password naming the rule, before checking the current one', async () => {
    const t = await newServerWithGroup()
    const user = t.users.rapporteur
    const token = await tokenFor(t.storage, user)
    const cases: [string, string, RegExp][] = [
      ['short12345', 'min_length', /at least 12 characters/],
      ['x'.repeat(30), 'one_character', /one character repeated/],
      ['Password2024!', 'common', /common passwords/],
      ['qwertyuiop12', 'common', /common passwords/],
      ['Provisio-2024', 'common', /common passwords/],
    ]
    for (const [next, rule, message] of cases) {
      // A wrong current password: the rule answers first, and no attempt is counted.
      const res = await request<ErrorBody>(`${t.url}/api/me/password`, { method: 'POST', token, body: { current: 'wrong', next } })
      expect({ next, status: res.status, code: res.body.error.code, rule: res.body.error.details?.rule }).toEqual({ next, status: 400, code: 'weak_password', rule })
      expect(res.body.error.message).toMatch(/^next: /)
      expect(res.body.error.message).toMatch(message)
    }
    expect((await t.storage.getUser(user.id))?.passwordHash).toBe(user.passwordHash)
    // Five refusals counted nothing against the throttle.
    expect((await request(`${t.url}/api/me/password`, { method: 'POST', token, body: { current: TEST_PASSWORD, next: NEXT } })).status).toBe(200)
  })

  it('refuses malformed bodies with 400 naming the field', async () => {
    const t = await newServerWithGroup()
    const token = await tokenFor(t.storage, t.users.observer)
    const cases: [unknown, string][] = [
      [{ next: NEXT }, 'current'],
      [{ current: TEST_PASSWORD }, 'next'],
      [{ current: TEST_PASSWORD, next: 42 }, 'next'],
      [{ current: TEST_PASSWORD, next: 'x'.repeat(501) }, 'next'],
      [{ current: TEST_PASSWORD, next: NEXT, username: 'someone-else' }, 'username'],
    ]
    for (const [body, field] of cases) {
      const res = await request<ErrorBody>(`${t.url}/api/me/password`, { method: 'POST', token, body })
      expect({ body, status: res.status, code: res.body.error.code }).toEqual({ body, status: 400, code: 'validation_failed' })
      expect(res.body.error.message).toContain(field)
    }
  })

  it('answers 401 without a session or with an unknown one', async () => {
    const t = await newServerWithGroup()
    const body = { current: TEST_PASSWORD, next: NEXT }
    const anonymous = await request<ErrorBody>(`${t.url}/api/me/password`, { method: 'POST', body })
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'unauthorized'])
    expect((await request(`${t.url}/api/me/password`, { method: 'POST', body, token: 'pvt_forged' })).status).toBe(401)
  })

  it('throttles repeated wrong current passwords with 429, sharing the sign-in budget, even for the right one then', async () => {
    const t = await newServerWithGroup()
    const user = t.users.secretariat
    const token = await tokenFor(t.storage, user)
    const url = `${t.url}/api/me/password`
    const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => request(url, { method: 'POST', token, body: { current: `guess-${i}`, next: NEXT } })))
    const statuses = guesses.map((r) => r.status)
    expect(statuses.filter((s) => s === 403).length).toBeLessThanOrEqual(5)
    expect(statuses.filter((s) => s !== 403).every((s) => s === 429)).toBe(true)

    const right = await request<ErrorBody>(url, { method: 'POST', token, body: { current: TEST_PASSWORD, next: NEXT } })
    expect(right.status).toBe(429)
    expect(right.body.error.code).toBe('too_many_requests')
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await t.storage.getUser(user.id))?.passwordHash).toBe(user.passwordHash)
    // The same budget as sign-in: guessing here locks sign-in for that user too, and not for others.
    expect((await request(`${t.url}/api/session`, { method: 'POST', body: { username: user.username, password: TEST_PASSWORD } })).status).toBe(429)
    await expect(signIn(t.url, t.users.kenya.username, TEST_PASSWORD)).resolves.toMatch(/^provisio_session=/)
    expect((await t.storage.listAudit({ action: 'user.password-throttled', limit: 1 })).length).toBe(1)
  })
})
