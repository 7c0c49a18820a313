import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO_DRAFT } from '../fixtures/index'
import { request } from '../server/testing/http'
import { startDemoApp } from './support/appServer'
import { launchBrowser } from './support/browser'
import { demoToken } from './support/demoApi'
import { demoUser, openDraftAs } from './support/pages'
import { selectWords, showClause } from './support/selection'

const selectionMenu = (page: Page) => page.getByRole('toolbar', { name: 'Selected words' })

/** Selects words and waits for the menu at the selection to offer Comment. */
async function expectMenu(page: Page, clauseLabel: string, words: string): Promise<void> {
  await selectWords(page, clauseLabel, words)
  await selectionMenu(page).getByRole('button', { name: 'Comment' }).waitFor()
}

/** Selects words; a menu would show on the frame after the selection (two frames are waited, not a time), and none does. */
async function expectNoMenu(page: Page, clauseLabel: string, words: string): Promise<void> {
  await selectWords(page, clauseLabel, words)
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0)))))
  expect(await selectionMenu(page).count()).toBe(0)
}

describe('browser: every action in the phase and role where users do it', () => {
  it('while drafting a delegate comments and proposes on selected words; an observer is offered neither and told why keys do nothing; only the chair and the secretariat see status controls', { timeout: 180_000 }, async () => {
    const { url } = await startDemoApp()
    const browser = await launchBrowser()
    const open = (username: string) => {
      const user = demoUser(username)
      return openDraftAs(browser, url, user.username, user.password, DEMO_DRAFT.title)
    }
    const kenya = await open('delegate-ken')
    await expectMenu(kenya.page, 'Article 2', 'territorial integrity')
    await selectionMenu(kenya.page).getByRole('button', { name: 'Propose wording' }).click()
    const form = kenya.page.getByRole('form', { name: 'New comment' })
    expect(await form.getByLabel(/Proposed wording/).inputValue()).toBe('territorial integrity')
    await form.getByLabel(/Proposed wording/).fill('territorial integrity and unity')
    await form.getByLabel('Explanation').fill('Kenya adds unity.')
    await form.getByRole('button', { name: 'Send proposal' }).click()
    await kenya.page.locator('.thread').filter({ hasText: 'Kenya adds unity.' }).waitFor()
    expect(await kenya.page.getByRole('button', { name: /^Change status of/ }).count()).toBe(0)

    const observer = await open('observer')
    await expectNoMenu(observer.page, 'Article 2', 'territorial integrity')
    expect(await observer.page.getByRole('button', { name: /^Comment on / }).count()).toBe(0)
    await showClause(observer.page, 'Article 2')
    await observer.page.locator('article[aria-label="Article 2"] .tiptap').click()
    await observer.page.keyboard.press('a')
    await observer.page.getByRole('status').filter({ hasText: 'Observers read the draft' }).waitFor()

    const rapporteur = await open('rapporteur')
    expect(await rapporteur.page.getByRole('button', { name: /^Change status of/ }).count()).toBe(0)
    const chair = await open('chair')
    await chair.page.getByRole('button', { name: 'Change status of Article 2' }).waitFor()
  })

  it('in a closed draft nobody is offered a comment, keys say the draft is closed, proposals cannot be applied, and the server refuses', { timeout: 180_000 }, async () => {
    const { server, url } = await startDemoApp()
    const kenyaToken = await demoToken(server, 'delegate-ken')
    const drafts = await request<{ drafts: { id: string; title: string }[] }>(`${url}/api/drafts`, { token: kenyaToken })
    const draftId = drafts.body.drafts.find((d) => d.title === DEMO_DRAFT.title)?.id ?? ''
    const content = await request<{ clauses: { id: string; text: string }[] }>(`${url}/api/drafts/${draftId}/content`, { token: kenyaToken })
    const article2 = content.body.clauses[2]
    const made = await request(`${url}/api/drafts/${draftId}/threads`, { method: 'POST', token: kenyaToken, body: { clauseId: article2?.id, body: 'Kenya proposes.', proposal: { text: `${article2?.text ?? ''} Amended.` } } })
    expect(made.status).toBe(201)
    // No screen closes a draft yet (the console will): the phase is set as the secretariat's console would.
    const closed = await server.ctx.storage.setDraftPhase(draftId, 'closed', null)
    if (!closed) throw new Error('no such draft')
    await server.ctx.access.draftChanged(closed.id)

    const browser = await launchBrowser()
    const kenyaUser = demoUser('delegate-ken')
    const kenya = await openDraftAs(browser, url, kenyaUser.username, kenyaUser.password, DEMO_DRAFT.title)
    await kenya.page.getByRole('note').filter({ hasText: 'closed' }).waitFor()
    await expectNoMenu(kenya.page, 'Article 2', 'territorial integrity')
    expect(await kenya.page.getByRole('button', { name: /^Comment on / }).count()).toBe(0)
    await kenya.page.locator('article[aria-label="Article 2"] .tiptap').click()
    await kenya.page.keyboard.press('Enter')
    await kenya.page.getByRole('status').filter({ hasText: 'This draft is closed' }).waitFor()
    const refused = await request(`${url}/api/drafts/${draftId}/threads`, { method: 'POST', token: kenyaToken, body: { clauseId: article2?.id, body: 'Too late.' } })
    expect(refused.status).toBe(403)

    const rapporteurUser = demoUser('rapporteur')
    const rapporteur = await openDraftAs(browser, url, rapporteurUser.username, rapporteurUser.password, DEMO_DRAFT.title)
    await rapporteur.page.getByRole('button', { name: /^Comments \(\d+\)$/ }).click()
    const thread = rapporteur.page.locator('.thread').filter({ hasText: 'Kenya proposes.' })
    await thread.getByLabel('Proposed change').waitFor()
    expect(await thread.getByRole('button', { name: 'Apply…' }).count()).toBe(0)
  })
})
