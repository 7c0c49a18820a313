import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/closeCodes'
import { loadConfig } from '../config'
import { accountStores } from '../storage/accountStores'
import { TEST_PASSWORD, buildDraft, tokenFor } from '../testing/factories'
import { request } from '../testing/http'
import { newServerWithGroup } from '../testing/newServer'
import { type TestClient, connectClient } from '../testing/yclient'
import { runAdmin } from './commands'

/** The code of the socket's next close; the provider is stopped so that it does not reconnect. */
function nextClose(client: TestClient): Promise<number> {
  return new Promise((resolve) => {
    client.provider.once('connection-close', (event: { code: number } | null) => {
      client.provider.shouldConnect = false
      resolve(event?.code ?? 0)
    })
  })
}

describe('npm run admin -- user reset-totp | reset-link', () => {
  it('reset-totp: the second factor goes, and every session, token and socket of the user with it; audited', async () => {
    const t = await newServerWithGroup()
    const { accounts } = accountStores(t.storage)
    await accounts.setPendingTotp(t.users.kenya.id, 'JBSWY3DPEHPK3PXP')
    await accounts.enableTotp(t.users.kenya.id, new Date().toISOString(), 0, [])
    const signIn = () => request<{ error?: { code: string } }>(`${t.url}/api/session`, { method: 'POST', body: { username: t.users.kenya.username, password: TEST_PASSWORD } })
    expect((await signIn()).body.error?.code).toBe('totp_required')
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const token = await tokenFor(t.storage, t.users.kenya)
    const kenya = connectClient(t.wsUrl, draft.id, token)
    await kenya.synced()
    const closed = nextClose(kenya)

    const result = await runAdmin(['user', 'reset-totp', '--username', t.users.kenya.username], t.storage)
    expect(result).toEqual({ code: 0, out: [`${t.users.kenya.username} has no second factor any more; 1 sessions and tokens ended.`] })
    await t.server.ctx.access.poll()
    expect(await closed).toBe(CloseCode.SESSION_ENDED)
    expect((await request(`${t.url}/api/me`, { token })).status).toBe(401)
    expect((await signIn()).status).toBe(200)
    const entry = (await t.storage.listAudit({ limit: 10 })).find((e) => e.action === 'user.totp-reset')
    expect([entry?.action, entry?.target, entry?.actorName]).toEqual(['user.totp-reset', t.users.kenya.id, 'admin-cli'])

    expect(await runAdmin(['user', 'reset-totp'], t.storage)).toEqual({ code: 2, out: ['Error: --username is required.'] })
    expect((await runAdmin(['user', 'reset-totp', '--username', 'nobody'], t.storage)).code).toBe(2)
  })

  it('reset-link: prints a one-time link on PUBLIC_URL that sets a new password; refused for a disabled account', async () => {
    const t = await newServerWithGroup()
    const config = loadConfig({ ...process.env, PUBLIC_URL: t.url })
    const result = await runAdmin(['user', 'reset-link', '--username', t.users.japan.username], t.storage, undefined, config)
    expect(result.code).toBe(0)
    const url = result.out[0] ?? ''
    expect(url.startsWith(`${t.url}/account/reset#token=`)).toBe(true)
    const password = 'a brand new passphrase'
    const confirm = () => request(`${t.url}/api/password-reset/confirm`, { method: 'POST', body: { token: url.split('#token=')[1], password } })
    expect((await confirm()).status).toBe(200)
    expect((await confirm()).status).toBe(400)
    expect((await request(`${t.url}/api/session`, { method: 'POST', body: { username: t.users.japan.username, password } })).status).toBe(200)

    await runAdmin(['user', 'disable', '--username', t.users.japan.username], t.storage)
    const refused = await runAdmin(['user', 'reset-link', '--username', t.users.japan.username], t.storage, undefined, config)
    expect(refused).toEqual({ code: 2, out: [`Error: ${t.users.japan.username} is disabled: enable the account first.`] })
  })
})
