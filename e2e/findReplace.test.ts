import { describe, expect, it } from 'vitest'
import { readClauses } from '../shared/draft/ydoc'
import { TEST_PASSWORD, buildDraft, buildGroup, buildLargeClauses, buildUser } from '../server/testing/factories'
import { startDemoApp } from './support/appServer'
import { seriousViolations } from './support/axe'
import { launchBrowser } from './support/browser'
import { clauseText, openDraftAs } from './support/pages'

describe('browser: find and replace in a 300-clause draft', () => {
  it('counts and reaches matches in clauses whose editors are not mounted, and replaces one and then all of them', { timeout: 300_000 }, async () => {
    const { url, server } = await startDemoApp()
    const storage = server.ctx.storage
    const group = await buildGroup(storage)
    const rapporteur = await buildUser(storage, { role: 'rapporteur', group })
    const observer = await buildUser(storage, { role: 'observer', group })
    const draft = await buildDraft(storage, rapporteur, { title: 'Three hundred provisions', clauses: buildLargeClauses(300) })
    const browser = await launchBrowser()
    const { page } = await openDraftAs(browser, url, rapporteur.username, TEST_PASSWORD, 'Three hundred provisions')
    await expect.poll(() => page.locator('[data-outline-item]').count(), { timeout: 20_000 }).toBe(300)
    await clauseText(page, 'Article 1').waitFor()
    const find = page.getByRole('searchbox', { name: 'Find in this draft' })
    const count = page.locator('.find-count')

    // Ctrl+F opens it: every paragraph of every clause says "without undue delay", 3 × 300.
    await page.keyboard.press('Control+f')
    await find.waitFor()
    await expect.poll(() => find.evaluate((el) => el === document.activeElement)).toBe(true)
    await find.fill('Undue Delay')
    await expect.poll(() => count.textContent()).toBe('1 of 900')
    expect(await page.locator('.tiptap').count()).toBeLessThan(40)
    expect(await seriousViolations(page)).toEqual([])

    // Previous from the first: the last match, in the last clause, far below: scrolled to and marked.
    await find.press('Shift+Enter')
    await expect.poll(() => count.textContent()).toBe('900 of 900')
    const last = page.locator('article[aria-label="Article 299"]')
    await expect.poll(() => last.evaluate((el) => {
      const box = el.getBoundingClientRect()
      return box.top < window.innerHeight && box.bottom > 0
    }), { timeout: 10_000 }).toBe(true)
    const marked = () => page.evaluate(() => {
      const current = CSS.highlights.get('find-current')
      return current ? [...current].map((r) => (r instanceof Range ? r.toString() : '')) : []
    })
    await expect.poll(marked, { timeout: 10_000 }).toEqual(['undue delay'])

    // Replace that one, then all the others (most of them in clauses never mounted).
    await page.getByRole('textbox', { name: 'Replace with' }).fill('unreasonable delay')
    await page.getByRole('button', { name: 'Replace', exact: true }).click()
    await expect.poll(() => last.textContent(), { timeout: 10_000 }).toContain('unreasonable delay')
    await expect.poll(() => count.textContent()).toBe('Replaced 1. 899 of 899')
    // Clicked from the page itself: Playwright's pointer click can wait out the long task of 899 replacements on a loaded machine.
    await page.getByRole('button', { name: 'Replace all' }).evaluate((button) => {
      if (button instanceof HTMLButtonElement) button.click()
    })
    await expect.poll(() => count.textContent()).toBe('Replaced 899. No matches')
    const serverTexts = () => server.ctx.collab.readDoc(draft.id, (doc) => readClauses(doc).map((c) => c.text))
    await expect.poll(async () => (await serverTexts()).filter((t) => /undue delay/.test(t)).length, { timeout: 20_000 }).toBe(0)
    await expect.poll(async () => (await serverTexts()).filter((t) => t.split('unreasonable delay').length === 4).length, { timeout: 20_000 }).toBe(300)
    await find.fill('undue delay')
    await expect.poll(() => count.textContent()).toBe('No matches')

    // An observer finds, but is offered no replace.
    const other = await openDraftAs(browser, url, observer.username, TEST_PASSWORD, 'Three hundred provisions')
    await other.page.getByRole('button', { name: 'Find', exact: true }).click()
    await other.page.getByRole('searchbox', { name: 'Find in this draft' }).fill('unreasonable')
    await expect.poll(() => other.page.locator('.find-count').textContent(), { timeout: 20_000 }).toBe('1 of 900')
    expect(await other.page.getByRole('textbox', { name: 'Replace with' }).count()).toBe(0)
  })

  it('a delegate held to suggesting replaces all as Kenya’s suggestions, clauses not mounted included; the server takes them and the base text stays', { timeout: 180_000 }, async () => {
    const { url, server } = await startDemoApp()
    const storage = server.ctx.storage
    const group = await buildGroup(storage)
    const rapporteur = await buildUser(storage, { role: 'rapporteur', group })
    const kenya = await buildUser(storage, { role: 'delegate', stateCode: 'KEN', group })
    const draft = await buildDraft(storage, rapporteur, { title: 'Sixty provisions', clauses: buildLargeClauses(60) })
    await storage.setDraftTextMode(draft.id, 'suggest')
    const browser = await launchBrowser()
    const { page } = await openDraftAs(browser, url, kenya.username, TEST_PASSWORD, 'Sixty provisions')
    await expect.poll(() => page.locator('[data-outline-item]').count(), { timeout: 20_000 }).toBe(60)
    await page.getByRole('button', { name: 'Find', exact: true }).click()
    await page.getByRole('searchbox', { name: 'Find in this draft' }).fill('undue delay')
    const count = page.locator('.find-count')
    await expect.poll(() => count.textContent()).toBe('1 of 180')
    await page.getByRole('textbox', { name: 'Replace with' }).fill('unreasonable delay')
    await page.getByRole('button', { name: 'Replace all' }).click()
    await expect.poll(() => count.textContent()).toMatch(/^Suggested 180 replacements\./)
    const server60 = () => server.ctx.collab.readDoc(draft.id, (doc) => readClauses(doc))
    await expect.poll(async () => (await server60()).flatMap((c) => c.suggestions).length, { timeout: 20_000 }).toBe(180)
    const clauses = await server60()
    expect(clauses.flatMap((c) => c.suggestions).every((x) => x.kind === 'replace' && x.state === 'KEN' && x.user === kenya.id && x.inserted === 'unreasonable delay')).toBe(true)
    expect(clauses.every((c) => c.text.split('undue delay').length === 4)).toBe(true)
    // Nothing was refused: the socket is still open and the status bar says so.
    expect(await page.getByRole('status', { name: 'Connection' }).textContent()).toBe('Connected')
  })
})
