import { describe, expect, it } from 'vitest'
import { DEMO_DRAFT } from '../fixtures/index'
import { startDemoApp } from './support/appServer'
import { launchBrowser } from './support/browser'
import { clauseText, demoUser, openDraftAs } from './support/pages'
import { paragraphsOf, showClause } from './support/selection'

describe('browser: a change the server refuses', () => {
  it('stops, says so, and after a reload the draft opens from the saved text instead of resending the refused change', { timeout: 120_000 }, async () => {
    // A low limit stands in for a change too big for the server (4413): the real limits are far above typing.
    const { url } = await startDemoApp({ updateMaxChars: 2_000 })
    const browser = await launchBrowser()
    const user = demoUser('delegate-ken')
    const { page } = await openDraftAs(browser, url, user.username, user.password, DEMO_DRAFT.title)
    await showClause(page, 'Article 2')
    const before = await paragraphsOf(page, 'Article 2')
    await clauseText(page, 'Article 2').locator('p').first().click()
    await page.keyboard.press('End')
    await page.keyboard.insertText(' too long'.repeat(400))
    await page.getByRole('status', { name: 'Connection' }).filter({ hasText: 'Change refused' }).waitFor({ timeout: 15_000 })

    await page.reload()
    await page.getByText('Connected', { exact: true }).waitFor()
    await showClause(page, 'Article 2')
    await expect.poll(() => paragraphsOf(page, 'Article 2'), { timeout: 15_000 }).toEqual(before)
    expect(await page.getByRole('status', { name: 'Connection' }).textContent()).toContain('Connected')
  })
})
