import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { reportHtml } from './writers/html/html'
import { reportMarkdown } from './writers/markdown/markdown'
import type { AssembledReport, ReportInput } from '../../shared/report/types'
import { INJECTION, reportFixture } from '../testing/reportFixture'
import { DEMO_DRAFT } from '../../fixtures/index'
import { saveRevision } from '../services/revisions'
import { buildDraft } from '../testing/factories'
import { newServerWithGroup } from '../testing/newServer'
import { reportAkn } from './writers/akn/akn'
import { assembleReport } from './assemble'
import { reportDocx } from './writers/docx/docx'
import { contentDisposition } from './exports'
import { validateAkn } from './writers/akn/xmllint'

type Fixture = Awaited<ReturnType<typeof reportFixture>>

const META = { reportId: 'rep1', version: 2, versionAt: '2026-12-01T10:00:00.000Z' }
const assemble = (f: Fixture, overrides: Partial<ReportInput> = {}) => assembleReport(f.storage, f.draft, { ...f.input, ...overrides }, { ...META, authorId: f.users.rapporteur.id })

async function docxParts(report: AssembledReport): Promise<Record<string, string>> {
  const zip = unzipSync(new Uint8Array(await reportDocx(report)))
  return Object.fromEntries(Object.entries(zip).map(([name, bytes]) => [name, strFromU8(bytes)]))
}

/** Validates against the official schema where it and xmllint are present; says plainly when it cannot. */
function expectValidAkn(xml: string): void {
  const check = validateAkn(xml)
  if (!check.ran) {
    console.warn(`AKN schema validation skipped: ${check.why}`)
    return
  }
  expect(check.output).toMatch(/validates$/)
  expect(check.valid).toBe(true)
}

const hostile = `Report ${INJECTION} \u0007`
const injectionInput: Partial<ReportInput> = {
  title: hostile,
  session: `57th <session> & "more"`,
  place: `Tokyo <img src=x onerror=alert(1)> & Kyoto`,
  sections: [{ heading: `Intro <script>alert(2)</script> & co`, body: `**Bold <b>not html</b>** and *it & al*\n\n<iframe src="javascript:alert(3)"></iframe> & [x](y)` }],
}

