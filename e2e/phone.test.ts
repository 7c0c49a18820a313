import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO_DRAFT } from '../fixtures/index'
import { startDemoApp } from './support/appServer'
import { artifactPath, launchBrowser } from './support/browser'
import { recordPosition } from './support/controls'
import { demoToken, openDemoRound } from './support/demoApi'
import { demoUser } from './support/pages'
import { selectWords, showClause } from './support/selection'
import * as Y from 'yjs'
import { readClauses } from '../shared/draft/ydoc'
import { clauseBody } from '../server/services/threadViews'
import { connectClient } from '../server/testing/yclient'
import { waitFor } from '../server/testing/waitFor'

const PHONE = { width: 390, height: 844 }

/** The page is no wider than the screen: nothing scrolls sideways. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const widths = await page.evaluate(() => ({ document: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth }))
  expect(widths.document, `document width at ${where}`).toBeLessThanOrEqual(widths.viewport)
}

describe('browser: a phone shows the text', () => {
  it('at 390×844 a delegate reads the draft, follows the round, comments on words, records a position and reads the diff, never scrolling sideways', { timeout: 180_000 }, async () => {
    const { server, url } = await startDemoApp()
    const draftId = await openDemoRound(server, url, DEMO_DRAFT.title)
    // The rapporteur revises Article 3 during the round, so the diff from the round's revision has something to show.
    const rapporteur = connectClient(url.replace(/^http/, 'ws'), draftId, await demoToken(server, 'rapporteur'))
    await rapporteur.synced()
    const article3 = readClauses(rapporteur.doc)[3]?.id ?? ''
    const first = clauseBody(rapporteur.doc, article3)?.get(0)
    const text = first instanceof Y.XmlElement ? first.get(0) : null
    if (!(text instanceof Y.XmlText)) throw new Error('Article 3 has no text')
    text.insert(0, 'Subject to its constitution, ')
    await waitFor(async () => (await server.ctx.collab.withDoc(draftId, (doc) => readClauses(doc)[3]?.text ?? '')).startsWith('Subject to'), { message: 'the revision stored' })
    const browser = await launchBrowser()
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, hasTouch: true })
    const page = await context.newPage()
    const kenya = demoUser('delegate-ken')
    await page.goto(url)
    await expectNoSidewaysScroll(page, 'sign-in')
    await page.getByLabel('Username').fill(kenya.username)
    await page.getByLabel('Password').fill(kenya.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('link', { name: DEMO_DRAFT.title }).click()
    await page.getByText('Connected', { exact: true }).waitFor()

    // The draft, the round and every tab are on the screen.
    await page.getByRole('note').filter({ hasText: 'Consultation until' }).waitFor()
    await page.getByRole('region', { name: 'Comment round' }).waitFor()
    for (const tab of ['Text', 'Comment history', 'Positions', 'Revisions', 'Reports']) {
      const box = await page.getByRole('navigation', { name: 'Draft views' }).getByRole('link', { name: tab }).boundingBox()
      expect(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${tab} tab on screen`).toBe(true)
    }
    await expectNoSidewaysScroll(page, 'workspace')

    // Comment on words from the menu at the selection; the comments sheet opens on the screen.
    await selectWords(page, 'Article 3', 'to gain entry to a computer system')
    await page.getByRole('toolbar', { name: 'Selected words' }).getByRole('button', { name: 'Comment' }).click()
    const form = page.getByRole('form', { name: 'New comment' })
    await form.getByLabel('Comment', { exact: true }).fill('Kenya would say "to access".')
    const panel = page.getByRole('complementary', { name: 'Comments' })
    const sheet = await panel.boundingBox()
    expect(sheet && sheet.x >= 0 && sheet.x + sheet.width <= PHONE.width && sheet.y < PHONE.height, 'comments sheet on screen').toBe(true)
    await form.getByRole('button', { name: 'Send comment' }).click()
    await panel.locator('.thread').filter({ hasText: 'to access' }).waitFor()
    await expectNoSidewaysScroll(page, 'comment sent')
    await page.screenshot({ path: artifactPath('phone-comment.png') })
    await panel.getByRole('button', { name: 'Close comments' }).click()

    // A position with a statement.
    await showClause(page, 'Article 3')
    await recordPosition(page, 'KEN', 'Article 3', 'Support', 'Kenya supports the article as drafted.')
    await expectNoSidewaysScroll(page, 'position recorded')

    // The diff of the revisions.
    await page.getByRole('navigation', { name: 'Draft views' }).getByRole('link', { name: 'Revisions' }).click()
    await page.getByRole('heading', { name: /Revisions/ }).first().waitFor()
    await page.getByRole('button', { name: 'Compare with current: revision 1' }).click()
    await page.locator('ins', { hasText: 'Subject to its constitution' }).first().waitFor({ timeout: 15_000 })
    await expectNoSidewaysScroll(page, 'revisions')
    await page.screenshot({ path: artifactPath('phone-revisions.png') })
  })
})
