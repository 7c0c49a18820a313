import { describe, expect, it } from 'vitest'
import { issueCredential } from '../server/auth/credentials'
import { loadStoredDoc } from '../server/services/drafts'
import { TEST_PASSWORD, buildDraft, buildGroup, buildUser } from '../server/testing/factories'
import { readClauses } from '../shared/draft/ydoc'
import { startDemoApp } from './support/appServer'
import { launchBrowser } from './support/browser'
import { openDraftAs } from './support/pages'

const IMG = '<img src=x onerror="window.__pwned=1">'
const SCRIPT = '<script>window.__pwned=2</script>'

describe('browser: user text is inert', () => {
  it('shows clause text, headings, comments and names holding HTML or script as text, and runs none of it', { timeout: 120_000 }, async () => {
    const { url, server } = await startDemoApp()
    const storage = server.ctx.storage
    const group = await buildGroup(storage)
    const rapporteur = await buildUser(storage, { role: 'rapporteur', group, displayName: `Mallory ${IMG}` })
    const draft = await buildDraft(storage, rapporteur, {
      title: `Draft ${SCRIPT}`,
      clauses: [{ kind: 'article', heading: `Heading ${IMG}`, text: `Text ${SCRIPT} and ${IMG} & more` }],
    })
    const clauseId = readClauses(await loadStoredDoc(storage, draft.id))[0]?.id
    const token = (await issueCredential(storage, rapporteur, 'token')).secret
    const res = await fetch(`${url}/api/drafts/${draft.id}/threads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clauseId, body: `Comment ${SCRIPT} ${IMG}` }),
    })
    expect(res.status).toBe(201)

    const browser = await launchBrowser()
    const { page } = await openDraftAs(browser, url, rapporteur.username, TEST_PASSWORD, `Draft ${SCRIPT}`)
    await page.getByRole('button', { name: /^Comments \(1\)$/ }).click()
    const thread = page.locator('.thread').first()
    await thread.waitFor()
    expect(await thread.textContent()).toContain(`Comment ${SCRIPT} ${IMG}`)
    expect(await page.locator('article[aria-label="Article 1"] .clause-heading').inputValue()).toBe(`Heading ${IMG}`)
    expect(await page.locator('article[aria-label="Article 1"] .clause-editor').textContent()).toContain(`Text ${SCRIPT} and ${IMG} & more`)
    expect(await page.getByLabel('Signed-in user').textContent()).toContain(`Mallory ${IMG}`)
    expect(await page.locator('h1').textContent()).toBe(`Draft ${SCRIPT}`)
    // Nothing of it became markup, and nothing ran.
    expect(await page.locator('main img, aside img, header img').count()).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    await page.getByRole('link', { name: 'Comment history' }).click()
    // The history is fetched after the tab opens: wait for the entry, as text.
    await page.locator('.history', { hasText: `Comment ${SCRIPT} ${IMG}` }).waitFor()
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
  })
})