describe('DOCX export', () => {
  it('is a valid zip whose word/document.xml holds the known change as tracked w:ins / w:del runs by their authors', async () => {
    const f = await reportFixture()
    const parts = await docxParts(await assemble(f))
    expect(Object.keys(parts)).toEqual(expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml', 'word/settings.xml']))
    const xml = parts['word/document.xml'] ?? ''
    // Kenya's applied proposal inserted "legal ": a tracked insertion by Kenya.
    expect(xml).toMatch(/<w:ins w:id="\d+" w:author="Kenya" w:date="\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"><w:r><w:t xml:space="preserve">legal <\/w:t><\/w:r><\/w:ins>/)
    // The clause removed since revision 1: a tracked deletion by the rapporteur, paragraph marks included.
    expect(xml).toMatch(/<w:del w:id="\d+" w:author="Rapporteur" w:date="[^"]+"><w:r><w:delText xml:space="preserve">These provisions \[shall\] enter into force on adoption\.<\/w:delText><\/w:r><\/w:del>/)
    expect(xml).toMatch(/<w:rPr><w:del w:id="\d+" w:author="Rapporteur"/)
    expect(xml).toMatch(/<w:ins w:id="\d+" w:author="Rapporteur" w:date="[^"]+"><w:r><w:t xml:space="preserve">The Working Group shall review these provisions\.<\/w:t><\/w:r><\/w:ins>/)
    const ids = [...xml.matchAll(/<w:(?:ins|del) w:id="(\d+)"/g)].map((m) => m[1])
    expect(new Set(ids).size).toBe(ids.length)
    // Numbered articles as headings, brackets visible, track changes left on for the delegates.
    expect(xml).toContain('Article 1 — Use of terms')
    expect(xml).toContain('[traffic data]')
    expect(xml).toContain('<w:pStyle w:val="Heading3"/>')
    expect(parts['word/settings.xml']).toContain('<w:trackRevisions/>')
    expect(xml).toContain('Reason: The definition of computer data is left to national law.')
  })

  it('opens in LibreOffice with its tracked changes recognised (where LibreOffice is installed)', { timeout: 120_000 }, async () => {
    const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' })
    if (soffice.error) {
      console.warn('LibreOffice check skipped: soffice not found (apt-get install -y libreoffice-writer-nogui)')
      return
    }
    const f = await reportFixture()
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'provisio-docx-'))
    try {
      fs.writeFileSync(path.join(dir, 'report.docx'), await reportDocx(await assemble(f)))
      const run = spawnSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'odt', '--outdir', dir, path.join(dir, 'report.docx')], { encoding: 'utf8', timeout: 100_000 })
      expect(run.status, run.stderr).toBe(0)
      const content = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(path.join(dir, 'report.odt'))))['content.xml'] ?? new Uint8Array())
      expect(content).toContain('<text:tracked-changes>')
      expect(content).toMatch(/<text:insertion><office:change-info><dc:creator>Kenya<\/dc:creator>/)
      expect(content).toMatch(/<text:deletion><office:change-info><dc:creator>Rapporteur<\/dc:creator>/)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('Akoma Ntoso export', () => {
  it('validates against the OASIS schema: the report as a doc, the provisions as a bill with one article per article', async () => {
    const f = await reportFixture()
    const report = await assemble(f)
    const xml = reportAkn(report)
    expectValidAkn(xml)
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">')).toBe(true)
    expect(xml).toContain('<doc name="report">')
    expect(xml).toContain('<doc name="annex">')
    const bill = xml.slice(xml.indexOf('<bill name="modelProvisions">'), xml.indexOf('</bill>'))
    const articles = [...bill.matchAll(/<article eId="(art_\d+)">\n<num>([^<]*)<\/num>\n<heading>([^<]*)<\/heading>\n<paragraph eId="\1__para_1">/g)].map((m) => [m[1], m[2], m[3]])
    expect(articles).toEqual([
      ['art_1', 'Article 1', 'Use of terms'],
      ['art_2', 'Article 2', 'Mutual assistance'],
      ['art_3', 'Article 3', 'Extradition'],
      ['art_4', 'Article 4', 'Review'],
    ])
    expect(occurrencesOf(bill, '<article ')).toBe(report.counts.articles)
    expect(bill).toContain('<preamble>\n<p>The States taking part in these provisions,</p>')
    expect(bill).toContain('<point eId="art_1__para_1__list_1__point_b">\n<num>(b)</num>')
    expect(bill).toContain('<inline name="bracketed">[traffic data]</inline>')
    // Dates come from the report, not the clock.
    expect(xml).toContain('<FRBRdate date="2026-11-30" name="report"/>')
    expect(xml).toContain('<FRBRdate date="2026-12-01" name="version"/>')
    expect(xml).toContain('<FRBRversionNumber value="2"/>')
    expect(xml).toContain('<ins title="Kenya">legal</ins><sup class="author">Kenya</sup>')
  })

  it('validates without a comparison, rounds, sections, place or date, and for a draft with no article', async () => {
    const f = await reportFixture()
    expectValidAkn(reportAkn(await assemble(f, { compareTo: null, rounds: [], sections: [], place: null, session: null, date: null })))
    const report = await assemble(f)
    expectValidAkn(reportAkn({ ...report, clauses: report.clauses.filter((c) => c.kind === 'preamble') }))
  })
})

/** A tag that a browser (or a Markdown renderer: unless backslash-escaped) would take as markup. */
const RAW_TAG = /(?<!\\)<(script|iframe|img)/i

