import { describe, expect, it } from 'vitest'
import { startDemoApp } from './support/appServer'
import { seriousViolations } from './support/axe'
import { launchBrowser } from './support/browser'
import { demoUser } from './support/pages'

describe('browser: search from the header', () => {
  it('finds words of the drafts, marks them in grouped results, and a result opens the draft at its clause', { timeout: 120_000 }, async () => {
    const { url } = await startDemoApp()
    const browser = await launchBrowser()
    const context = await browser.newContext({ viewport: { width: 1400, height: 700 } })
    const page = await context.newPage()
    await page.goto(url)
    await page.getByLabel('Username').fill('delegate-ken')
    await page.getByLabel('Password').fill(demoUser('delegate-ken').password)
    await page.getByRole('button', { name: 'Sign in' }).click()

    const box = page.getByRole('searchbox', { name: 'Search drafts, comments and history' })
    await box.fill('EXTRADIT')
    await box.press('Enter')
    await page.getByRole('heading', { name: 'Search: “EXTRADIT”' }).waitFor()
    // The best group first: the article headed "Extradition", its live text a link.
    const group = page.locator('.search-clause').first()
    const hit = group.locator('.search-hit a', { hasText: 'Text now' }).first()
    await hit.waitFor({ timeout: 20_000 })
    expect((await hit.locator('mark').first().textContent())?.toLowerCase()).toMatch(/^extradit/)
    const label = (await group.locator('h3').textContent()) ?? ''
    expect(label).toMatch(/^Article \d+$/)
    expect(await seriousViolations(page)).toEqual([])

    await hit.click()
    await page.waitForURL(/\/drafts\/[^/?]+\?clause=/)
    const article = page.locator(`article[aria-label="${label}"]`)
    await article.waitFor()
    await expect.poll(() => article.evaluate((el) => {
      const box = el.getBoundingClientRect()
      return box.top >= 0 && box.top < window.innerHeight
    }), { timeout: 10_000 }).toBe(true)
  })
})
