import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import type { AssembledReport } from '../../shared/report/types'
import { suggestionReportFixture } from '../testing/suggestionReportFixture'
import { assembleReport } from './assemble'
import { reportAkn } from './writers/akn/akn'
import { validateAkn } from './writers/akn/xmllint'
import { reportDocx } from './writers/docx/docx'
import { reportHtml } from './writers/html/html'
import { reportMarkdown } from './writers/markdown/markdown'

type Fixture = Awaited<ReturnType<typeof suggestionReportFixture>>
const META = { reportId: 'rep1', version: 1, versionAt: '2026-12-02T10:00:00.000Z' }
const assemble = (f: Fixture) => assembleReport(f.storage, f.draft, f.input, { ...META, authorId: f.users.rapporteur.id })

async function documentXml(report: AssembledReport): Promise<string> {
  return strFromU8(unzipSync(new Uint8Array(await reportDocx(report)))['word/document.xml'] ?? new Uint8Array())
}

/** The part of a text from `start` up to (not including) `end`, the test users' numbers and today's date left out. */
const between = (text: string, start: string, end: string) =>
  text
    .slice(text.indexOf(start), text.indexOf(end, text.indexOf(start)))
    .replace(/Test (delegate|rapporteur) \d+/g, 'Test $1')
    .replace(/\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/g, 'DAY')

