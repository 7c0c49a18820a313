import { describe, expect, it } from 'vitest'
import type { MeResponse } from '../../../../shared/api'
import { TEST_PASSWORD } from '../../../testing/factories'
import { request, signIn } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'

describe('POST /api/tokens', () => {
  it('issues a bearer token that authenticates HTTP requests', async () => {
    const t = await newServerWithGroup()
    const cookie = await signIn(t.url, t.users.rapporteur.username, TEST_PASSWORD)
    const res = await request<{ token: string; expiresAt: string }>(`${t.url}/api/tokens`, { method: 'POST', cookie, body: { label: 'nightly export' } })
    expect(res.status).toBe(201)
    expect(res.body.token).toMatch(/^pvt_/)
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now())
    const me = await request<MeResponse>(`${t.url}/api/me`, { token: res.body.token })
    expect(me.status).toBe(200)
    expect(me.body.user.username).toBe(t.users.rapporteur.username)
    // Without a body too.
    expect((await request(`${t.url}/api/tokens`, { method: 'POST', cookie })).status).toBe(201)
  })

  it('refuses the unauthenticated (401) and invalid labels (400)', async () => {
    const t = await newServerWithGroup()
    expect((await request(`${t.url}/api/tokens`, { method: 'POST', body: {} })).status).toBe(401)
    const cookie = await signIn(t.url, t.users.observer.username, TEST_PASSWORD)
    expect((await request(`${t.url}/api/tokens`, { method: 'POST', cookie, body: { label: '' } })).status).toBe(400)
    expect((await request(`${t.url}/api/tokens`, { method: 'POST', cookie, body: { label: 'x'.repeat(101) } })).status).toBe(400)
    expect((await request(`${t.url}/api/tokens`, { method: 'POST', cookie, body: { userId: 'someone-else' } })).status).toBe(400)
  })
})
