import { describe, expect, it } from 'vitest'
import { DEMO_DRAFT, DEMO_USERS } from '../fixtures/index'
import { artifactPath, launchBrowser } from './support/browser'
import { startDemoApp } from './support/appServer'

describe('browser: sign in and the drafts list', () => {
  it('signs a delegate in, shows name, role, State and the demo draft, and signs out', async () => {
    const { url } = await startDemoApp()
    const delegate = DEMO_USERS.find((u) => u.username === 'delegate-ken')
    if (!delegate) throw new Error('demo delegate missing')
    const browser = await launchBrowser()
    const page = await browser.newPage()
    await page.goto(url)

    await page.getByLabel('Username').fill(delegate.username)
    await page.getByLabel('Password').fill('wrong password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Wrong username or password')

    await page.getByLabel('Password').fill(delegate.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Drafts' }).waitFor()
    const badge = page.getByLabel('Signed-in user')
    await expect(badge.textContent()).resolves.toContain(delegate.displayName)
    await expect(badge.textContent()).resolves.toContain('Kenya')
    await page.getByText(DEMO_DRAFT.title).waitFor()
    await page.screenshot({ path: artifactPath('drafts-list.png'), fullPage: true })

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    await page.reload()
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
  })
})
