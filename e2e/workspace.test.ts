import { describe, expect, it } from 'vitest'
import { DEMO_DRAFT } from '../fixtures/index'
import { startDemoApp } from './support/appServer'
import { artifactPath, launchBrowser } from './support/browser'
import { clauseText, demoUser, openDraftAs, outlineLabels } from './support/pages'


const POLL = { timeout: 15_000, interval: 50 }

describe('browser: the draft workspace', () => {
  it('lets two delegates co-edit one clause with labelled carets, reorder for both, and keeps an observer read-only', { timeout: 120_000 }, async () => {
    const { url } = await startDemoApp()
    const browser = await launchBrowser()
    const kenyaUser = demoUser('delegate-ken')
    const japanUser = demoUser('delegate-jpn')
    const kenya = await openDraftAs(browser, url, kenyaUser.username, kenyaUser.password, DEMO_DRAFT.title)
    const japan = await openDraftAs(browser, url, japanUser.username, japanUser.password, DEMO_DRAFT.title)

    // Both type into Article 2, each at the end of its first paragraph.
    const kenyaText = clauseText(kenya.page, 'Article 2')
    const japanText = clauseText(japan.page, 'Article 2')
    await kenyaText.locator('p').first().click()
    await kenya.page.keyboard.press('End')
    await kenya.page.keyboard.type(' Nairobi wording.')
    await japanText.locator('p').last().click()
    await japan.page.keyboard.press('End')
    await japan.page.keyboard.type(' Tokyo wording.')
    await expect.poll(() => japanText.textContent(), POLL).toContain('Nairobi wording.')
    await expect.poll(() => kenyaText.textContent(), POLL).toContain('Tokyo wording.')
    await expect.poll(() => kenyaText.textContent(), POLL).toContain('Nairobi wording.')

    // Each sees the other's caret, labelled with name and State.
    const japanCaretAtKenya = kenya.page.locator('.collaboration-carets__label', { hasText: `${japanUser.displayName} (JPN)` })
    await expect.poll(() => japanCaretAtKenya.count(), POLL).toBe(1)
    const kenyaCaretAtJapan = japan.page.locator('.collaboration-carets__label', { hasText: `${kenyaUser.displayName} (KEN)` })
    await expect.poll(() => kenyaCaretAtJapan.count(), POLL).toBe(1)
    await kenya.page.screenshot({ path: artifactPath('workspace.png') })

    // Kenya moves Article 2 down with the keyboard: it becomes Article 3 for both.
    const heading = DEMO_DRAFT.clauses[2]?.heading ?? ''
    const next = DEMO_DRAFT.clauses[3]?.heading ?? ''
    await kenya.page.locator('[data-outline-item]', { hasText: heading }).focus()
    await kenya.page.keyboard.press('Alt+ArrowDown')
    for (const page of [kenya.page, japan.page]) {
      await expect.poll(async () => (await outlineLabels(page)).slice(2, 4), POLL).toEqual([`Article 2: ${next}`, `Article 3: ${heading}`])
    }
    await expect.poll(() => japan.page.locator('article[aria-label="Article 3"] .clause-heading').inputValue(), POLL).toBe(heading)

    // An observer reads the same text but cannot change it.
    const observerUser = demoUser('observer')
    const observer = await openDraftAs(browser, url, observerUser.username, observerUser.password, DEMO_DRAFT.title)
    await observer.page.getByRole('note').filter({ hasText: 'Observers read the draft' }).waitFor()
    await observer.page.locator('article[aria-label="Article 3"]').scrollIntoViewIfNeeded()
    const observerText = clauseText(observer.page, 'Article 3')
    await expect.poll(() => observerText.textContent(), POLL).toContain('Tokyo wording.')
    expect(await observerText.getAttribute('contenteditable')).toBe('false')
    await observerText.click()
    await observer.page.keyboard.type('OBSERVER WAS HERE')
    expect(await observer.page.getByRole('toolbar', { name: 'Formatting' }).count()).toBe(0)
    expect(await observer.page.locator('article[aria-label="Article 3"] .clause-heading').getAttribute('readonly')).not.toBeNull()
    expect(await observerText.textContent()).not.toContain('OBSERVER')
    // A marker typed by Kenya after the observer's attempt arrives; the observer's text never does.
    await kenya.page.locator('article[aria-label="Article 3"]').scrollIntoViewIfNeeded()
    await clauseText(kenya.page, 'Article 3').locator('p').first().click()
    await kenya.page.keyboard.press('End')
    await kenya.page.keyboard.type(' Marker.')
    // Article 2 moved: the same clause is Article 3 now.
    await expect.poll(() => clauseText(japan.page, 'Article 3').textContent(), POLL).toContain('Marker.')
    expect(await japan.page.locator('main.clauses').textContent()).not.toContain('OBSERVER')
  })

  it('keeps typing offline on this device and merges after reconnecting', { timeout: 120_000 }, async () => {
    const { url } = await startDemoApp()
    const browser = await launchBrowser()
    const kenyaUser = demoUser('delegate-ken')
    const indiaUser = demoUser('delegate-ind')
    const kenya = await openDraftAs(browser, url, kenyaUser.username, kenyaUser.password, DEMO_DRAFT.title)
    const india = await openDraftAs(browser, url, indiaUser.username, indiaUser.password, DEMO_DRAFT.title)

    await kenya.context.setOffline(true)
    await kenya.page.getByText('Offline — changes kept on this device').waitFor()
    const kenyaText = clauseText(kenya.page, 'Article 1')
    await kenyaText.locator('p').first().click()
    await kenya.page.keyboard.press('End')
    await kenya.page.keyboard.type(' Typed while offline.')
    // Meanwhile India edits the same clause online.
    const indiaText = clauseText(india.page, 'Article 1')
    await indiaText.locator('p').first().click()
    await india.page.keyboard.press('Home')
    await india.page.keyboard.type('Online: ')
    await kenya.page.getByText('Not yet saved to the server').waitFor()
    expect(await indiaText.textContent()).not.toContain('Typed while offline.')

    await kenya.context.setOffline(false)
    await kenya.page.getByText('Connected', { exact: true }).waitFor()
    await expect.poll(() => indiaText.textContent(), POLL).toContain('Typed while offline.')
    await expect.poll(() => kenyaText.textContent(), POLL).toContain('Online: ')
    await kenya.page.getByText('All changes saved').waitFor()
  })
})
