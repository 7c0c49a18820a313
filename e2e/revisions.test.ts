import { describe, expect, it } from 'vitest'
import { DEMO_DRAFT } from '../fixtures/index'
import { waitFor } from '../server/testing/waitFor'
import { startDemoApp } from './support/appServer'
import { artifactPath, launchBrowser } from './support/browser'
import { clauseText, demoUser, openDraftAs } from './support/pages'

const POLL = { timeout: 15_000, interval: 50 }


describe('browser: revisions and diffs', () => {
  it('saves a revision, shows an edit made after it inline and side by side, restores the clause, and tells a delegate what changed since their last visit', { timeout: 150_000 }, async () => {
    const { url, server } = await startDemoApp()
    const storage = server.ctx.storage
    const browser = await launchBrowser()
    const [group] = await storage.listGroups()
    const [draft] = await storage.listDrafts(group?.id ?? '')
    const kenyaUser = demoUser('delegate-ken')
    const kenyaId = (await storage.getUserByUsername(kenyaUser.username))?.id ?? ''

    // Kenya opens the draft once: the server records what Kenya saw.
    const firstVisit = await openDraftAs(browser, url, kenyaUser.username, kenyaUser.password, DEMO_DRAFT.title)
    await waitFor(() => storage.revisions.getSeen(kenyaId, draft?.id ?? ''), { ...POLL, message: "Kenya's visit recorded" })
    await firstVisit.context.close()

    // The rapporteur saves a revision.
    const rapporteurUser = demoUser('rapporteur')
    const { page } = await openDraftAs(browser, url, rapporteurUser.username, rapporteurUser.password, DEMO_DRAFT.title)
    await page.getByRole('navigation', { name: 'Draft views' }).getByRole('link', { name: 'Revisions' }).click()
    await page.getByLabel('Save the draft as it is now').fill('Rapporteur’s draft, 5 April 2018')
    await page.getByRole('button', { name: 'Save revision' }).click()
    await page.getByText('Revision 1 saved.').waitFor()
    await page.getByText('Rapporteur’s draft, 5 April 2018', { exact: true }).waitFor()

    // Back in the draft, the rapporteur edits Article 2.
    await page.getByRole('navigation', { name: 'Draft views' }).getByRole('link', { name: 'Text' }).click()
    await page.getByText('Connected', { exact: true }).waitFor()
    const text = clauseText(page, 'Article 2')
    await text.locator('p').first().click()
    await page.keyboard.press('End')
    await page.keyboard.type(' Nairobi amendment.')
    await page.getByText('All changes saved').waitFor()

    // The comparison of revision 1 with the current draft shows the words inserted, inline.
    await page.getByRole('navigation', { name: 'Draft views' }).getByRole('link', { name: 'Revisions' }).click()
    const summary = page.getByLabel('Summary of changes')
    await expect.poll(() => summary.textContent(), POLL).toContain(`1 of ${DEMO_DRAFT.clauses.length} clauses changed`)
    const changed = page.locator('article.diff-clause[aria-label="Changes in Article 2"]')
    const inserted = (scope: typeof changed) => scope.locator('ins.diff-ins').allTextContents().then((texts) => texts.join(''))
    await expect.poll(() => inserted(changed), POLL).toContain('Nairobi amendment.')
    expect(await page.locator('article.diff-clause').count()).toBe(1) // changes only
    const insStyle = await changed.locator('ins.diff-ins').first().evaluate((el) => {
      const style = getComputedStyle(el)
      return { line: style.textDecorationLine, color: style.color }
    })
    expect(insStyle).toEqual({ line: 'underline', color: 'rgb(11, 87, 208)' })
    await page.getByRole('button', { name: 'Next change' }).click()
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')), POLL).toBe('Changes in Article 2')
    await page.getByText('Change 1 of 1').waitFor()
    await page.screenshot({ path: artifactPath('revisions-inline.png') })

    // Side by side: the old text on the left, the new one (with the insertion) on the right.
    await page.getByRole('button', { name: 'Side by side' }).click()
    const row = page.locator('table.synoptic tr[aria-label="Changes in Article 2"]')
    await expect.poll(() => inserted(row.locator('td').nth(1)), POLL).toContain('Nairobi amendment.')
    expect(await row.locator('td').nth(0).textContent()).not.toContain('Nairobi amendment.')
    await page.screenshot({ path: artifactPath('revisions-side-by-side.png') })

    // A delegate opening the draft now sees what changed since the last visit.
    const kenya = await openDraftAs(browser, url, kenyaUser.username, kenyaUser.password, DEMO_DRAFT.title)
    const banner = kenya.page.getByRole('region', { name: 'Since your last visit' })
    await expect.poll(() => banner.textContent(), POLL).toContain('1 clause changed')
    await banner.getByRole('button', { name: 'Show changes' }).click()
    await expect.poll(() => inserted(banner.locator('article.diff-clause')), POLL).toContain('Nairobi amendment.')

    // The rapporteur restores Article 2 from revision 1 as a new change: Kenya's open editor follows.
    await page.getByRole('button', { name: 'Inline' }).click()
    await page.getByRole('button', { name: 'Restore from revision 1: Article 2' }).click()
    await page.getByRole('group', { name: 'Confirm restoring Article 2' }).getByRole('button', { name: 'Restore' }).click()
    await page.getByText('The clause was restored from revision 1 (1 clause changed).').waitFor()
    await page.getByText('Nothing changed between these versions.').waitFor()
    await banner.getByRole('button', { name: 'Hide changes' }).click()
    await kenya.page.locator('article.clause[aria-label="Article 2"]').scrollIntoViewIfNeeded()
    await expect.poll(() => clauseText(kenya.page, 'Article 2').textContent(), POLL).not.toContain('Nairobi amendment.')
  })
})
