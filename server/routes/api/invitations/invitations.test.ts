import { describe, expect, it } from 'vitest'
import type { InvitationResponse } from '../../../../shared/consoleApi'
import { LINK_TTL_MS } from '../../../services/console/links'
import { accountStores } from '../../../storage/accountStores'
import { TEST_PASSWORD, buildUser, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'
import { linkToken, startSmtpServer } from '../../../testing/smtpServer'

type Failure = { error: { code: string; message: string } }
const NEW_PASSWORD = 'tea plantations above Kericho'

/** A server with a real SMTP server behind SMTP_URL and a clock the test moves. */
async function mailingServer() {
  const smtp = await startSmtpServer()
  let offset = 0
  const t = await newServerWithGroup({ smtpUrl: smtp.url }, { now: () => new Date(Date.now() + offset) })
  return { ...t, smtp, advance: (ms: number) => (offset += ms), token: await tokenFor(t.storage, t.users.secretariat) }
}

describe('invitations and password resets by e-mail', () => {
  it('invites by e-mail: the link sets a password once, the person signs in with the role and State given', async () => {
    const t = await mailingServer()
    const res = await request<InvitationResponse>(`${t.url}/api/invitations`, {
      method: 'POST',
      token: t.token,
      body: { email: 'amina.focal@example.org', role: 'delegate', state: 'KEN', displayName: 'Amina Focal' },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ emailSent: true, user: { username: 'amina.focal', role: 'delegate', state: { code: 'KEN' }, email: 'amina.focal@example.org' } })
    expect(res.body.link).toBeUndefined()
    const mail = await t.smtp.mailTo('amina.focal@example.org')
    expect(mail.to).toContain('Amina Focal')
    expect(mail.subject).toContain(t.group.name)
    const token = linkToken(mail)
    // Not yet: no password works before the link is used.
    expect((await request(`${t.url}/api/session`, { method: 'POST', body: { username: 'amina.focal', password: '!invited' } })).status).toBe(401)
    const weak = await request<Failure>(`${t.url}/api/invitations/accept`, { method: 'POST', body: { token, password: 'short' } })
    expect(weak.body.error.code).toBe('weak_password')
    const accepted = await request(`${t.url}/api/invitations/accept`, { method: 'POST', body: { token, password: NEW_PASSWORD } })
    expect(accepted.body).toEqual({ username: 'amina.focal' })
    const again = await request<Failure>(`${t.url}/api/invitations/accept`, { method: 'POST', body: { token, password: 'another long passphrase here' } })
    expect([again.status, again.body.error.code]).toEqual([400, 'invalid_link'])
    const signIn = await request<{ user: { role: string; state: { code: string } } }>(`${t.url}/api/session`, { method: 'POST', body: { username: 'amina.focal', password: NEW_PASSWORD } })
    expect(signIn.body.user).toMatchObject({ role: 'delegate', state: { code: 'KEN' } })
  })

  it('refuses a malformed address, a taken one, an expired link, and other roles (nothing created)', async () => {
    const t = await mailingServer()
    const before = (await t.storage.listUsers()).length
    for (const email of ['not-an-address', 'two@example.org, three@example.org', 'evil@example.org\r\nBcc: all@example.org', 'Name <x@example.org>']) {
      const res = await request<Failure>(`${t.url}/api/invitations`, { method: 'POST', token: t.token, body: { email, role: 'observer' } })
      expect([res.status, res.body.error.code], email).toEqual([400, 'validation_failed'])
    }
    const badName = await request(`${t.url}/api/invitations`, { method: 'POST', token: t.token, body: { email: 'ok@example.org', role: 'observer', displayName: 'X\nSubject: spam' } })
    expect(badName.status).toBe(400)
    expect((await request(`${t.url}/api/invitations`, { method: 'POST', token: t.token, body: { email: 'd@example.org', role: 'delegate' } })).status).toBe(400)
    const delegate = await tokenFor(t.storage, t.users.kenya)
    expect((await request(`${t.url}/api/invitations`, { method: 'POST', token: delegate, body: { email: 'e@example.org', role: 'observer' } })).status).toBe(403)
    expect((await t.storage.listUsers()).length).toBe(before)
    expect(t.smtp.received).toHaveLength(0)

    await request(`${t.url}/api/invitations`, { method: 'POST', token: t.token, body: { email: 'late@example.org', role: 'observer' } })
    const taken = await request<Failure>(`${t.url}/api/invitations`, { method: 'POST', token: t.token, body: { email: 'LATE@example.org', role: 'observer' } })
    expect([taken.status, taken.body.error.code]).toEqual([409, 'email_taken'])
    const token = linkToken(await t.smtp.mailTo('late@example.org'))
    t.advance(LINK_TTL_MS + 1000)
    const expired = await request<Failure>(`${t.url}/api/invitations/accept`, { method: 'POST', body: { token, password: NEW_PASSWORD } })
    expect([expired.status, expired.body.error.code]).toEqual([400, 'invalid_link'])
  })

  it('a reset link works once; the answer is the same for an unknown address; guessing tokens is throttled', async () => {
    const t = await mailingServer()
    const user = await buildUser(t.storage, { role: 'delegate', stateCode: 'JPN', group: t.group })
    await accountStores(t.storage).accounts.setEmail(user.id, 'kenji@example.org')
    const oldToken = await tokenFor(t.storage, user)
    const known = await request(`${t.url}/api/password-reset`, { method: 'POST', body: { email: 'kenji@example.org' } })
    const unknown = await request(`${t.url}/api/password-reset`, { method: 'POST', body: { email: 'nobody@example.org' } })
    expect([known.status, unknown.status]).toEqual([202, 202])
    expect(known.body).toEqual(unknown.body)
    const token = linkToken(await t.smtp.mailTo('kenji@example.org'))
    const reset = await request(`${t.url}/api/password-reset/confirm`, { method: 'POST', body: { token, password: NEW_PASSWORD } })
    expect(reset.status).toBe(200)
    // Whoever held the old password is out.
    expect((await request(`${t.url}/api/me`, { token: oldToken })).status).toBe(401)
    expect((await request(`${t.url}/api/session`, { method: 'POST', body: { username: user.username, password: TEST_PASSWORD } })).status).toBe(401)
    expect((await request(`${t.url}/api/session`, { method: 'POST', body: { username: user.username, password: NEW_PASSWORD } })).status).toBe(200)
    const reused = await request<Failure>(`${t.url}/api/password-reset/confirm`, { method: 'POST', body: { token, password: 'yet another long passphrase' } })
    expect(reused.body.error.code).toBe('invalid_link')
    expect(t.smtp.countTo('nobody@example.org')).toBe(0)

    const statuses: number[] = []
    for (let i = 0; i < 12; i++) {
      const guess = await request(`${t.url}/api/password-reset/confirm`, { method: 'POST', body: { token: `guess${'x'.repeat(38)}${i}`, password: NEW_PASSWORD } })
      statuses.push(guess.status)
    }
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(400))
    expect(statuses.at(-1)).toBe(429)
  })

  it('without SMTP_URL, e-mail is off: the console says so and the invitation gives the link to hand over', async () => {
    const t = await newServerWithGroup()
    const token = await tokenFor(t.storage, t.users.secretariat)
    expect((await request(`${t.url}/api/console`, { token })).body).toEqual({ emailEnabled: false, totpRequiredRoles: [] })
    const res = await request<InvitationResponse>(`${t.url}/api/invitations`, { method: 'POST', token, body: { email: 'offline@example.org', role: 'observer' } })
    expect(res.body.emailSent).toBe(false)
    expect(res.body.link).toMatch(new RegExp(`^${t.url}/account/invitation#token=`))
  })
})
