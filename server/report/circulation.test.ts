/**
 * The report as a secretariat circulates it: a symbol and "Original: English" on the first page,
 * numbered paragraphs, sober headings, a changes table holding only what changed, and the authors
 * of the changes legible in print, in every format.
 */
import { strFromU8, unzipSync } from 'fflate'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { textToBlocks } from '../../shared/draft/blocks'
import { addClauseAt } from '../../shared/draft/clauseOps'
import { blocksToXml, clausesMap } from '../../shared/draft/ydoc'
import { reportHtml } from './writers/html/html'
import { reportMarkdown } from './writers/markdown/markdown'
import type { AssembledReport } from '../../shared/report/types'
import { saveRevision } from '../services/revisions'
import { buildDraft } from '../testing/factories'
import { newServerWithGroup } from '../testing/newServer'
import { reportFixture } from '../testing/reportFixture'
import { reportAkn } from './writers/akn/akn'
import { assembleReport } from './assemble'
import { reportDocx } from './writers/docx/docx'
import { validateAkn } from './writers/akn/xmllint'

const SYMBOL = 'AALCO/OWG-CYBERSPACE/2026/R.1/Rev.1'
const META = { reportId: 'rep1', version: 2, versionAt: '2026-12-01T10:00:00.000Z', symbol: SYMBOL }

async function fixtureReport(): Promise<AssembledReport> {
  const f = await reportFixture()
  return assembleReport(f.storage, f.draft, f.input, { ...META, authorId: f.users.rapporteur.id })
}

async function docxParts(report: AssembledReport): Promise<Record<string, string>> {
  const zip = unzipSync(new Uint8Array(await reportDocx(report)))
  return Object.fromEntries(Object.entries(zip).map(([name, bytes]) => [name, strFromU8(bytes)]))
}

