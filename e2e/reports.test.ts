import fs from 'node:fs'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { applyTextEdit } from '../shared/draft/clauseOps'
import { clausesMap, readClauses } from '../shared/draft/ydoc'
import { DEMO_DRAFT, DEMO_USERS } from '../fixtures/index'
import { revisionOnRound, saveRevision } from '../server/services/revisions'
import { closeCommentRound, openCommentRound } from '../server/services/rounds'
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

    // Revision 1; a comment round opens (revision 2), Kenya comments and Article 2 is edited during
    // the round; the round closes (revision 3); the rapporteur saves revision 4.
    await saveRevision(ctx, draft, rapporteur, 'Rapporteur’s draft, 5 April 2026')
    const secretariat = await storage.getUserByUsername(demoUser('secretariat').username)
    if (!secretariat) throw new Error('no demo secretariat')
    const round = await openCommentRound(ctx, draft, secretariat, 'First reading', new Date(Date.now() + 86_400_000).toISOString(), revisionOnRound)
    const inRound = (await storage.getDraft(draft.id)) ?? draft
    const article2 = (await ctx.collab.withDoc(draft.id, (doc) => readClauses(doc)[2]))
    if (!article2) throw new Error('no Article 2')
    await createThread(ctx, inRound, kenya, { clauseId: article2.id, body: 'Kenya asks for a reference to <script>data protection</script> & privacy.' })
    await ctx.collab.withDoc(draft.id, (doc) => {
      const heading = clausesMap(doc).get(article2.id)?.get('heading')
      if (heading instanceof Y.Text) applyTextEdit(heading, `${heading.toString()} and safeguards`)
    })
    const roundRecord = await storage.threads.getRound(round.id)
    if (!roundRecord) throw new Error('no round')
    await closeCommentRound(ctx, inRound, roundRecord, secretariat, revisionOnRound)
    await saveRevision(ctx, (await storage.getDraft(draft.id)) ?? draft, rapporteur, 'Revised after comments')

    const browser = await launchBrowser()
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true })
    const page = await context.newPage()
    await page.goto(url)
    await page.getByLabel('Username').fill(rapporteurUser.username)
    await page.getByLabel('Password').fill(rapporteurUser.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('link', { name: DEMO_DRAFT.title }).click()
    await page.getByRole('navigation', { name: 'Draft views' }).getByRole('link', { name: 'Reports' }).click()

    // The builder: title, occasion, a section; the base revision defaults to the latest, compared with
    // the revision saved when the round opened, so the edit made during the round is among the changes.
    const builder = page.getByRole('form', { name: 'Report builder' })
    await builder.getByLabel('Title').fill('Report of the Rapporteur to the 57th session')
    await builder.getByLabel('Session').fill('57th session')
    await builder.getByLabel('Place').fill('Tokyo')
    await builder.getByLabel('Date').fill('2026-11-30')
    await builder.getByLabel('Text of section 1').fill('The **Working Group** considered the comments of the Member States.')
    expect(await builder.getByLabel('Provisions as of').inputValue()).toBe('4')
    expect(await builder.getByLabel('Changes since').locator('option:checked').textContent()).toBe('Default: revision 2 (Comment round "First reading" opened)')

    // The live preview follows the form, in a sandboxed frame.
    const preview = page.frameLocator('iframe[title="Report preview"]')
    await expect.poll(() => preview.locator('h1').textContent(), POLL).toBe('Report of the Rapporteur to the 57th session')
    // The first page: the automatic symbol and the original language; numbered paragraphs.
    const symbol = /^AALCO\/OWG-CYBERSPACE\/\d{4}\/R\.1$/
    expect(await preview.locator('header.masthead .symbol').textContent()).toMatch(symbol)
    expect(await preview.locator('header.masthead .original').textContent()).toBe('Original: English')
    expect(await preview.locator('h2#changes').textContent()).toBe('Changes since revision 2')
    await expect.poll(() => preview.locator('#para-1 .para-num').textContent(), POLL).toBe('1.')
    await expect.poll(() => preview.locator('table.changes tbody ins').first().textContent(), POLL).toContain('and safeguards')
    await expect.poll(() => preview.locator('body').textContent(), POLL).toContain('Kenya asks for a reference to <script>data protection</script> & privacy.')
    expect(await page.locator('iframe[title="Report preview"]').getAttribute('sandbox')).toBe('')
    await builder.getByRole('button', { name: 'Add a section' }).click()
    await builder.getByLabel('Heading of section 2').fill('Conclusions')
    await expect.poll(() => preview.locator('h2', { hasText: 'Conclusions' }).count(), POLL).toBe(1)

    // Save: version 1, listed; the message and the downloads appear beside the button pressed.
    const saveButton = builder.getByRole('button', { name: 'Save report' })
    await saveButton.click()
    const status = builder.getByRole('status')
    await expect.poll(() => status.textContent(), POLL).toMatch(/^Version 1 of “Report of the Rapporteur to the 57th session” \(AALCO\/OWG-CYBERSPACE\/\d{4}\/R\.1\) saved\.$/)
    await page.getByRole('complementary', { name: 'Reports' }).getByText('Report of the Rapporteur to the 57th session').waitFor()
    const downloads = builder.getByRole('group', { name: 'Download version 1' })
    await downloads.waitFor()
    expect(await page.getByRole('group', { name: 'Download version 1' }).count()).toBe(1)
    const [button, said, viewport] = [await builder.getByRole('button', { name: 'Save as a new report' }).boundingBox(), await status.boundingBox(), page.viewportSize()]
    if (!button || !said || !viewport) throw new Error('no layout')
    // Right under the button, and on screen.
    expect(said.y - (button.y + button.height)).toBeGreaterThanOrEqual(0)
    expect(said.y - (button.y + button.height)).toBeLessThan(60)
    expect(said.y + said.height).toBeLessThanOrEqual(viewport.height)
    // With the report open, the preview shows what "Revise accordingly" would save.
    await expect.poll(() => preview.locator('header.masthead .symbol').textContent(), POLL).toMatch(/^AALCO\/OWG-CYBERSPACE\/\d{4}\/R\.1\/Rev\.1$/)
    await page.screenshot({ path: artifactPath('reports-builder.png') })

    const [download] = await Promise.all([page.waitForEvent('download'), downloads.getByRole('link', { name: 'Word (DOCX)' }).click()])
    expect(download.suggestedFilename()).toBe('Report of the Rapporteur to the 57th session-v1.docx')
    const file = artifactPath('report-v1.docx')
    await download.saveAs(file)
    const zip = unzipSync(new Uint8Array(fs.readFileSync(file)))
    const xml = strFromU8(zip['word/document.xml'] ?? new Uint8Array())
    expect(xml).toMatch(/<w:ins w:id="\d+" w:author="Rapporteur" w:date="[^"]+"><w:r><w:t xml:space="preserve"> and safeguards<\/w:t><\/w:r><\/w:ins>/)
    expect(xml).toContain('&lt;script&gt;data protection&lt;/script&gt; &amp; privacy.')
    // As circulated: the symbol top right, "Original: English", black headings.
    expect(xml).toMatch(/<w:jc w:val="right"\/><\/w:pPr><w:r><w:rPr><w:b\/><w:bCs\/><w:sz w:val="28"\/><w:szCs w:val="28"\/><\/w:rPr><w:t xml:space="preserve">AALCO\/OWG-CYBERSPACE\/\d{4}\/R\.1<\/w:t>/)
    expect(xml).toContain('>Original: English</w:t>')
    expect(strFromU8(zip['word/styles.xml'] ?? new Uint8Array())).not.toMatch(/2E74B5|1F4D78/)

    // "Revised accordingly": version 2 beside version 1.
    await builder.getByLabel('Title').fill('Report of the Rapporteur, revised')
    await builder.getByRole('button', { name: 'Revise accordingly (version 2)' }).click()
    await expect.poll(() => status.textContent(), POLL).toMatch(/^Version 2 of “Report of the Rapporteur, revised” \(AALCO\/OWG-CYBERSPACE\/\d{4}\/R\.1\/Rev\.1\) saved\.$/)
    await builder.getByRole('group', { name: 'Download version 2' }).getByRole('link', { name: 'Markdown' }).waitFor()
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
