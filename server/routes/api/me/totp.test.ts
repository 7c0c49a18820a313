import { generate } from 'otplib'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { TEST_PASSWORD, buildDraft, tokenFor } from '../../../testing/factories'
import { request, signIn } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'
import { type TestClient, connectClient } from '../../../testing/yclient'
import { CloseCode } from '../../../../shared/closeCodes'

type Failure = { error: { code: string } }

/** The status a websocket upgrade is refused with (101 when it opens). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    ws.once('open', () => {
      ws.terminate()
      resolve(101)
    })
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      res.resume()
      ws.terminate()
    })
    ws.once('error', reject)
  })
}
/** The code of the next close of the client's socket (the provider would reconnect: it is stopped). */
function nextClose(client: TestClient): Promise<number> {
  return new Promise((resolve) => {
    client.provider.once('connection-close', (event: { code: number } | null) => {
      client.provider.shouldConnect = false
      resolve(event?.code ?? 0)
    })
  })
}

const STEP_MS = 30_000

/** A server whose clock the test moves (TOTP codes are per 30-second step). */
async function clocked() {
  let at = Date.UTC(2026, 5, 1, 9, 0, 0)
  const t = await newServerWithGroup({}, { now: () => new Date(at) })
  const code = (secret: string) => generate({ secret, epoch: Math.floor(at / 1000) })
  return { ...t, code, step: () => (at += STEP_MS) }
}

async function turnOn(t: Awaited<ReturnType<typeof clocked>>, token: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await request<{ secret: string; uri: string }>(`${t.url}/api/me/totp`, { method: 'POST', token })
  expect(started.body.uri).toMatch(/^otpauth:\/\/totp\/Provisio:/)
  const wrong = await request<Failure>(`${t.url}/api/me/totp/confirm`, { method: 'POST', token, body: { code: '000000' === (await t.code(started.body.secret)) ? '111111' : '000000' } })
  expect(wrong.body.error.code).toBe('invalid_code')
  const confirmed = await request<{ recoveryCodes: string[] }>(`${t.url}/api/me/totp/confirm`, { method: 'POST', token, body: { code: await t.code(started.body.secret) } })
  expect(confirmed.body.recoveryCodes).toHaveLength(10)
  return { secret: started.body.secret, recoveryCodes: confirmed.body.recoveryCodes }
}

