import fs from 'node:fs'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { applyTextEdit } from '../shared/draft/clauseOps'
import { clausesMap, readClauses } from '../shared/draft/ydoc'
import { DEMO_DRAFT, DEMO_USERS } from '../fixtures/index'
import { saveRevision } from '../server/services/revisions'
import { createThread } from '../server/services/threads'
import { startDemoApp } from './support/appServer'
import { artifactPath, launchBrowser } from './support/browser'
import * as Y from 'yjs'

const POLL = { timeout: 20_000, interval: 100 }

function demoUser(username: string) {
  const user = DEMO_USERS.find((u) => u.username === username)
  if (!user) throw new Error(`no demo user ${username}`)
  return user
}

describe('browser: the rapporteur’s report', () => {
  it('assembles a report with a live preview, saves it, revises it and downloads the DOCX with tracked changes', { timeout: 150_000 }, async () => {
    const { url, server } = await startDemoApp()
    const ctx = server.ctx
    const storage = ctx.storage
    const [group] = await storage.listGroups()
    const [draft] = await storage.listDrafts(group?.id ?? '')
    if (!draft) throw new Error('no demo draft')
    const rapporteurUser = demoUser('rapporteur')
    const rapporteur = await storage.getUserByUsername(rapporteurUser.username)
    const kenya = await storage.getUserByUsername('delegate-ken')
    if (!rapporteur || !kenya) throw new Error('no demo users')

    // Revision 1, a comment from Kenya, an edit to Article 2, revision 2.
    await saveRevision(ctx, draft, rapporteur, 'Rapporteur’s draft, 5 April 2026')
    const article2 = (await ctx.collab.withDoc(draft.id, (doc) => readClauses(doc)[2]))
    if (!article2) throw new Error('no Article 2')
    await createThread(ctx, draft, kenya, { clauseId: article2.id, body: 'Kenya asks for a reference to <script>data protection</script> & privacy.' })
    await ctx.collab.withDoc(draft.id, (doc) => {
      const heading = clausesMap(doc).get(article2.id)?.get('heading')
      if (heading instanceof Y.Text) applyTextEdit(heading, `${heading.toString()} and safeguards`)
    })
    await saveRevision(ctx, draft, rapporteur, 'Revised after comments')

    const browser = await launchBrowser()
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true })
    const page = await context.newPage()
    await page.goto(url)
    await page.getByLabel('Username').fill(rapporteurUser.username)
    await page.getByLabel('Password').fill(rapporteurUser.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('link', { name: DEMO_DRAFT.title }).click()
    await page.getByRole('navigation', { name: 'Draft views' }).getByRole('link', { name: 'Reports' }).click()

    // The builder: title, occasion, a section; the base revision defaults to the latest, compared with the one before.
    const builder = page.getByRole('form', { name: 'Report builder' })
    await builder.getByLabel('Title').fill('Report of the Rapporteur to the 57th session')
    await builder.getByLabel('Session').fill('57th session')
    await builder.getByLabel('Place').fill('Tokyo')
    await builder.getByLabel('Date').fill('2026-11-30')
    await builder.getByLabel('Text of section 1').fill('The **Working Group** considered the comments of the Member States.')
    expect(await builder.getByLabel('Provisions as of').inputValue()).toBe('2')

    // The live preview follows the form, in a sandboxed frame.
    const preview = page.frameLocator('iframe[title="Report preview"]')
    await expect.poll(() => preview.locator('h1').textContent(), POLL).toBe('Report of the Rapporteur to the 57th session')
    await expect.poll(() => preview.locator('table.changes tbody ins').first().textContent(), POLL).toContain('and safeguards')
    await expect.poll(() => preview.locator('body').textContent(), POLL).toContain('Kenya asks for a reference to <script>data protection</script> & privacy.')
    expect(await page.locator('iframe[title="Report preview"]').getAttribute('sandbox')).toBe('')
    await builder.getByRole('button', { name: 'Add a section' }).click()
    await builder.getByLabel('Heading of section 2').fill('Conclusions')
    await expect.poll(() => preview.locator('h2', { hasText: 'Conclusions' }).count(), POLL).toBe(1)

    // Save: version 1, listed, with its downloads.
    await builder.getByRole('button', { name: 'Save report' }).click()
    await page.getByText('Version 1 of “Report of the Rapporteur to the 57th session” saved.').waitFor()
    await page.getByRole('complementary', { name: 'Reports' }).getByText('Report of the Rapporteur to the 57th session').waitFor()
    await page.screenshot({ path: artifactPath('reports-builder.png') })

    const downloads = page.getByRole('group', { name: 'Download version 1' })
    const [download] = await Promise.all([page.waitForEvent('download'), downloads.getByRole('link', { name: 'Word (DOCX)' }).click()])
    expect(download.suggestedFilename()).toBe('Report of the Rapporteur to the 57th session-v1.docx')
    const file = artifactPath('report-v1.docx')
    await download.saveAs(file)
    const zip = unzipSync(new Uint8Array(fs.readFileSync(file)))
    const xml = strFromU8(zip['word/document.xml'] ?? new Uint8Array())
    expect(xml).toMatch(/<w:ins w:id="\d+" w:author="Rapporteur" w:date="[^"]+"><w:r><w:t xml:space="preserve"> and safeguards<\/w:t><\/w:r><\/w:ins>/)
    expect(xml).toContain('&lt;script&gt;data protection&lt;/script&gt; &amp; privacy.')

    // "Revised accordingly": version 2 beside version 1.
    await builder.getByLabel('Title').fill('Report of the Rapporteur, revised')
    await builder.getByRole('button', { name: 'Revise accordingly (version 2)' }).click()
    await page.getByText('Version 2 of “Report of the Rapporteur, revised” saved.').waitFor()
    await page.getByRole('group', { name: 'Download version 2' }).getByRole('link', { name: 'Markdown' }).waitFor()
    const reports = await storage.reports.listReports(draft.id)
    expect(reports.map((r) => [r.latest.version, r.latest.title])).toEqual([[2, 'Report of the Rapporteur, revised']])

    // A delegate reads the saved report (no builder) and may download it.
    const kenyaUser = demoUser('delegate-ken')
    const kenyaContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
    const kenyaPage = await kenyaContext.newPage()
    await kenyaPage.goto(url)
    await kenyaPage.getByLabel('Username').fill(kenyaUser.username)
    await kenyaPage.getByLabel('Password').fill(kenyaUser.password)
    await kenyaPage.getByRole('button', { name: 'Sign in' }).click()
    await kenyaPage.getByRole('link', { name: DEMO_DRAFT.title }).click()
    await kenyaPage.getByRole('navigation', { name: 'Draft views' }).getByRole('link', { name: 'Reports' }).click()
    await kenyaPage.getByRole('button', { name: 'Open Report of the Rapporteur, revised' }).click()
    const saved = kenyaPage.frameLocator('iframe[title="Report preview"]')
    await expect.poll(() => saved.locator('h1').textContent(), POLL).toBe('Report of the Rapporteur, revised')
    expect(await kenyaPage.getByRole('form', { name: 'Report builder' }).count()).toBe(0)
    await kenyaPage.getByRole('group', { name: 'Download version 2' }).getByRole('link', { name: 'Akoma Ntoso XML' }).waitFor()
  })
})
