import { describe, expect, it } from 'vitest'
import { DEMO_DRAFT } from '../fixtures/index'
import { startDemoApp } from './support/appServer'
import { artifactPath, launchBrowser } from './support/browser'
import { recordPosition } from './support/controls'
import { clauseText, demoUser, openDraftAs } from './support/pages'

const POLL = { timeout: 15_000, interval: 50 }


describe('browser: comment threads and positions', () => {
  it('shows a comment on selected text in another browser without reload, and applies a proposal for everyone', { timeout: 120_000 }, async () => {
    const { url } = await startDemoApp()
    const browser = await launchBrowser()
    const kenyaUser = demoUser('delegate-ken')
    const kenya = await openDraftAs(browser, url, kenyaUser.username, kenyaUser.password, DEMO_DRAFT.title)
    const rapporteurUser = demoUser('rapporteur')
    const rapporteur = await openDraftAs(browser, url, rapporteurUser.username, rapporteurUser.password, DEMO_DRAFT.title)
    await rapporteur.page.getByRole('button', { name: /^Comments \(0\)$/ }).click()

    // Kenya selects a word in Article 2 and comments on it, proposing other wording.
    const text = clauseText(kenya.page, 'Article 2')
    await text.locator('p').first().dblclick({ position: { x: 60, y: 10 } })
    const selected = await kenya.page.evaluate(() => window.getSelection()?.toString().trim() ?? '')
    expect(selected.length).toBeGreaterThan(1)
    const before = (await text.locator('p').first().textContent()) ?? ''
    expect(before.indexOf(selected)).toBeLessThan(80) // the word clicked is its first occurrence
    await kenya.page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Comment' }).click()
    const form = kenya.page.getByRole('form', { name: 'New comment' })
    await form.getByText(`“${selected}”`).waitFor()
    await form.getByLabel('Comment').fill('Kenya asks for a clearer term here.')
    await form.getByLabel(/Propose other wording/).check()
    await form.getByLabel(/Proposed wording/).fill('PROPOSED-TERM')
    await form.getByRole('button', { name: 'Send proposal' }).click()
    await kenya.page.locator('.thread').filter({ hasText: 'Kenya asks for a clearer term here.' }).waitFor()
    await expect.poll(() => text.locator('.comment-span').count(), POLL).toBe(1)

    // The rapporteur's open panel shows it live, with the quote, and applies the proposal.
    const thread = rapporteur.page.locator('.thread').filter({ hasText: 'Kenya asks for a clearer term here.' })
    await thread.waitFor({ timeout: 15_000 })
    expect(await thread.locator('.thread-quote').textContent()).toContain(selected)
    expect(await thread.textContent()).toContain(`${kenyaUser.displayName} (KEN)`)
    await rapporteur.page.screenshot({ path: artifactPath('threads.png') })
    await thread.getByRole('button', { name: 'Apply…' }).click()
    await thread.getByRole('button', { name: 'Apply changes' }).click()
    await expect.poll(() => text.locator('p').first().textContent(), POLL).toBe(before.replace(selected, 'PROPOSED-TERM'))
    await kenya.page.getByRole('button', { name: '0 open comments on Article 2' }).waitFor({ timeout: 15_000 })

    // Kenya records a position; the rapporteur sees the consensus line change.
    await recordPosition(kenya.page, 'KEN', 'Article 2', 'Reservation')
    await expect.poll(() => rapporteur.page.getByLabel('Positions on Article 2').textContent(), POLL).toBe('1 reservation (KEN)')
  })
})
