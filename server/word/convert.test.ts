import { readFileSync } from 'node:fs'
import path from 'node:path'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { combineReadings } from './combine'
import { blocksOfHtml, convertWithMammoth, mammothInput } from './convert'
import { readWordDocument } from './document'
import { readDocx } from './importDocx'
import { openWordPackage } from './package'

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../../fixtures/word', name))
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
const TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

/** A small .docx written by hand: the body's paragraphs and the styles they name. */
function handMade(body: string, styles: string, extra: Record<string, string> = {}): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(TYPES),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`),
    'word/styles.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}>${styles}</w:styles>`),
    ...Object.fromEntries(Object.entries(extra).map(([name, text]) => [name, strToU8(text)])),
  })
}
const p = (text: string, pPr = '', rPr = '') => `<w:p><w:pPr>${pPr}</w:pPr><w:r><w:rPr>${rPr}</w:rPr><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`

describe('the plain conversion by mammoth', () => {
  it.each(['docx-package.docx', 'libreoffice.docx'])('reads every paragraph with words of %s, with no message, and pairs each with the XML pass’s', async (name) => {
    const pkg = openWordPackage(fixture(name))
    const reading = await convertWithMammoth(pkg)
    expect(reading?.messages).toEqual([])
    const combined = combineReadings(readWordDocument(pkg), reading)
    const withWords = combined.paragraphs.filter((x) => /\p{L}/u.test(x.text))
    expect(withWords.length).toBeGreaterThan(10)
    expect(withWords.filter((x) => x.source !== 'mammoth').map((x) => x.text)).toEqual([])
  })

  it('takes bold and italic from a character style (Strong, Emphasis) and headings by style name in any case', async () => {
    const styles = [
      '<w:style w:type="paragraph" w:styleId="Titre2"><w:name w:val="heading 2"/></w:style>',
      '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/></w:style>',
      '<w:style w:type="character" w:styleId="Emphasis"><w:name w:val="Emphasis"/></w:style>',
    ].join('')
    const body = [
      p('Article 1 — Purpose', '<w:pStyle w:val="Titre2"/>'),
      p('These provisions', '', '<w:rStyle w:val="Strong"/>'),
      p('promote cooperation', '', '<w:rStyle w:val="Emphasis"/>'),
    ].join('')
    const { preview, marks } = await readDocx(handMade(body, styles), 'styles.docx')
    expect(preview.clauses.map((c) => [c.kind, c.heading, c.text])).toEqual([['article', 'Purpose', 'These provisions\npromote cooperation']])
    expect(marks).toEqual([
      [
        { phrase: 'These provisions', bold: true, italic: false },
        { phrase: 'promote cooperation', bold: false, italic: true },
      ],
    ])
  })

  it('is given only the parts the limits and the DTD check passed: no media, no other XML, no _rels/.rels naming another main document', async () => {
    const files = unzipSync(fixture('docx-package.docx'))
    files['_rels/.rels'] = strToU8(new TextDecoder().decode(files['_rels/.rels']).replace('Target="word/document.xml"', 'Target="word/decoy.xml"'))
    files['word/decoy.xml'] = strToU8(`<?xml version="1.0"?><w:document ${W}><w:body>${p('Decoy text no reader should see')}</w:body></w:document>`)
    files['customXml/item1.xml'] = strToU8('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "bbbbbbbb">]><a>&b;</a>')
    const pkg = openWordPackage(zipSync(files))
    const given = Object.keys(unzipSync(mammothInput(pkg))).sort()
    expect(given).toEqual(['[Content_Types].xml', 'docProps/core.xml', 'docProps/custom.xml', 'word/_rels/document.xml.rels', 'word/_rels/footnotes.xml.rels', 'word/document.xml', 'word/footnotes.xml', 'word/numbering.xml', 'word/styles.xml'])
    const text = (await convertWithMammoth(pkg))?.blocks.flatMap((b) => b.runs.map((r) => r.text)).join(' ')
    expect(text).toContain('Central authorities')
    expect(text).not.toContain('Decoy')
  })

  it('a DTD in a relationship part mammoth would read is refused before mammoth is called', () => {
    const files = unzipSync(fixture('docx-package.docx'))
    const rels = new TextDecoder().decode(files['word/_rels/document.xml.rels'])
    files['word/_rels/document.xml.rels'] = strToU8(rels.replace('?>', '?><!DOCTYPE Relationships [<!ENTITY x SYSTEM "file:///etc/passwd">]>'))
    expect(() => openWordPackage(zipSync(files))).toThrow(expect.objectContaining({ status: 400, code: 'unsafe_xml' }))
  })

  it('a file mammoth cannot read falls back to the XML pass alone', async () => {
    const body = p('Article 1 — Purpose') + p('The text of the article.')
    const pkg = openWordPackage(handMade(body, '', { 'word/styles.xml': 'not XML at all <w:styles' }))
    const reading = await convertWithMammoth(pkg)
    expect(reading).toBeNull()
    const combined = combineReadings(readWordDocument(pkg), reading)
    expect(combined.paragraphs.map((x) => [x.source, x.text])).toEqual([
      ['xml', 'Article 1 — Purpose'],
      ['xml', 'The text of the article.'],
    ])
  })

  it('reads mammoth’s HTML: headings by class, footnote references as notes, the notes list and endnote references left out', () => {
    const html = '<p class="heading-2">Article 1</p><p><strong>Bold</strong> and <em>italic</em><sup><a href="#footnote-3" id="footnote-ref-3">[1]</a></sup> text<sup><a href="#endnote-1" id="endnote-ref-1">[1]</a></sup>.<br />Next line</p><ol><li id="footnote-3"><p>The note. <a href="#footnote-ref-3">↑</a></p></li></ol>'
    expect(blocksOfHtml(html)).toEqual([
      { headingLevel: 2, runs: [{ text: 'Article 1', bold: false, italic: false, note: false }] },
      {
        headingLevel: null,
        runs: [
          { text: 'Bold', bold: true, italic: false, note: false },
          { text: ' and ', bold: false, italic: false, note: false },
          { text: 'italic', bold: false, italic: true, note: false },
          { text: '', bold: false, italic: false, note: true },
          { text: ' text', bold: false, italic: false, note: false },
          { text: '.', bold: false, italic: false, note: false },
          { text: ' ', bold: false, italic: false, note: false },
          { text: 'Next line', bold: false, italic: false, note: false },
        ],
      },
    ])
  })
})