describe('suggestions in the report', () => {
  it('lists them by State with their fate: open from the base revision, decided between the two revisions from the record', async () => {
    const f = await suggestionReportFixture()
    const report = await assemble(f)
    expect(report.formatVersion).toBe(3)
    expect(report.suggestions.map((g) => [g.key, g.label, g.suggestions.map((s) => [s.clauseLabel, s.kind, s.inserted || s.deleted, s.status, s.decidedBy?.role ?? null, s.reason])])).toEqual([
      ['JPN', 'Japan (JPN)', [
        ['Article 2', 'insert', 'mutual ', 'accepted', 'rapporteur', null],
        ['Article 3', 'delete', 'under these provisions ', 'open', null, null],
      ]],
      ['KEN', 'Kenya (KEN)', [
        ['Article 1', 'replace', 'a', 'open', null, null],
        ['Article 1', 'insert', 'electronic ', 'withdrawn', 'delegate', null],
        ['Article 2', 'insert', 'promptly ', 'open', null, null],
        ['Article 3', 'delete', 'shall be extraditable', 'rejected', 'rapporteur', 'Extradition is <b>left</b> to treaties & national law.'],
      ]],
    ])
    expect(report.counts.suggestions).toEqual({ open: 3, accepted: 1, rejected: 1, withdrawn: 1 })
    expect(reportMarkdown(report)).toContain('6 suggestions of States: 3 open, 1 accepted, 1 rejected, 1 withdrawn.')
    // The base text stays the clause's text; the runs carry the suggestions.
    const assist = report.clauses.find((c) => c.id === 'assist')
    expect(assist?.text).toBe('Each State shall afford the widest measure of mutual assistance.')
    expect(assist?.suggested?.filter((o) => o.op !== 'equal').map((o) => [o.op, o.text, o.author, o.state])).toEqual([['insert', 'promptly ', 'Kenya', 'KEN']])
    expect(report.clauses.find((c) => c.id === 'terms')?.suggested?.filter((o) => o.op !== 'equal').map((o) => [o.op, o.text])).toEqual([['delete', 'any'], ['insert', 'a']])
    // A stored version from before suggestions reads back with none.
    const { suggestions: _none, ...old } = report
    expect(JSON.parse(JSON.stringify({ ...old, formatVersion: 2 })) as object).not.toHaveProperty('suggestions')
  })

  it('writes open suggestions into the DOCX as tracked changes by their State, beside the changes since the compared revision', async () => {
    const f = await suggestionReportFixture()
    const xml = await documentXml(await assemble(f))
    const when = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z'
    expect(xml).toMatch(new RegExp(`<w:ins w:id="\\d+" w:author="Kenya" w:date="${when}"><w:r><w:t xml:space="preserve">promptly </w:t></w:r></w:ins>`))
    expect(xml).toMatch(new RegExp(`<w:del w:id="\\d+" w:author="Japan" w:date="${when}"><w:r><w:delText xml:space="preserve">under these provisions </w:delText></w:r></w:del>`))
    // Kenya's replacement: a deletion and an insertion, both Kenya's.
    expect(xml).toMatch(/<w:del w:id="\d+" w:author="Kenya" w:date="[^"]+"><w:r><w:delText xml:space="preserve">any<\/w:delText><\/w:r><\/w:del><w:ins w:id="\d+" w:author="Kenya" w:date="[^"]+"><w:r><w:t xml:space="preserve">a<\/w:t><\/w:r><\/w:ins>/)
    // The rapporteur's direct change since revision 1 stays the rapporteur's, in the same paragraph.
    expect(xml).toMatch(/<w:ins w:id="\d+" w:author="Rapporteur" w:date="[^"]+"><w:r><w:t xml:space="preserve">mutual <\/w:t><\/w:r><\/w:ins>/)
    const ids = [...xml.matchAll(/<w:(?:ins|del) w:id="(\d+)"/g)].map((m) => m[1])
    expect(new Set(ids).size).toBe(ids.length)
    expect(xml).toContain('Suggestions by State')
    expect(xml).toContain('Extradition is &lt;b&gt;left&lt;/b&gt; to treaties &amp; national law.')
  })

  it('opens in LibreOffice with the suggestions listed under their State as change author (where LibreOffice is installed)', { timeout: 120_000 }, async () => {
    if (spawnSync('soffice', ['--version'], { encoding: 'utf8' }).error) {
      console.warn('LibreOffice check skipped: soffice not found (apt-get install -y libreoffice-writer-nogui)')
      return
    }
    const f = await suggestionReportFixture()
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'provisio-suggestions-'))
    try {
      fs.writeFileSync(path.join(dir, 'report.docx'), await reportDocx(await assemble(f)))
      const run = spawnSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'odt', '--outdir', dir, path.join(dir, 'report.docx')], { encoding: 'utf8', timeout: 100_000 })
      expect(run.status, run.stderr).toBe(0)
      const content = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(path.join(dir, 'report.odt'))))['content.xml'] ?? new Uint8Array())
      expect(content).toMatch(/<text:insertion><office:change-info><dc:creator>Kenya<\/dc:creator>/)
      expect(content).toMatch(/<text:deletion><office:change-info><dc:creator>Japan<\/dc:creator>/)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('writes them in Akoma Ntoso as ins/del referring to the State, which the references name, and still validates', async () => {
    const f = await suggestionReportFixture()
    const xml = reportAkn(await assemble(f))
    const check = validateAkn(xml)
    if (check.ran) expect(check.output).toMatch(/validates$/)
    else console.warn(`AKN schema validation skipped: ${check.why}`)
    expect(xml).toContain('<TLCOrganization eId="ken" href="/ontology/organization/state/ken" showAs="Kenya"/>')
    expect(xml).toContain('<TLCOrganization eId="jpn" href="/ontology/organization/state/jpn" showAs="Japan"/>')
    expect(xml).toContain('<p>Each State shall <ins refersTo="#ken" title="Kenya">promptly </ins>afford the widest measure of mutual assistance.</p>')
    expect(xml).toContain('<del refersTo="#jpn" title="Japan">under these provisions </del>')
    expect(xml).toContain('<hcontainer eId="hcontainer_suggestions" name="suggestions">')
  })

  it('shows them legibly in HTML and Markdown', async () => {
    const f = await suggestionReportFixture()
    const report = await assemble(f)
    const html = reportHtml(report)
    expect(between(html, '<section class="clause" data-clause="terms">', '</section>')).toMatchInlineSnapshot(`
      "<section class="clause" data-clause="terms">
      <h3>Article 1 — Use of terms</h3>
      <div class="clause-text">
      <p>For these provisions:</p>
      <p class="sub">(a) &quot;data&quot; means <del class="suggestion" data-suggestion="sugKenyaRep" title="Suggested by Kenya">any</del><ins class="suggestion" data-suggestion="sugKenyaRep" title="Suggested by Kenya">a</ins><sup class="note suggestion-note">Kenya</sup> <span class="bracket">[record]</span> of facts;</p>
      <p class="sub">(b) &quot;system&quot; means a device.</p>
      </div>
      "
    `)
    expect(between(html, '<h2 id="suggestions">', '<h2 id="comments"')).toMatchInlineSnapshot(`
      "<h2 id="suggestions">Suggestions by State</h2>
      <h3>Japan (JPN)</h3>
      <ul class="suggestions">
      <li data-suggestion="sugJapanAcc" data-status="accepted">Article 2: insert “mutual” <span class="muted">(Test delegate, DAY)</span>. <strong class="fate-accepted">Accepted by Test rapporteur (Rapporteur) on DAY</strong>.</li>
      <li data-suggestion="sugJapanDel" data-status="open">Article 3: delete “under these provisions” <span class="muted">(Test delegate, DAY)</span>. <strong class="fate-open">Open</strong>.</li>
      </ul>
      <h3>Kenya (KEN)</h3>
      <ul class="suggestions">
      <li data-suggestion="sugKenyaRep" data-status="open">Article 1: replace “any” by “a” <span class="muted">(Test delegate, DAY)</span>. <strong class="fate-open">Open</strong>.</li>
      <li data-suggestion="sugKenyaWdn" data-status="withdrawn">Article 1: insert “electronic” <span class="muted">(Test delegate, DAY)</span>. <strong class="fate-withdrawn">Withdrawn on DAY</strong>.</li>
      <li data-suggestion="sugKenyaIns" data-status="open">Article 2: insert “promptly” <span class="muted">(Test delegate, DAY)</span>. <strong class="fate-open">Open</strong>.</li>
      <li data-suggestion="sugKenyaRej" data-status="rejected">Article 3: delete “shall be extraditable” <span class="muted">(Test delegate, DAY)</span>. <strong class="fate-rejected">Rejected by Test rapporteur (Rapporteur) on DAY</strong>. <span class="muted">Reason: Extradition is &lt;b&gt;left&lt;/b&gt; to treaties &amp; national law.</span></li>
      </ul>
      "
    `)
    const md = reportMarkdown(report)
    expect(between(md, '### Article 1', '## Changes since')).toMatchInlineSnapshot(`
      "### Article 1 — Use of terms

      For these provisions:

      (a) "data" means {~~any~>a~~}[KEN] \\[record\\] of facts;

      (b) "system" means a device.

      ### Article 2 — Mutual assistance

      Each State shall {++promptly ++}[KEN]afford the widest measure of mutual assistance.

      ### Article 3 — Extradition

      Offences {--under these provisions --}[JPN]shall be extraditable.

      "
    `)
    expect(between(md, '## Suggestions by State', '## Comments')).toMatchInlineSnapshot(`
      "## Suggestions by State

      ### Japan (JPN)

      - Article 2: insert “mutual” (Test delegate, DAY). **Accepted by Test rapporteur (Rapporteur) on DAY**.
      - Article 3: delete “under these provisions” (Test delegate, DAY). **Open**.

      ### Kenya (KEN)

      - Article 1: replace “any” by “a” (Test delegate, DAY). **Open**.
      - Article 1: insert “electronic” (Test delegate, DAY). **Withdrawn on DAY**.
      - Article 2: insert “promptly” (Test delegate, DAY). **Open**.
      - Article 3: delete “shall be extraditable” (Test delegate, DAY). **Rejected by Test rapporteur (Rapporteur) on DAY**. Reason: Extradition is \\<b\\>left\\</b\\> to treaties \\& national law.

      "
    `)
  })
})
