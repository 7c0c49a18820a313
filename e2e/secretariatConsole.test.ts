import { describe, expect, it } from 'vitest'
import type { DraftSummary } from '../shared/api'
import { readClauses } from '../shared/draft/ydoc'
import { DEMO_DRAFT } from '../fixtures/index'
import { loadStoredDoc } from '../server/services/drafts'
import { request } from '../server/testing/http'
import { linkToken, startSmtpServer } from '../server/testing/smtpServer'
import { startDemoApp } from './support/appServer'
import { seriousViolations } from './support/axe'
import { launchBrowser } from './support/browser'
import { demoToken } from './support/demoApi'
import { demoUser } from './support/pages'

describe('browser: the secretariat’s console and the bell', () => {
  it('invites a delegate and changes a role in the console (no serious axe violation); a delegate’s bell rises live when mentioned', { timeout: 180_000 }, async () => {
    const smtp = await startSmtpServer()
    const { server, url } = await startDemoApp({ smtpUrl: smtp.url })
    const browser = await launchBrowser()

    const secretariat = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage()
    const admin = demoUser('secretariat')
    await secretariat.goto(url)
    await secretariat.getByLabel('Username').fill(admin.username)
    await secretariat.getByLabel('Password').fill(admin.password)
    await secretariat.getByRole('button', { name: 'Sign in' }).click()
    await secretariat.getByRole('link', { name: 'Console' }).click()
    await secretariat.getByRole('heading', { name: 'People' }).waitFor()
    await secretariat.getByRole('combobox', { name: 'Role of delegate-jpn' }).waitFor()
    expect(await seriousViolations(secretariat), 'axe: People').toEqual([])

    const invite = secretariat.getByRole('form', { name: 'Invite by e-mail' })
    await invite.getByLabel('E-mail').fill('wanjiru.focal@example.org')
    await invite.getByLabel('Display name').fill('Wanjiru Focal')
    await invite.getByLabel('Role').selectOption('delegate')
    await invite.getByLabel('State').selectOption('KEN')
    await invite.getByRole('button', { name: 'Send invitation' }).click()
    await secretariat.getByText('Invitation sent to wanjiru.focal@example.org').waitFor()
    const mail = await smtp.mailTo('wanjiru.focal@example.org')
    expect(mail.text).toContain('Wanjiru Focal')
    expect(linkToken(mail).length).toBeGreaterThan(20)
    await secretariat.getByRole('combobox', { name: 'Role of wanjiru.focal' }).waitFor()

    await secretariat.getByRole('combobox', { name: 'Role of delegate-jpn' }).selectOption('observer')
    await expect.poll(async () => (await server.ctx.storage.getUserByUsername('delegate-jpn'))?.role, { timeout: 10_000 }).toBe('observer')
    for (const tab of ['Working groups', 'Member States', 'Drafts', 'Audit log', 'Security']) {
      await secretariat.getByRole('navigation', { name: 'Console sections' }).getByRole('button', { name: tab }).click()
      await secretariat.getByRole('heading', { level: 2 }).first().waitFor()
      await secretariat.waitForLoadState('networkidle')
      expect(await seriousViolations(secretariat), `axe: ${tab}`).toEqual([])
    }
    await secretariat.getByRole('navigation', { name: 'Console sections' }).getByRole('button', { name: 'Audit log' }).click()
    await secretariat.getByRole('cell', { name: 'user.role' }).first().waitFor()

    const delegate = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage()
    const kenya = demoUser('delegate-ken')
    await delegate.goto(url)
    await delegate.getByLabel('Username').fill(kenya.username)
    await delegate.getByLabel('Password').fill(kenya.password)
    await delegate.getByRole('button', { name: 'Sign in' }).click()
    await delegate.getByRole('button', { name: /^Notifications: 0 unread/ }).waitFor()

    // India mentions Kenya in a comment, over the API: Kenya's bell rises without a reload.
    const india = await demoToken(server, 'delegate-ind')
    const drafts = await request<{ drafts: DraftSummary[] }>(`${url}/api/drafts`, { token: india })
    const draft = drafts.body.drafts.find((d) => d.title === DEMO_DRAFT.title)
    if (!draft) throw new Error('no demo draft')
    const clauseId = readClauses(await loadStoredDoc(server.ctx.storage, draft.id))[1]?.id
    const posted = await request(`${url}/api/drafts/${draft.id}/threads`, { method: 'POST', token: india, body: { clauseId, body: 'Could @KEN say whether this fits its law?' } })
    expect(posted.status).toBe(201)
    await delegate.getByRole('button', { name: 'Notifications: 1 unread notification' }).waitFor()
    await delegate.getByRole('button', { name: 'Notifications: 1 unread notification' }).click()
    await delegate.getByText('Could @KEN say whether this fits its law?').waitFor()
    expect(await seriousViolations(delegate), 'axe: the inbox').toEqual([])
  })
})
