import { describe, expect, it } from 'vitest'
import { DEMO_DRAFT } from '../fixtures/index'
import { startDemoApp } from './support/appServer'
import { launchBrowser } from './support/browser'
import { demoUser } from './support/pages'

describe('browser: a normal visit', () => {
  it('signs in, opens the draft and every tab with no failed request and no error in the console', { timeout: 120_000 }, async () => {
    const { url } = await startDemoApp()
    const browser = await launchBrowser()
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage()
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`)
    })
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}${new URL(response.url()).search}`)
    })
    const user = demoUser('delegate-ken')
    await page.goto(url)
    await page.getByLabel('Username').fill(user.username)
    await page.getByLabel('Password').fill(user.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('link', { name: DEMO_DRAFT.title }).click()
    await page.getByText('Connected', { exact: true }).waitFor()
    for (const tab of ['Comment history', 'Positions', 'Revisions', 'Reports', 'Text']) {
      await page.getByRole('navigation', { name: 'Draft views' }).getByRole('link', { name: tab }).click()
      await page.waitForLoadState('networkidle')
    }
    await page.getByText('Connected', { exact: true }).waitFor()
    expect(problems).toEqual([])
  })
})
