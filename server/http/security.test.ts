import { describe, expect, it } from 'vitest'
import { TEST_PASSWORD, buildDraft, tokenFor } from '../testing/factories'
import { request, signIn } from '../testing/http'
import { newServerWithGroup } from '../testing/newServer'
import { RateLimiter } from './rateLimit'

describe('HTTP defences', () => {
  it('sends security headers: a CSP with only our own scripts and no inline script, nosniff, framing by ourselves only', async () => {
    const t = await newServerWithGroup()
    const res = await fetch(`${t.url}/api/me`)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("frame-ancestors 'self'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(res.headers.get('referrer-policy')).toBe('same-origin')
  })

  it('refuses cookie-authenticated writes from another origin (CSRF), and allows our own origin and bearer tokens', async () => {
    const t = await newServerWithGroup()
    const cookie = await signIn(t.url, t.users.rapporteur.username, TEST_PASSWORD)
    const host = new URL(t.url).host
    const body = { title: 'CSRF test', clauses: [] }
    const evil = await request<{ error: { code: string } }>(`${t.url}/api/drafts`, { method: 'POST', cookie, body, headers: { origin: 'https://evil.example' } })
    expect(evil.status).toBe(403)
    expect(evil.body.error.code).toBe('csrf')
    const crossSite = await request(`${t.url}/api/drafts`, { method: 'POST', cookie, body, headers: { 'sec-fetch-site': 'cross-site' } })
    expect(crossSite.status).toBe(403)
    expect((await request(`${t.url}/api/drafts`, { method: 'POST', cookie, body, headers: { origin: `http://${host}` } })).status).toBe(201)
    expect((await request(`${t.url}/api/drafts`, { method: 'POST', cookie, body, headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(201)
    const token = await tokenFor(t.storage, t.users.rapporteur)
    expect((await request(`${t.url}/api/drafts`, { method: 'POST', token, body, headers: { origin: 'https://elsewhere.example' } })).status).toBe(201)
    // Signing in from another site (login CSRF) is refused too; reading is never blocked.
    expect((await request(`${t.url}/api/session`, { method: 'POST', body: { username: 'x', password: 'y' }, headers: { origin: 'https://evil.example' } })).status).toBe(403)
    expect((await request(`${t.url}/api/drafts`, { cookie, headers: { origin: 'https://evil.example' } })).status).toBe(200)
  })

  it('checks the origin of a cookie write that carries an Authorization header authentication ignores (Basic, a forged token)', async () => {
    const t = await newServerWithGroup()
    const cookie = await signIn(t.url, t.users.rapporteur.username, TEST_PASSWORD)
    const body = { title: 'Behind a Basic-auth proxy', clauses: [] }
    const before = await request<unknown[]>(`${t.url}/api/drafts`, { cookie })
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer pvt_forged', 'Negotiate abc']) {
      const res = await request<{ error: { code: string } }>(`${t.url}/api/drafts`, {
        method: 'POST', cookie, body, headers: { origin: 'https://intranet.example', authorization },
      })
      expect({ authorization, status: res.status, code: res.body.error.code }).toEqual({ authorization, status: 403, code: 'csrf' })
    }
    // Nothing was created by the refused writes.
    expect((await request<unknown[]>(`${t.url}/api/drafts`, { cookie })).body).toEqual(before.body)
    // Same origin behind the proxy still works.
    const host = new URL(t.url).host
    expect((await request(`${t.url}/api/drafts`, { method: 'POST', cookie, body, headers: { origin: `http://${host}`, authorization: 'Basic dXNlcjpwYXNz' } })).status).toBe(201)
  })

  it('rate-limits writes per user with 429 and Retry-After, while others carry on', async () => {
    const t = await newServerWithGroup({ writesPerMinute: 60 })
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const kenya = await tokenFor(t.storage, t.users.kenya)
    const path = `${t.url}/api/drafts/${draft.id}/clauses/nosuchclause/position`
    const statuses: number[] = []
    for (let i = 0; i < 14; i++) statuses.push((await request(path, { method: 'PUT', token: kenya, body: { stance: 'support' } })).status)
    expect(statuses.slice(0, 12).every((s) => s === 404)).toBe(true)
    const limited = await request(path, { method: 'PUT', token: kenya, body: { stance: 'support' } })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    const japan = await tokenFor(t.storage, t.users.japan)
    expect((await request(path, { method: 'PUT', token: japan, body: { stance: 'support' } })).status).toBe(404)
    expect((await request(`${t.url}/api/drafts/${draft.id}`, { token: kenya })).status).toBe(200)
  })

  it('refills a token bucket over time', () => {
    let now = 0
    const limiter = new RateLimiter(2, 60, () => now)
    limiter.take('a')
    limiter.take('a')
    expect(() => limiter.take('a')).toThrow(/try again in 1 s/)
    now += 1_000
    expect(() => limiter.take('a')).not.toThrow()
    expect(() => limiter.take('b')).not.toThrow()
  })
})
