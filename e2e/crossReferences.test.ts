import { describe, expect, it } from 'vitest'
import { moveClause } from '../shared/draft/clauseOps'
import { clausesMap, readClauses } from '../shared/draft/ydoc'
import { TEST_PASSWORD, buildDraft, buildGroup, buildUser } from '../server/testing/factories'
import { startDemoApp } from './support/appServer'
import { launchBrowser } from './support/browser'
import { clauseText, openDraftAs } from './support/pages'

const HEADINGS = ['Scope', 'Use of terms', 'Illegal access', 'Search and seizure', 'Expedited preservation', 'Production orders']

describe('browser: cross-references', () => {
  it('inserts a reference to Article 5 from the toolbar, renumbers it when Article 5 moves to the end, and flags it when that clause is deleted', { timeout: 120_000 }, async () => {
    const { url, server } = await startDemoApp()
    const storage = server.ctx.storage
    const group = await buildGroup(storage)
    const rapporteur = await buildUser(storage, { role: 'rapporteur', group })
    const clauses = HEADINGS.map((heading, i) => ({ id: `c${i + 1}`, kind: 'article' as const, heading, text: `Each State shall provide for ${heading.toLowerCase()} as set out in` }))
    const draft = await buildDraft(storage, rapporteur, { title: 'Provisions that cite each other', clauses })
    const browser = await launchBrowser()
    const { page } = await openDraftAs(browser, url, rapporteur.username, TEST_PASSWORD, 'Provisions that cite each other')
    const orders = clauseText(page, 'Article 6')
    await orders.waitFor()
    await orders.click()
    await page.keyboard.press('End')
    await page.keyboard.type(' Article ')
    await expect.poll(() => page.getByRole('combobox', { name: 'Insert a cross-reference' }).locator('option').first().textContent()).toBe('Reference: pick the article…')
    await page.getByRole('combobox', { name: 'Insert a cross-reference' }).focus()
    await page.getByRole('combobox', { name: 'Insert a cross-reference' }).selectOption({ label: 'Article 5 — Expedited preservation' })
    const ref = page.locator('article[aria-label="Article 6"] .xref')
    await expect.poll(() => ref.textContent(), { timeout: 10_000 }).toBe('Article 5')
    const serverText = (id: string) => server.ctx.collab.readDoc(draft.id, (doc) => readClauses(doc).find((c) => c.id === id)?.text ?? '')
    await expect.poll(() => serverText('c6'), { timeout: 10_000 }).toBe('Each State shall provide for production orders as set out in Article 5')

    // A plain "article 2" typed in Article 3 is offered as a reference and turned into one.
    const access = clauseText(page, 'Article 3')
    await access.click()
    await page.keyboard.press('End')
    await page.keyboard.type(' article 2(1)')
    await page.getByRole('button', { name: 'Turn 1 “Article N” into a reference' }).click()
    await expect.poll(() => page.locator('article[aria-label="Article 3"] .xref').textContent(), { timeout: 10_000 }).toBe('Article 2(1)')
    await expect.poll(() => server.ctx.collab.readDoc(draft.id, (doc) => readClauses(doc).find((c) => c.id === 'c3')?.references.map((r) => r.clauseId)), { timeout: 10_000 }).toEqual(['c2'])

    // Article 5 moves to the end: the reference, now in Article 5, reads Article 6.
    await server.ctx.collab.withDoc(draft.id, (doc) => moveClause(doc, 'c5', HEADINGS.length - 1))
    const moved = page.locator('article[aria-label="Article 5"] .xref')
    await expect.poll(() => moved.textContent(), { timeout: 10_000 }).toBe('Article 6')
    expect(await serverText('c6')).toBe('Each State shall provide for production orders as set out in Article 6')

    // Deleted: flagged where it stands.
    await server.ctx.collab.withDoc(draft.id, (doc) => clausesMap(doc).delete('c5'))
    await expect.poll(() => moved.getAttribute('class'), { timeout: 10_000 }).toBe('xref dangling')
    expect(await moved.textContent()).toBe('(reference to a deleted clause)')
  })
})