/** The texts of a WordprocessingML part's paragraphs, in order. */
const wordParagraphs = (xml: string) => [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((m) => ({ xml: m[1] ?? '', text: [...(m[1] ?? '').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('') }))

function expectValidAkn(xml: string): void {
  const check = validateAkn(xml)
  if (!check.ran) {
    console.warn(`AKN schema validation skipped: ${check.why}`)
    return
  }
  expect(check.valid, check.output).toBe(true)
}

const INTRO = ['The Working Group met in Tokyo.', 'It considered the comments received.']
const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1

describe('the first page', () => {
  it('bears the document symbol, the date and "Original: English" above the title, in every format', async () => {
    const report = await fixtureReport()
    const html = reportHtml(report)
    expect(html).toContain(`<header class="masthead">\n<p class="symbol">${SYMBOL}</p>\n<p class="date">30 November 2026</p>\n<p class="original">Original: English</p>\n</header>\n<h1>`)
    expect(reportMarkdown(report).startsWith(`**${SYMBOL}**  \n30 November 2026  \nOriginal: English\n\n# Report of the Rapporteur`)).toBe(true)
    const akn = reportAkn(report)
    expectValidAkn(akn)
    expect(akn).toContain(`<preface>\n<p class="symbol"><docNumber>${SYMBOL}</docNumber></p>\n<p class="date">30 November 2026</p>\n<p class="originalLanguage">Original: English</p>\n<longTitle>`)
    expect(akn).toContain(`<FRBRalias value="${SYMBOL}" name="documentSymbol"/>`)

    const parts = await docxParts(report)
    const paragraphs = wordParagraphs(parts['word/document.xml'] ?? '')
    expect(paragraphs.slice(0, 4).map((p) => p.text)).toEqual([SYMBOL, '30 November 2026', 'Original: English', 'Report of the Rapporteur on the first reading'])
    expect(paragraphs[0]?.xml).toContain('<w:jc w:val="right"/>')
    expect(paragraphs[3]?.xml).toContain('<w:pStyle w:val="Title"/>')
    // Later pages carry the symbol in their header; the first page has it in its text.
    expect(parts['word/document.xml']).toContain('<w:titlePg/>')
    const headers = Object.entries(parts).filter(([name]) => /^word\/header\d+\.xml$/.test(name)).map(([, xml]) => xml)
    expect(headers.some((xml) => xml.includes(`>${SYMBOL}</w:t>`))).toBe(true)
  })
})

describe('numbered paragraphs', () => {
  it('numbers the introduction and the summary 1, 2, 3 … straight through', async () => {
    const report = await fixtureReport()
    const html = reportHtml(report)
    const numbered = [...html.matchAll(/<p class="para" id="para-(\d+)"><span class="para-num">(\d+)\.<\/span><span class="para-text">(.*?)<\/span><\/p>/g)]
    expect(numbered.map((m) => Number(m[2]))).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(numbered[1]?.[3]).toBe(INTRO[1])
    expect(numbered[2]?.[3]).toBe('5 provisions (4 articles) as of revision 3.')
    const md = reportMarkdown(report)
    expect(md).toContain('## Introduction\n\n1. The **Working Group** met in *Tokyo*.\n\n2. It considered the comments received.\n\n## Summary\n\n3. 5 provisions (4 articles) as of revision 3.')
    const akn = reportAkn(report)
    expect(akn).toContain('<paragraph eId="hcontainer_section_1__para_2">\n<num>2.</num>\n<content>\n<p>It considered the comments received.</p>')
    expect(akn).toContain('<paragraph eId="hcontainer_summary__para_3">\n<num>3.</num>')

    // Word numbers them itself, from one decimal list: "1.", "2." … in a hanging indent.
    const parts = await docxParts(report)
    const numbering = parts['word/numbering.xml'] ?? ''
    const abstract = /<w:abstractNum w:abstractNumId="(\d+)"[^>]*>(?:(?!<\/w:abstractNum>)[\s\S])*?<w:numFmt w:val="decimal"\/><w:lvlText w:val="%1\."\/>/.exec(numbering)?.[1]
    expect(abstract).toBeDefined()
    const numId = new RegExp(`<w:num w:numId="(\\d+)"><w:abstractNumId w:val="${abstract}"/>`).exec(numbering)?.[1]
    const inList = wordParagraphs(parts['word/document.xml'] ?? '').filter((p) => p.xml.includes(`<w:numId w:val="${numId}"/>`))
    expect(inList.map((p) => p.text)).toEqual([...INTRO, '5 provisions (4 articles) as of revision 3.', expect.stringMatching(/^3 provisions changed/), expect.stringMatching(/^7 comments/), expect.stringMatching(/^3 proposals/), '2 positions of States recorded.'])
  })
})

describe('sober headings', () => {
  it('writes black serif headings in Word, never the default blue, and in the printable page', async () => {
    const report = await fixtureReport()
    const styles = (await docxParts(report))['word/styles.xml'] ?? ''
    for (const id of ['Title', 'Heading1', 'Heading2', 'Heading3', 'Heading4', 'Heading5', 'Heading6']) {
      const style = new RegExp(`<w:style w:type="paragraph" w:styleId="${id}">([\\s\\S]*?)</w:style>`).exec(styles)?.[1] ?? ''
      expect({ id, colour: /<w:color w:val="([0-9A-F]{6})"\/>/.exec(style)?.[1], font: /<w:rFonts w:ascii="([^"]+)"/.exec(style)?.[1] }).toEqual({ id, colour: '000000', font: 'Times New Roman' })
    }
    expect(styles).not.toMatch(/2E74B5|1F4D78/)
    const html = reportHtml(report)
    expect(html).toContain('h1, h2, h3, h4, h5 { color: #000; font-family: "Times New Roman", Georgia, serif;')
  })
})

describe('authors of the changes in print', () => {
  it('names the author after each change and gives a legend of their colours, in every format', async () => {
    const report = await fixtureReport()
    const html = reportHtml(report)
    expect(html).toContain('<li><span class="by-1">Kenya</span> (blue)</li><li><span class="by-2">Rapporteur</span> (red)</li>')
    expect(html).toContain('.by-1 { color: #0B57D0; }')
    expect(html).toContain('<del class="by-2" title="Rapporteur">These provisions [shall] enter into force on adoption.</del><sup class="note by-2">Rapporteur</sup>')
    expect(reportMarkdown(report)).toContain('mutual <ins>legal</ins><sup>Kenya</sup> assistance.')
    expect(reportAkn(report)).toContain('Authors of the changes, each named after its change: Kenya (blue), Rapporteur (red).')
    const xml = (await docxParts(report))['word/document.xml'] ?? ''
    // In the changes table: "legal" underlined in Kenya's blue, then "Kenya" in superscript.
    expect(xml).toMatch(/<w:rPr><w:color w:val="0B57D0"\/><w:u w:val="single"\/><\/w:rPr><w:t xml:space="preserve">legal<\/w:t><\/w:r><w:r><w:rPr><w:i\/><w:iCs\/><w:color w:val="0B57D0"\/><w:vertAlign w:val="superscript"\/><\/w:rPr><w:t xml:space="preserve">Kenya<\/w:t>/)
    expect(wordParagraphs(xml).map((p) => p.text)).toContain('Authors of the changes, each in its colour and named after each change: Kenya (blue); Rapporteur (red)')
  })
})

describe('the changes table holds only what changed', () => {
  it('gives a renumbered clause one line, and a modified one its changed words in context, not the whole clause twice', async () => {
    const t = await newServerWithGroup()
    const ctx = t.server.ctx
    const scope = 'These provisions apply to the investigation and prosecution of offences committed by means of computer systems.'
    const first = 'A request under these provisions shall be made in writing.'
    const long = 'The request shall specify the authority conducting the investigation, the subject matter and nature of the proceedings, and a summary of the relevant facts, save where the requested State agrees otherwise.'
    const draft = await buildDraft(t.storage, t.users.rapporteur, {
      title: 'Renumbering',
      clauses: [
        { kind: 'preamble', heading: 'Preamble', text: 'The States taking part in these provisions,' },
        { kind: 'article', heading: 'Scope', text: scope },
        { kind: 'article', heading: 'Requests', text: `${first}\n${long}` },
      ],
    })
    await saveRevision(ctx, draft, t.users.rapporteur, 'First')
    await ctx.collab.withDoc(draft.id, (doc) => {
      const requests = [...clausesMap(doc).entries()].find(([, c]) => String(c.get('heading')) === 'Requests')?.[1]
      const body = requests?.get('body')
      if (!(body instanceof Y.XmlFragment)) throw new Error('no body')
      body.delete(1, 1)
      body.insert(1, blocksToXml(textToBlocks(long.replace('relevant facts', 'relevant facts and circumstances'))))
      addClauseAt(doc, 1, { kind: 'article', heading: 'Use of terms', text: '"Computer data" means any representation of facts.' })
    })
    await saveRevision(ctx, draft, t.users.rapporteur, 'Second')
    const report = await assembleReport(t.storage, draft, { title: 'R', session: null, place: null, date: null, sections: [], baseRevision: 2, compareTo: 1, rounds: null }, { ...META, authorId: t.users.rapporteur.id })
    expect(report.changes?.clauses.map((c) => c.changes)).toEqual([['added'], ['renumbered'], ['renumbered', 'body']])

    const html = reportHtml(report)
    const table = html.slice(html.indexOf('<table class="changes">'), html.indexOf('</table>', html.indexOf('<table class="changes">')))
    const rows = [...table.matchAll(/<tr data-clause="[^"]+">(.*?)<\/tr>/g)].map((m) => m[1])
    expect(rows[1]).toBe('<td>Article 2 (formerly Article 1)</td><td>renumbered</td><td></td>')
    expect(rows[2]).toMatch(/^<td>Article 3 \(formerly Article 2\)<\/td><td>renumbered, text changed<br><span class="muted">Rapporteur<\/span><\/td><td><p><span class="elided">… <\/span>a summary of the relevant facts<ins class="by-1" title="Rapporteur"> and circumstances<\/ins><sup class="note by-1">Rapporteur<\/sup>, save where the requested State <span class="elided">…<\/span><\/p><\/td>$/)
    // Each clause's text is printed once, in the provisions, never again in the table.
    const md = reportMarkdown(report)
    const akn = reportAkn(report)
    const docx = wordParagraphs((await docxParts(report))['word/document.xml'] ?? '').map((p) => p.text).join('\n')
    for (const [format, text] of [['html', html], ['md', md], ['akn', akn], ['docx', docx]] as const) {
      expect({ format, scope: occurrences(text, scope), first: occurrences(text, first), renumbered: occurrences(text, 'Article 2 (formerly Article 1)') }).toEqual({ format, scope: 1, first: 1, renumbered: 1 })
    }
    expect(md).toContain('| Article 2 (formerly Article 1) | renumbered |  |')
    expect(md).toContain('| Article 3 (formerly Article 2) | renumbered, text changed (Rapporteur) | … a summary of the relevant facts<ins> and circumstances</ins><sup>Rapporteur</sup>, save where the requested State … |')
    expectValidAkn(akn)
    expect(akn).toContain('<tr>\n<td>\n<p>Article 2 (formerly Article 1)</p>\n</td>\n<td>\n<p>renumbered</p>\n</td>\n<td>\n<p/>\n</td>\n</tr>')
  })
})
