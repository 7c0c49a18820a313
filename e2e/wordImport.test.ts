import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { markUp } from '../server/testing/wordMarkup'
import { request } from '../server/testing/http'
import { demoToken } from './support/demoApi'
import { startDemoApp } from './support/appServer'
import { seriousViolations } from './support/axe'
import { launchBrowser } from './support/browser'
import { demoUser, outlineLabels } from './support/pages'

const LIBREOFFICE_FIXTURE = path.resolve(import.meta.dirname, '../fixtures/word/libreoffice.docx')

describe('browser: a draft from a Word file', () => {
  it('the secretariat chooses a .docx, reads the preview (articles, headings, warnings), creates the draft and opens it; then brings Kenya’s marked-up export back in as Kenya’s suggestion', { timeout: 120_000 }, async () => {
    const { url, server } = await startDemoApp()
    const browser = await launchBrowser()
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage()
    const admin = demoUser('secretariat')
    await page.goto(url)
    await page.getByLabel('Username').fill(admin.username)
    await page.getByLabel('Password').fill(admin.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('button', { name: 'Import from Word' }).click()
    const form = page.getByRole('form', { name: 'Import from Word' })
    await form.getByLabel('Word document (.docx)').setInputFiles(LIBREOFFICE_FIXTURE)

    const preview = form.getByRole('region', { name: 'Preview' })
    await preview.getByText('3 articles and a preamble', { exact: false }).waitFor()
    expect(await form.getByLabel('Title').inputValue()).toBe('Draft Model Provisions on the Preservation of Electronic Evidence')
    const clauses = await preview.getByRole('list', { name: 'Clauses' }).getByRole('listitem').allTextContents()
    expect(clauses.map((c) => c.split(' — ')[0])).toEqual(['PreambleThe States participating in the Working Group,', 'Article 1', 'Article 2', 'Article 3'])
    expect(clauses[2]).toContain('Duration')
    const warnings = await preview.getByRole('list', { name: 'Warnings' }).getByRole('listitem').allTextContents()
    expect(warnings.some((w) => w.includes('tracked changes'))).toBe(true)
    expect(await seriousViolations(page), 'axe: import preview').toEqual([])

    await form.getByLabel('Title').fill('Preservation of electronic evidence (imported)')
    await form.getByRole('button', { name: 'Create draft' }).click()
    await page.getByRole('navigation', { name: 'Outline' }).waitFor()
    await page.getByText('Connected', { exact: true }).waitFor()
    await expect.poll(() => outlineLabels(page)).toEqual(['Preamble', 'Article 1: Expedited preservation', 'Article 2: Duration', 'Article 3: Confidentiality'])
    const article2 = page.locator('article[aria-label="Article 2"] .tiptap')
    await expect.poll(() => article2.textContent()).toContain('period of ninety days², renewable once.')
    expect(await article2.locator('span.bracket').allTextContents()).toEqual(['ninety'])
    await page.getByRole('navigation', { name: 'Draft views' }).getByRole('link', { name: 'Revisions' }).click()
    await page.getByText('Imported from libreoffice.docx').first().waitFor()

    // Kenya's marked-up copy of the report's DOCX comes back through the secretariat.
    const draftId = new URL(page.url()).pathname.split('/')[2] ?? ''
    const token = await demoToken(server, 'secretariat')
    const report = await request<{ report: { id: string } }>(`${url}/api/drafts/${draftId}/reports`, { method: 'POST', token, body: { title: 'Report on the imported draft', baseRevision: 1, compareTo: null } })
    expect(report.status).toBe(201)
    const exported = await fetch(`${url}/api/reports/${report.body.report.id}/export?format=docx`, { headers: { authorization: `Bearer ${token}` } })
    const marked = markUp(new Uint8Array(await exported.arrayBuffer()), 'Kenya', [
      { within: 'A competent authority may order the expedited preservation of specified stored data where:', edit: { kind: 'ins', after: 'competent ', text: 'judicial ' } },
    ])
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'provisio-markup-')), 'report-KEN.docx')
    fs.writeFileSync(file, marked)
    await page.getByRole('navigation', { name: 'Draft views' }).getByRole('link', { name: 'Reports' }).click()
    const markup = page.getByRole('region', { name: 'Marked-up Word file' })
    await markup.getByLabel('From the State').selectOption('KEN')
    await markup.getByLabel('Word file (.docx)').setInputFiles(file)
    const landing = markup.getByRole('region', { name: 'Where each change lands' })
    await landing.getByText('Kenya: insert “judicial ”').waitFor()
    expect(await landing.getByRole('listitem').first().textContent()).toContain('Article 1 becomes suggestions in the text')
    await markup.getByRole('button', { name: 'Import as KEN' }).click()
    await markup.getByText('Imported as KEN: 1 suggestion and 0 threads.').waitFor()
  })
})
