import { describe, expect, it } from 'vitest'
import type { DraftContent, DraftSummary } from '../shared/api'
import type { ThreadView } from '../shared/threadsApi'
import { request } from '../server/testing/http'
import { DEMO_DRAFT } from '../fixtures/index'
import { startDemoApp } from './support/appServer'
import { seriousViolations } from './support/axe'
import { launchBrowser } from './support/browser'
import { demoToken } from './support/demoApi'
import { clauseText, demoUser, openDraftAs } from './support/pages'
import { paragraphsOf, showClause } from './support/selection'

const POLL = { timeout: 20_000, interval: 100 }
const TYPED = ' Typed while the delegation was offline.'

describe('browser: offline edits that became forbidden meanwhile', () => {
  it('are kept as a proposal by their author on that clause, and the editor resumes from the server’s text', { timeout: 150_000 }, async () => {
    const { server, url } = await startDemoApp()
    const browser = await launchBrowser()
    const kenyaUser = demoUser('delegate-ken')
    const kenya = await openDraftAs(browser, url, kenyaUser.username, kenyaUser.password, DEMO_DRAFT.title)
    const secretariat = await demoToken(server, 'secretariat')
    const kenyaToken = await demoToken(server, 'delegate-ken')
    const drafts = await request<{ drafts: DraftSummary[] }>(`${url}/api/drafts`, { token: secretariat })
    const draftId = drafts.body.drafts.find((d) => d.title === DEMO_DRAFT.title)?.id
    if (!draftId) throw new Error('no demo draft')

    await showClause(kenya.page, 'Article 3')
    const before = await paragraphsOf(kenya.page, 'Article 3')

    // Offline, Kenya types into Article 3 (y-indexeddb keeps it on the device).
    await kenya.context.setOffline(true)
    await kenya.page.getByText('Offline — changes kept on this device').waitFor()
    await clauseText(kenya.page, 'Article 3').locator('p').first().click()
    await kenya.page.keyboard.press('End')
    await kenya.page.keyboard.insertText(TYPED)
    await kenya.page.getByText('Not yet saved to the server').waitFor()

    // Meanwhile the secretariat holds delegates to suggesting: Kenya's direct edit is now forbidden.
    const patched = await request(`${url}/api/drafts/${draftId}`, { method: 'PATCH', token: secretariat, body: { textMode: 'suggest' } })
    expect(patched.status).toBe(200)

    await kenya.context.setOffline(false)
    const notice = kenya.page.getByRole('alert', { name: 'Changes not applied' })
    await notice.waitFor({ timeout: 30_000 })
    expect(await notice.locator('p').textContent()).toBe(
      'Your offline changes to Article 3 could not be applied: the draft is now in suggest mode. They are kept as proposals in the comment threads.',
    )

    // The editor shows the server's text, connected again, with nothing left to resend.
    await kenya.page.getByRole('status', { name: 'Connection' }).filter({ hasText: 'Connected' }).waitFor({ timeout: 20_000 })
    await showClause(kenya.page, 'Article 3')
    await expect.poll(() => paragraphsOf(kenya.page, 'Article 3'), POLL).toEqual(before)

    // The typed wording is a proposal thread by Kenya's delegate on Article 3.
    const listed = await request<{ threads: ThreadView[] }>(`${url}/api/drafts/${draftId}/threads`, { token: kenyaToken })
    expect(listed.status).toBe(200)
    const clauses = await request<DraftContent>(`${url}/api/drafts/${draftId}/content`, { token: kenyaToken })
    const article3 = clauses.body.clauses.find((c) => c.label === 'Article 3')
    if (!article3) throw new Error('no Article 3')
    expect(article3.text).not.toContain(TYPED.trim())
    const kept = listed.body.threads.filter((t) => t.proposal !== null)
    expect(kept).toHaveLength(1)
    expect(kept[0]).toMatchObject({ clauseId: article3.id, status: 'open', author: { name: kenyaUser.displayName, state: 'KEN' } })
    // The server's wording with what was typed, where it was typed.
    expect(kept[0]?.proposal?.text).toContain(TYPED)
    expect(kept[0]?.proposal?.text.replace(TYPED, '')).toBe(article3.text)
    expect(kept[0]?.comments[0]?.body).toBe('Typed offline while the text could not be changed directly; kept as a proposal.')

    // …and the page shows it on that clause.
    await kenya.page.getByRole('button', { name: '1 open comment on Article 3' }).click()
    await kenya.page.locator('.thread').filter({ hasText: 'kept as a proposal' }).filter({ hasText: TYPED.trim() }).waitFor()

    // The notice is accessible; once dismissed it is gone, and a reload opens from the server's text.
    expect(await seriousViolations(kenya.page)).toEqual([])
    await notice.getByRole('button', { name: 'Dismiss' }).click()
    await notice.waitFor({ state: 'detached' })
    await kenya.page.reload()
    await kenya.page.getByText('Connected', { exact: true }).waitFor()
    await showClause(kenya.page, 'Article 3')
    await expect.poll(() => paragraphsOf(kenya.page, 'Article 3'), POLL).toEqual(before)
    expect(await kenya.page.getByRole('alert', { name: 'Changes not applied' }).count()).toBe(0)
    const again = await request<{ threads: ThreadView[] }>(`${url}/api/drafts/${draftId}/threads`, { token: kenyaToken })
    expect(again.body.threads.filter((t) => t.proposal !== null)).toHaveLength(1)
  })

  it('a session ended while the draft is open (4401) leads to the sign-in screen, and signing in again reopens the draft', { timeout: 120_000 }, async () => {
    const { url } = await startDemoApp()
    const browser = await launchBrowser()
    const kenyaUser = demoUser('delegate-ken')
    const kenya = await openDraftAs(browser, url, kenyaUser.username, kenyaUser.password, DEMO_DRAFT.title)
    const draftPath = new URL(kenya.page.url()).pathname
    // Signed out by another tab of the same browser: the cookie's session ends, its websocket closes with 4401.
    const status = await kenya.page.evaluate(async () => (await fetch('/api/session', { method: 'DELETE', credentials: 'same-origin' })).status)
    expect(status).toBe(204)
    // The page reloads into the sign-in screen: the draft's outline goes, the sign-in form comes.
    await kenya.page.getByRole('navigation', { name: 'Outline' }).waitFor({ state: 'detached', timeout: 20_000 })
    await kenya.page.getByLabel('Username').waitFor({ timeout: 20_000 })
    expect(new URL(kenya.page.url()).pathname).toBe(draftPath)
    await kenya.page.getByLabel('Username').fill(kenyaUser.username)
    await kenya.page.getByLabel('Password').fill(kenyaUser.password)
    await kenya.page.getByRole('button', { name: 'Sign in' }).click()
    await kenya.page.getByRole('navigation', { name: 'Outline' }).waitFor()
    await kenya.page.getByText('Connected', { exact: true }).waitFor()
  })
})