describe('second factor (TOTP)', () => {
  it('once on, signing in needs the code; a code works once; a recovery code works once', async () => {
    const t = await clocked()
    const user = t.users.rapporteur
    const { secret, recoveryCodes } = await turnOn(t, await tokenFor(t.storage, user))
    const signInWith = (code?: string) => request<Failure>(`${t.url}/api/session`, { method: 'POST', body: { username: user.username, password: TEST_PASSWORD, ...(code && { code }) } })
    expect((await signInWith()).body.error.code).toBe('totp_required')
    expect((await signInWith('123456' === (await t.code(secret)) ? '654321' : '123456')).body.error.code).toBe('invalid_code')
    t.step()
    const code = await t.code(secret)
    expect((await signInWith(code)).status).toBe(200)
    // The same code again (same step): replayed, refused.
    expect((await signInWith(code)).body.error.code).toBe('invalid_code')
    const recovery = recoveryCodes[0] ?? ''
    expect((await signInWith(recovery.toLowerCase())).status).toBe(200)
    expect((await signInWith(recovery)).body.error.code).toBe('invalid_code')
    const security = await request<{ totp: { enabled: boolean; recoveryCodesLeft: number } }>(`${t.url}/api/me/security`, { token: await tokenFor(t.storage, user) })
    expect(security.body.totp).toEqual({ enabled: true, recoveryCodesLeft: 9 })
  })

  it('the secretariat requires it for roles: such a user may do nothing else (tokens included) until it is set up, nor turn it off', async () => {
    const t = await clocked()
    const secretariat = await tokenFor(t.storage, t.users.secretariat)
    const refused = await request(`${t.url}/api/console/security`, { method: 'PUT', token: await tokenFor(t.storage, t.users.chair), body: { totpRequiredRoles: [] } })
    expect(refused.status).toBe(403)
    const set = await request(`${t.url}/api/console/security`, { method: 'PUT', token: secretariat, body: { totpRequiredRoles: ['chair', 'rapporteur'] } })
    expect(set.body).toEqual({ emailEnabled: false, totpRequiredRoles: ['chair', 'rapporteur'] })
    expect((await request(`${t.url}/api/console/security`, { method: 'PUT', token: secretariat, body: { totpRequiredRoles: ['king'] } })).status).toBe(400)

    const signedIn = await request<{ totpSetupRequired: boolean }>(`${t.url}/api/session`, { method: 'POST', body: { username: t.users.chair.username, password: TEST_PASSWORD } })
    expect(signedIn.body.totpSetupRequired).toBe(true)
    const cookie = await signIn(t.url, t.users.chair.username, TEST_PASSWORD)
    for (const [method, path] of [['GET', '/api/drafts'], ['POST', '/api/tokens'], ['GET', '/api/notifications']] as const) {
      const res = await request<Failure>(`${t.url}${path}`, { method, cookie, headers: { origin: t.url }, ...(method === 'POST' && { body: {} }) })
      expect([res.status, res.body.error.code], path).toEqual([403, 'totp_setup_required'])
    }
    expect((await request(`${t.url}/api/me`, { cookie })).status).toBe(200)
    // Nor the websocket of a draft (403 at the upgrade).
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    expect(await upgradeStatus(`${t.wsUrl}/collab/${draft.id}?token=${await tokenFor(t.storage, t.users.chair)}`)).toBe(403)
    // A delegate is not concerned.
    expect((await request(`${t.url}/api/drafts`, { token: await tokenFor(t.storage, t.users.kenya) })).status).toBe(200)

    const chairToken = await tokenFor(t.storage, t.users.chair)
    const { secret } = await turnOn(t, chairToken)
    expect((await request(`${t.url}/api/drafts`, { token: chairToken })).status).toBe(200)
    expect(await upgradeStatus(`${t.wsUrl}/collab/${draft.id}?token=${chairToken}`)).toBe(101)
    expect((await request(`${t.url}/api/tokens`, { method: 'POST', token: chairToken, body: {} })).status).toBe(201)
    t.step()
    const off = await request<Failure>(`${t.url}/api/me/totp`, { method: 'DELETE', token: chairToken, body: { code: await t.code(secret) } })
    expect([off.status, off.body.error.code]).toEqual([409, 'totp_required'])
    const noCode = await request<Failure>(`${t.url}/api/session`, { method: 'POST', body: { username: t.users.chair.username, password: TEST_PASSWORD } })
    expect(noCode.body.error.code).toBe('totp_required')
  })

  it('a user not required to keep it turns it off with a code', async () => {
    const t = await clocked()
    const token = await tokenFor(t.storage, t.users.kenya)
    const { secret } = await turnOn(t, token)
    expect((await request(`${t.url}/api/me/totp`, { method: 'POST', token })).status).toBe(409)
    expect((await request(`${t.url}/api/me/totp`, { method: 'DELETE', token, body: { code: 'ABCDE-FGHJK' } })).status).toBe(403)
    t.step()
    expect((await request(`${t.url}/api/me/totp`, { method: 'DELETE', token, body: { code: await t.code(secret) } })).status).toBe(204)
    expect((await request(`${t.url}/api/session`, { method: 'POST', body: { username: t.users.kenya.username, password: TEST_PASSWORD } })).status).toBe(200)
  })

  it('an open socket of a role newly required to have it closes (4403), one with the factor set up stays', async () => {
    const t = await clocked()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const chairToken = await tokenFor(t.storage, t.users.chair)
    await turnOn(t, chairToken)
    const chair = connectClient(t.wsUrl, draft.id, chairToken)
    const rapporteur = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.rapporteur))
    const kenya = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.kenya))
    await Promise.all([chair.synced(), rapporteur.synced(), kenya.synced()])
    const closed = nextClose(rapporteur)
    const secretariat = await tokenFor(t.storage, t.users.secretariat)
    expect((await request(`${t.url}/api/console/security`, { method: 'PUT', token: secretariat, body: { totpRequiredRoles: ['chair', 'rapporteur'] } })).status).toBe(200)
    expect(await closed).toBe(CloseCode.ACCESS_REVOKED)
    expect(t.server.ctx.collab.connectionsOf(t.users.chair.id)).toHaveLength(1)
    expect(t.server.ctx.collab.connectionsOf(t.users.kenya.id)).toHaveLength(1)
  })
})
