import { describe, expect, it } from 'vitest'
import { DEMO_DRAFT } from '../fixtures/index'
import { startDemoApp } from './support/appServer'
import { artifactPath, launchBrowser } from './support/browser'
import { recordPosition } from './support/controls'
import { clauseText, demoUser, openDraftAs } from './support/pages'
import { paragraphsOf, selectWords, showClause } from './support/selection'

const POLL = { timeout: 15_000, interval: 50 }

/** Tomorrow as a date input takes it (YYYY-MM-DD). */
function tomorrow(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
}

describe('browser: the comment round as delegates live it', () => {
  it('in consultation a delegate comments on words, proposes wording, replies and records a position; the rapporteur applies and declines; the secretariat closes the round', { timeout: 240_000 }, async () => {
    const { url } = await startDemoApp()
    const browser = await launchBrowser()
    const open = (username: string) => {
      const user = demoUser(username)
      return openDraftAs(browser, url, user.username, user.password, DEMO_DRAFT.title)
    }
    const secretariat = await open('secretariat')
    const kenyaUser = demoUser('delegate-ken')
    const kenya = await open('delegate-ken')
    const rapporteur = await open('rapporteur')

    // The secretariat opens the round; the delegate's text freezes, with the reason in view.
    const bar = secretariat.page.getByRole('region', { name: 'Comment round' })
    await bar.getByRole('button', { name: 'Open comment round' }).click()
    await bar.getByLabel('Round name').fill('Comments on the Rapporteur’s draft')
    await bar.getByLabel('Deadline', { exact: true }).fill(tomorrow())
    await bar.getByRole('button', { name: 'Open round' }).click()
    const banner = kenya.page.getByRole('note').filter({ hasText: 'Consultation until' })
    await banner.waitFor({ timeout: 15_000 })
    expect(await kenya.page.getByRole('region', { name: 'Comment round' }).textContent()).toMatch(/UTC/)

    // The text is frozen for direct edits, but Kenya may suggest: a typed word becomes Kenya's
    // suggestion (the rapporteur's to take or leave), and Backspace takes it back.
    const article3 = clauseText(kenya.page, 'Article 3')
    await showClause(kenya.page, 'Article 3')
    const before3 = await paragraphsOf(kenya.page, 'Article 3')
    await article3.click()
    await kenya.page.keyboard.type('x')
    await expect.poll(() => article3.locator('ins.suggestion[data-state="KEN"]').count(), POLL).toBe(1)
    await kenya.page.keyboard.press('Backspace')
    await expect.poll(() => article3.locator('ins.suggestion').count(), POLL).toBe(0)
    expect(await paragraphsOf(kenya.page, 'Article 3')).toEqual(before3)
    expect(await banner.isVisible()).toBe(true)

    // Kenya selects words in Article 3 and comments on them from the menu at the selection.
    await selectWords(kenya.page, 'Article 3', 'intentionally and without authorization')
    await kenya.page.getByRole('toolbar', { name: 'Selected words' }).getByRole('button', { name: 'Comment' }).click()
    const form = kenya.page.getByRole('form', { name: 'New comment' })
    await form.getByText('“intentionally and without authorization”').waitFor()
    await form.getByLabel('Comment', { exact: true }).fill('Kenya asks whether "without authorization" covers employees.')
    await form.getByRole('button', { name: 'Send comment' }).click()
    const commentThread = kenya.page.locator('.thread').filter({ hasText: 'covers employees' })
    await commentThread.waitFor()
    expect(await commentThread.locator('.thread-quote').textContent()).toContain('intentionally and without authorization')
    // Focus is back in the text the comment is on.
    expect(await kenya.page.evaluate(() => document.activeElement?.closest('article')?.getAttribute('aria-label'))).toBe('Article 3')
    await expect.poll(() => article3.locator('.comment-span').count(), POLL).toBe(1)

    // A proposal on a span, opened with the keyboard shortcut, starts from the selected wording.
    await selectWords(kenya.page, 'Article 3', 'defeated a protective measure')
    await article3.press('Control+Alt+KeyP')
    const proposalText = form.getByLabel(/Proposed wording/)
    expect(await proposalText.inputValue()).toBe('defeated a protective measure')
    await proposalText.fill('circumvented a security measure')
    await form.getByLabel('Your change').locator('ins', { hasText: 'circumvented' }).waitFor()
    await form.getByLabel('Explanation').fill('Kenya prefers the wording of its domestic law.')
    await form.getByRole('button', { name: 'Send proposal' }).click()
    await kenya.page.locator('.thread').filter({ hasText: 'wording of its domestic law' }).waitFor()

    // A proposal on a whole article starts from its current text and changes one sentence.
    await showClause(kenya.page, 'Article 5')
    const before5 = await paragraphsOf(kenya.page, 'Article 5')
    const article5 = kenya.page.locator('article[aria-label="Article 5"]')
    await article5.locator('.clause-meta').getByRole('button', { name: 'Propose wording' }).click()
    const whole = form.getByLabel(/Proposed wording/)
    const current = await whole.inputValue()
    expect(current).toContain('[ninety]')
    expect(current.split('\n')).toHaveLength(4)
    await whole.fill(current.replace('that the order specifies.', 'that the order specifies, unless a court decides otherwise.'))
    await form.getByLabel('Explanation').fill('Kenya would let a court lift the confidentiality.')
    await form.getByRole('button', { name: 'Send proposal' }).click()
    await kenya.page.locator('.thread').filter({ hasText: 'lift the confidentiality' }).waitFor()

    // Kenya replies and records a position with a statement.
    await kenya.page.getByRole('button', { name: /open comments? on Article 3$/ }).click()
    await commentThread.getByRole('textbox', { name: /^Reply to/ }).fill('Kenya adds: and contractors.')
    await commentThread.getByRole('button', { name: 'Reply' }).click()
    await commentThread.getByText('Kenya adds: and contractors.').waitFor()
    await recordPosition(kenya.page, 'KEN', 'Article 5', 'Reservation', 'Kenya awaits the view of its judiciary.')
    await expect.poll(() => rapporteur.page.getByLabel('Positions on Article 5').textContent(), POLL).toBe('1 reservation (KEN)')

    // The rapporteur sees the proposal as a word diff, confirms on the same diff, and only those words change.
    await rapporteur.page.getByRole('button', { name: /^Comments \(\d+\)$/ }).click()
    const wholeThread = rapporteur.page.locator('.thread').filter({ hasText: 'lift the confidentiality' })
    await wholeThread.waitFor({ timeout: 15_000 })
    await wholeThread.getByLabel('Proposed change').locator('ins', { hasText: 'unless a court decides otherwise' }).waitFor()
    await wholeThread.getByRole('button', { name: 'Apply…' }).click()
    await wholeThread.getByRole('group', { name: /^Apply the proposal of/ }).waitFor()
    await rapporteur.page.screenshot({ path: artifactPath('round-apply.png') })
    await wholeThread.getByRole('button', { name: 'Apply changes' }).click()
    await rapporteur.page.getByRole('status').filter({ hasText: 'proposal applied to Article 5' }).waitFor()
    // Still in view, marked as applied by whom, of whose proposal.
    await wholeThread.getByText(new RegExp(`Applied by .*proposal of ${kenyaUser.displayName} \\(KEN\\)`)).waitFor()
    const after5 = (): Promise<string[]> => paragraphsOf(kenya.page, 'Article 5')
    await expect.poll(async () => (await after5())[2], POLL).toContain('unless a court decides otherwise.')
    const changed = await after5()
    expect([changed[0], changed[1], changed[3]]).toEqual([before5[0], before5[1], before5[3]])
    expect(await article5.locator('.bracket').first().textContent()).toBe('ninety')

    // The rapporteur declines the span proposal with a reason.
    const spanThread = rapporteur.page.locator('.thread').filter({ hasText: 'wording of its domestic law' })
    await spanThread.getByRole('button', { name: 'Decline…' }).click()
    await spanThread.getByLabel('Reason for declining').fill('The Group keeps the wording of the Budapest tradition.')
    await spanThread.getByRole('button', { name: 'Decline proposal' }).click()
    await spanThread.getByText(/Declined by .*Budapest tradition/).waitFor()
    await showClause(kenya.page, 'Article 3')
    expect(await paragraphsOf(kenya.page, 'Article 3')).toEqual(before3)

    // The history says who applied whose proposal.
    await rapporteur.page.getByRole('link', { name: 'Comment history' }).click()
    await rapporteur.page.getByText(`applied the proposal of ${kenyaUser.displayName} (KEN)`).waitFor()

    // The secretariat closes the round, after confirming; the delegate's text opens again.
    await bar.getByRole('button', { name: 'Close round…' }).click()
    await bar.getByRole('group', { name: 'Confirm closing the round' }).getByRole('button', { name: 'Close round' }).click()
    await banner.waitFor({ state: 'detached', timeout: 15_000 })
    await bar.getByText('No comment round open').waitFor()
  })
})
