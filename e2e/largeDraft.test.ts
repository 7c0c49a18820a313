import { describe, expect, it } from 'vitest'
import { TEST_PASSWORD, buildDraft, buildGroup, buildLargeClauses, buildUser } from '../server/testing/factories'
import { startDemoApp } from './support/appServer'
import { launchBrowser } from './support/browser'
import { clauseText, openDraftAs } from './support/pages'

describe('browser: a 300-clause draft', () => {
  it('opens with a small DOM (editors mount as clauses come into view) and jumps to the last article', { timeout: 120_000 }, async () => {
    const { url, server } = await startDemoApp()
    const storage = server.ctx.storage
    const group = await buildGroup(storage)
    const rapporteur = await buildUser(storage, { role: 'rapporteur', group })
    await buildDraft(storage, rapporteur, { title: 'Three hundred provisions', clauses: buildLargeClauses(300) })
    const browser = await launchBrowser()
    const { page } = await openDraftAs(browser, url, rapporteur.username, TEST_PASSWORD, 'Three hundred provisions')

    await expect.poll(() => page.locator('[data-outline-item]').count(), { timeout: 20_000 }).toBe(300)
    await clauseText(page, 'Article 1').waitFor()
    const editors = await page.locator('.tiptap').count()
    expect(editors).toBeGreaterThan(0)
    expect(editors).toBeLessThan(40)
    expect(await page.locator('article.clause').count()).toBe(300)

    await page.locator('[data-outline-item]').last().click()
    const last = clauseText(page, 'Article 299')
    await last.waitFor({ timeout: 20_000 })
    await last.locator('p').first().click()
    await page.keyboard.type(' Reached.')
    await expect.poll(() => last.textContent(), { timeout: 10_000 }).toContain('Reached.')
    expect(await page.locator('.tiptap').count()).toBeLessThan(40)
  })
})