describe('Akoma Ntoso export of the demo draft', () => {
  it('validates with options, sub-paragraphs, brackets in headings, an empty article and a preamble after the articles', async () => {
    const t = await newServerWithGroup()
    const clauses = [
      ...DEMO_DRAFT.clauses,
      { kind: 'article' as const, heading: 'Reservations [to be discussed]', text: '' },
      { kind: 'preamble' as const, heading: 'Closing words', text: 'Done at [place], on [date].' },
    ]
    const draft = await buildDraft(t.storage, t.users.rapporteur, { title: DEMO_DRAFT.title, clauses })
    await saveRevision(t.server.ctx, draft, t.users.rapporteur, 'Demo')
    const report = await assembleReport(t.storage, draft, { title: 'Demo report', session: null, place: null, date: null, sections: [], baseRevision: 1, compareTo: null, rounds: null }, { ...META, authorId: t.users.rapporteur.id })
    const xml = reportAkn(report)
    expectValidAkn(xml)
    expect(occurrencesOf(xml, '<article ')).toBe(report.counts.articles)
    expect(xml).toContain('<paragraph eId="art_')
    expect(xml).toMatch(/<p>Option A: /)
    expect(xml).toContain('<heading>Reservations <inline name="bracketed">[to be discussed]</inline></heading>')
    expect(xml).toContain('<hcontainer eId="hcontainer_1" name="preamble">')
    const docx = (await docxParts(report))['word/document.xml'] ?? ''
    expect(docx).toContain('Option A: ')
    expect(docx).toMatch(/<w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">\[date\]<\/w:t>/)
  })
})

const occurrencesOf = (haystack: string, needle: string) => haystack.split(needle).length - 1

describe('escaping', () => {
  it('keeps a comment holding <script> or & inert and intact in every format', async () => {
    const f = await reportFixture()
    const report = await assemble(f)
    const html = reportHtml(report)
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;single&#39; *stars* _under_ [link](javascript:x) # not a heading | pipe')
    const md = reportMarkdown(report)
    expect(md).toContain('\\<script\\>alert("x")\\</script\\> \\& "quotes" \'single\' \\*stars\\* \\_under\\_ \\[link\\](javascript:x) # not a heading \\| pipe')
    const akn = reportAkn(report)
    expect(akn).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;')
    const docx = (await docxParts(report))['word/document.xml'] ?? ''
    expect(docx).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;')
    for (const [format, text] of [['html', html], ['md', md], ['akn', akn], ['docx', docx]] as const) {
      expect({ format, raw: RAW_TAG.test(text) }).toEqual({ format, raw: false })
    }
  })

  it('escapes user text in the title, session, place and sections too, and drops characters XML cannot hold', async () => {
    const f = await reportFixture()
    const report = await assemble(f, injectionInput)
    const html = reportHtml(report)
    const md = reportMarkdown(report)
    const akn = reportAkn(report)
    const docx = await docxParts(report)
    for (const [format, text] of [['html', html], ['md', md], ['akn', akn], ['docx', docx['word/document.xml'] ?? ''], ['docx core', docx['docProps/core.xml'] ?? '']] as const) {
      expect({ format, raw: RAW_TAG.test(text) || /(?<!\\)<(session>|b>not)/.test(text), bell: text.includes('\u0007') }).toEqual({ format, raw: false, bell: false })
    }
    expect(html).toContain('<title>Report &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;')
    expect(html).toContain('<strong>Bold &lt;b&gt;not html&lt;/b&gt;</strong> and <em>it &amp; al</em>')
    expect(html).toContain('&lt;iframe src=&quot;javascript:alert(3)&quot;&gt;&lt;/iframe&gt; &amp; [x](y)')
    expect(md).toContain('**Bold \\<b\\>not html\\</b\\>** and *it \\& al*')
    expect(md).toContain('# Report \\<script\\>')
    expectValidAkn(akn)
    expect(akn).toContain('<session value="57th &lt;session&gt; &amp; &quot;more&quot;">57th &lt;session&gt; &amp; &quot;more&quot;</session>')
  })
})

describe('HTML export', () => {
  it('is one printable page: no script, a CSP that forbids any, print rules, ins/del marks', async () => {
    const f = await reportFixture()
    const html = reportHtml(await assemble(f))
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true)
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'`)
    expect(html).toContain('@media print')
    expect(html).toContain('@page { size: A4;')
    expect(html).toContain('<ins class="by-1" title="Kenya">legal</ins><sup class="note by-1">Kenya</sup>')
    expect(html).not.toMatch(/<script|src=|href=/i)
  })
})

describe('determinism', () => {
  it('gives byte-identical Markdown and Akoma Ntoso for the same inputs, and HTML too', async () => {
    const f = await reportFixture()
    const [a, b] = [await assemble(f), await assemble(f)]
    expect(reportMarkdown(b)).toBe(reportMarkdown(a))
    expect(reportAkn(b)).toBe(reportAkn(a))
    expect(reportHtml(b)).toBe(reportHtml(a))
    // A stored report read back (JSON round trip) renders the same bytes.
    const stored = JSON.parse(JSON.stringify(a)) as AssembledReport
    expect(reportMarkdown(stored)).toBe(reportMarkdown(a))
    expect(reportAkn(stored)).toBe(reportAkn(a))
  })
})

describe('download names', () => {
  it('gives an ASCII file name and the exact title (RFC 5987)', () => {
    expect(contentDisposition('Report of the Rapporteur', 2, 'docx')).toBe(`attachment; filename="Report-of-the-Rapporteur-v2.docx"; filename*=UTF-8''Report%20of%20the%20Rapporteur-v2.docx`)
    expect(contentDisposition('Rapport « Genève » "x"/\\y', 1, 'md')).toBe(`attachment; filename="Rapport-Geneve-x-y-v1.md"; filename*=UTF-8''Rapport%20%C2%AB%20Gen%C3%A8ve%20%C2%BB%20%22x%22%20y-v1.md`)
    expect(contentDisposition('日本', 1, 'akn.xml')).toBe(`attachment; filename="report-v1.akn.xml"; filename*=UTF-8''%E6%97%A5%E6%9C%AC-v1.akn.xml`)
  })
})
