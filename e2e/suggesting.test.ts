import { describe, expect, it } from 'vitest'
import type { DraftSummary } from '../shared/api'
import { DEMO_DRAFT } from '../fixtures/index'
import { request } from '../server/testing/http'
import { startDemoApp } from './support/appServer'
import { seriousViolations } from './support/axe'
import { launchBrowser } from './support/browser'
import { demoToken } from './support/demoApi'
import { demoUser, openDraftAs } from './support/pages'
import { selectWords, showClause } from './support/selection'

const POLL = { timeout: 15_000, interval: 50 }

describe('browser: a delegation suggests, the rapporteur decides', () => {
  it('Kenya inserts and strikes as suggestions; Japan sees them live with Kenya’s label and colour; the rapporteur accepts one and rejects one with a reason; the history lists both', { timeout: 240_000 }, async () => {
    const { server, url } = await startDemoApp()
    // The secretariat puts the draft in suggest mode (its own UI is the lead's: over the API here).
    const token = await demoToken(server, 'secretariat')
    const drafts = await request<{ drafts: DraftSummary[] }>(`${url}/api/drafts`, { token })
    const draftId = drafts.body.drafts.find((d) => d.title === DEMO_DRAFT.title)?.id ?? ''
    const patched = await request(`${url}/api/drafts/${draftId}`, { method: 'PATCH', token, body: { textMode: 'suggest' } })
    expect(patched.status).toBe(200)

    const browser = await launchBrowser()
    const open = (username: string) => {
      const user = demoUser(username)
      return openDraftAs(browser, url, user.username, user.password, DEMO_DRAFT.title)
    }
    const kenya = await open('delegate-ken')
    const japan = await open('delegate-jpn')
    const rapporteur = await open('rapporteur')

    // Kenya is held to Suggesting, and told why; the header says the draft's mode.
    const modes = kenya.page.getByRole('radiogroup', { name: 'How you write' })
    expect(await modes.getByRole('radio', { name: 'Suggesting' }).isChecked()).toBe(true)
    expect(await modes.getByRole('radio', { name: 'Editing' }).isDisabled()).toBe(true)
    expect(await modes.textContent()).toContain('suggest mode')
    await kenya.page.getByText('Suggest mode', { exact: true }).waitFor()

    // Kenya strikes a word and types one in.
    await selectWords(kenya.page, 'Article 3', 'intentionally and ')
    await kenya.page.keyboard.press('Backspace')
    await selectWords(kenya.page, 'Article 3', 'to gain entry')
    await kenya.page.keyboard.press('ArrowRight')
    await kenya.page.keyboard.type(' unlawfully')
    const kenyaArticle = kenya.page.locator('article[aria-label="Article 3"]')
    await kenyaArticle.locator('del.suggestion', { hasText: 'intentionally and' }).waitFor()
    await kenyaArticle.locator('ins.suggestion', { hasText: 'unlawfully' }).waitFor()
    // Enter is refused while suggesting, with the reason.
    await kenya.page.keyboard.press('Enter')
    await kenya.page.getByRole('status').filter({ hasText: 'cannot be changed while suggesting' }).waitFor()

    // Japan sees both live, labelled Kenya's, in Kenya's colour.
    await showClause(japan.page, 'Article 3')
    const japanArticle = japan.page.locator('article[aria-label="Article 3"]')
    const inserted = japanArticle.locator('ins.suggestion[data-state="KEN"]', { hasText: 'unlawfully' })
    const struck = japanArticle.locator('del.suggestion[data-state="KEN"]', { hasText: 'intentionally and' })
    await inserted.waitFor(POLL)
    await struck.waitFor(POLL)
    const colourOf = (page: typeof japan.page) =>
      page.locator('article[aria-label="Article 3"] ins.suggestion[data-state="KEN"]').first().evaluate((e) => getComputedStyle(e).textDecorationColor)
    expect(await colourOf(japan.page)).toBe(await colourOf(kenya.page))
    await inserted.hover()
    const japanPopover = japan.page.getByRole('dialog', { name: /Suggestion by Kenya — Achieng Odhiambo/ })
    await japanPopover.waitFor()
    expect(await japanPopover.getByRole('button', { name: 'Accept' }).count()).toBe(0)
    expect(await seriousViolations(japan.page), 'axe: the suggestion popover and the caret labels').toEqual([])

    // The popover is reachable from the keyboard: caret in the suggestion, Alt+Down, Escape back.
    await selectWords(japan.page, 'Article 3', 'unlawfully')
    await japan.page.keyboard.press('ArrowLeft')
    await japanPopover.waitFor()
    await japan.page.keyboard.press('Alt+ArrowDown')
    // Focus moves after React has rendered: wait for it, with the locator's deadline.
    await japan.page.waitForFunction(() => document.activeElement?.closest('.suggestion-popover') !== null)
    await japan.page.keyboard.press('Escape')
    await japan.page.waitForFunction(() => document.activeElement?.classList.contains('tiptap') === true)

    // The rapporteur accepts the insertion and rejects the deletion with a reason.
    await showClause(rapporteur.page, 'Article 3')
    const rapArticle = rapporteur.page.locator('article[aria-label="Article 3"]')
    await rapArticle.locator('ins.suggestion', { hasText: 'unlawfully' }).hover()
    const rapPopover = rapporteur.page.getByRole('dialog', { name: /Suggestion by Kenya/ })
    await rapPopover.getByRole('button', { name: 'Accept', exact: true }).click()
    await expect.poll(() => japanArticle.locator('ins.suggestion').count(), POLL).toBe(0)
    await rapArticle.locator('del.suggestion', { hasText: 'intentionally and' }).hover()
    await rapPopover.getByRole('button', { name: 'Reject…' }).click()
    await rapPopover.getByLabel('Reason (optional)').fill('The intent requirement stays: it is in every national law.')
    await rapPopover.getByRole('button', { name: 'Reject', exact: true }).click()
    await expect.poll(() => japanArticle.locator('del.suggestion').count(), POLL).toBe(0)
    for (const page of [japan.page, kenya.page]) {
      // The text without others' carets (their name labels sit in the text's DOM).
      const text = await page.locator('article[aria-label="Article 3"] .tiptap').evaluate((root) => {
        const copy = root.cloneNode(true) as HTMLElement
        for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove()
        return copy.textContent
      })
      expect(text).toContain('intentionally and without authorization, to gain entry unlawfully to a computer system')
    }

    // The history lists both decisions.
    await rapporteur.page.getByRole('link', { name: 'Comment history' }).click()
    await rapporteur.page.locator('.history', { hasText: 'accepted a suggestion on' }).waitFor(POLL)
    await rapporteur.page.locator('.history', { hasText: 'rejected a suggestion on' }).waitFor(POLL)
    await browser.close()
  })
})
