import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { DEMO_DRAFT } from '../fixtures/index'
import { clausesMap, readClauses } from '../shared/draft/ydoc'
import { saveRevision } from '../server/services/revisions'
import { startDemoApp } from './support/appServer'
import { artifactPath, launchBrowser } from './support/browser'
import { demoUser, openDraftAs } from './support/pages'

const POLL = { timeout: 15_000, interval: 50 }

describe('browser: open suggestions in a comparison', () => {
  it('lists a suggestion made since a revision as "Kenya suggests: …", never as inserted text, inline and side by side', { timeout: 120_000 }, async () => {
    const { url, server } = await startDemoApp()
    const storage = server.ctx.storage
    const [group] = await storage.listGroups()
    const [draft] = await storage.listDrafts(group?.id ?? '')
    const rapporteurUser = demoUser('rapporteur')
    const rapporteur = await storage.getUserByUsername(rapporteurUser.username)
    const kenya = await storage.getUserByUsername(demoUser('delegate-ken').username)
    if (!draft || !rapporteur || !kenya) throw new Error('demo data missing')
    await saveRevision(server.ctx, draft, rapporteur, 'Before the suggestion')
    let label = ''
    // Kenya's suggestion, written straight into the document with its mark.
    await server.ctx.collab.withDoc(draft.id, (doc) => {
      const clause = readClauses(doc)[1]
      label = clause?.label ?? ''
      const body = clausesMap(doc).get(clause?.id ?? '')?.get('body') as Y.XmlFragment
      const text = (body.get(0) as Y.XmlElement).get(0) as Y.XmlText
      text.insert(0, 'Without delay, ', { insertion: { id: 'sugE2eKenya1', user: kenya.id, name: kenya.displayName, state: 'KEN', at: new Date().toISOString() } })
    })

    const browser = await launchBrowser()
    const { page } = await openDraftAs(browser, url, rapporteurUser.username, rapporteurUser.password, DEMO_DRAFT.title)
    await page.getByRole('navigation', { name: 'Draft views' }).getByRole('link', { name: 'Revisions' }).click()
    const clause = page.locator(`article.diff-clause[aria-label="Changes in ${label}"]`)
    const notes = clause.getByRole('list', { name: 'Open suggestions' })
    // The comparison loads after the screen: wait for it before reading it.
    await notes.waitFor({ timeout: 45_000 })
    await expect.poll(() => notes.textContent(), POLL).toContain('Kenya suggests: insert “Without delay,”')
    expect(await notes.textContent()).toContain('New')
    expect(await clause.locator('ins.diff-ins').count()).toBe(0)
    expect(await clause.locator('.diff-body').textContent()).not.toContain('Without delay')
    await page.screenshot({ path: artifactPath('revisions-suggestion-inline.png') })

    await page.getByRole('button', { name: 'Side by side' }).click()
    const row = page.locator(`table.synoptic tr[aria-label="Changes in ${label}"]`)
    await expect.poll(() => row.locator('td').nth(1).textContent(), POLL).toContain('Kenya suggests: insert “Without delay,”')
    expect(await row.locator('td').nth(0).textContent()).not.toContain('suggests')
  })
})
