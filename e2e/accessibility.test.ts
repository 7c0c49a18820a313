import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readClauses } from '../shared/draft/ydoc'
import { DEMO_DRAFT } from '../fixtures/index'
import { clauseBody } from '../server/services/threadViews'
import { request } from '../server/testing/http'
import { waitFor } from '../server/testing/waitFor'
import { connectClient } from '../server/testing/yclient'
import { startDemoApp } from './support/appServer'
import { seriousViolations } from './support/axe'
import { launchBrowser } from './support/browser'
import { demoToken, openDemoRound } from './support/demoApi'
import { demoUser, openDraftAs } from './support/pages'

async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect(await seriousViolations(page), `axe: serious or critical violations on ${screen}`).toEqual([])
}

describe('browser: keyboard and screen reader', () => {
  it('axe-core finds no serious or critical violation on sign-in, the workspace (drafting, with a proposal, in consultation), revisions with a diff, and reports', { timeout: 180_000 }, async () => {
    const { server, url } = await startDemoApp()
    const browser = await launchBrowser()
    const anonymous = await (await browser.newContext()).newPage()
    await anonymous.goto(url)
    await anonymous.getByLabel('Username').waitFor()
    await expectAccessible(anonymous, 'sign-in')

    // A proposal on Article 2 and an edit since revision 1, so the panel and the diff have content.
    const kenyaToken = await demoToken(server, 'delegate-ken')
    const drafts = await request<{ drafts: { id: string; title: string }[] }>(`${url}/api/drafts`, { token: kenyaToken })
    const draftId = drafts.body.drafts.find((d) => d.title === DEMO_DRAFT.title)?.id ?? ''
    const client = connectClient(url.replace(/^http/, 'ws'), draftId, await demoToken(server, 'rapporteur'))
    await client.synced()
    const article2 = readClauses(client.doc)[2]
    const proposed = (article2?.text ?? '').replace('full respect', 'the fullest respect')
    await request(`${url}/api/drafts/${draftId}/threads`, { method: 'POST', token: kenyaToken, body: { clauseId: article2?.id, body: 'Kenya would strengthen this.', proposal: { text: proposed } } })

    const rapporteurUser = demoUser('rapporteur')
    const { page } = await openDraftAs(browser, url, rapporteurUser.username, rapporteurUser.password, DEMO_DRAFT.title)
    await expectAccessible(page, 'the workspace')
    await page.getByRole('button', { name: /^Comments \(\d+\)$/ }).click()
    await page.locator('.thread').filter({ hasText: 'strengthen' }).getByLabel('Proposed change').waitFor()
    await expectAccessible(page, 'the workspace with a proposal in the comments panel')

    await page.getByRole('link', { name: 'Reports' }).click()
    await page.getByRole('heading', { name: /report/i }).first().waitFor()
    await expectAccessible(page, 'reports')

    await openDemoRound(server, url, DEMO_DRAFT.title)
    const first = clauseBody(client.doc, article2?.id ?? '')?.get(0)
    const text = first instanceof Y.XmlElement ? first.get(0) : null
    if (!(text instanceof Y.XmlText)) throw new Error('Article 2 has no text')
    text.insert(0, 'Subject to these provisions, ')
    await waitFor(async () => (await server.ctx.collab.withDoc(draftId, (doc) => readClauses(doc)[2]?.text ?? '')).startsWith('Subject to'), { message: 'the edit stored' })
    await page.getByRole('link', { name: 'Revisions' }).click()
    await page.getByRole('button', { name: 'Compare with current: revision 1' }).click()
    await page.locator('ins', { hasText: 'Subject to these provisions' }).first().waitFor()
    await expectAccessible(page, 'revisions with a diff')

    const kenyaUser = demoUser('delegate-ken')
    const kenya = await openDraftAs(browser, url, kenyaUser.username, kenyaUser.password, DEMO_DRAFT.title)
    await kenya.page.getByRole('note').filter({ hasText: 'Consultation until' }).waitFor()
    await expectAccessible(kenya.page, 'the workspace of a delegate in consultation')
  })

  it('a skip link leads to the text, and the outline is one Tab stop with arrows inside', { timeout: 120_000 }, async () => {
    const { url } = await startDemoApp()
    const browser = await launchBrowser()
    const user = demoUser('delegate-ken')
    const { page } = await openDraftAs(browser, url, user.username, user.password, DEMO_DRAFT.title)
    // A fresh load of the draft: the first Tab goes from the top of the page.
    await page.goto(page.url())
    await page.getByText('Connected', { exact: true }).waitFor()
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the text')
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('#main-text')))).toBe(true)

    const outline = page.getByRole('navigation', { name: 'Outline' })
    expect(await outline.locator('[tabindex="0"]').count()).toBe(1)
    await outline.locator('[tabindex="0"]').focus()
    await page.keyboard.press('ArrowDown')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Article 1/)
    expect(await outline.locator('[tabindex="0"]').getAttribute('aria-label')).toMatch(/^Article 1/)
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('nav[aria-label="Outline"]')))).toBe(false)
  })
})
