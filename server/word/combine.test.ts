import { describe, expect, it } from 'vitest'
import { type ImportParagraph, combineReadings } from './combine'
import type { MammothBlock, MammothReading } from './convert'
import type { Piece, WordDocument, WordParagraph } from './document'

const piece = (text: string, extra: Partial<Piece> = {}): Piece => ({ text, change: null, comments: [], bold: false, italic: false, ...extra })

function paragraph(pieces: Piece[], extra: Partial<WordParagraph> = {}): WordParagraph {
  return { pieces, style: null, headingLevel: null, list: null, inTable: false, images: 0, bookmarks: [], commentRefs: [], notes: [], ...extra }
}

const doc = (paragraphs: WordParagraph[]): WordDocument => ({ paragraphs, footnotes: [{ id: '2', text: 'A note of the rapporteur.' }], comments: [] })
const block = (runs: { text: string; bold?: boolean; italic?: boolean; note?: boolean }[], headingLevel: number | null = null): MammothBlock => ({
  runs: runs.map((r) => ({ text: r.text, bold: r.bold ?? false, italic: r.italic ?? false, note: r.note ?? false })),
  headingLevel,
})
const reading = (blocks: MammothBlock[]): MammothReading => ({ blocks, messages: [] })
const summary = (p: ImportParagraph) => [p.source, p.text, p.headingLevel]

describe('combineReadings: mammoth’s text, headings and emphasis on the XML pass’s paragraphs', () => {
  it('pairs each paragraph with mammoth’s of the same words: mammoth’s text, heading and bold/italic; the XML pass’s list, notes and tracked changes', () => {
    const xml = doc([
      paragraph([piece('Article 1 - Scope')], { style: 'heading 2' }),
      paragraph([piece('The Parties agree on the '), piece('ten', { change: { kind: 'del', author: 'Kenya', date: null } }), piece('twelve', { change: { kind: 'ins', author: 'Kenya', date: null } }), piece(' rules¹')], { notes: [1] }),
      paragraph([piece('a list item of the article')], { list: { format: 'letter', level: 0 } }),
    ])
    const combined = combineReadings(
      xml,
      reading([
        block([{ text: 'Article 1 ‑ Scope' }], 2),
        block([{ text: 'The Parties agree on the ' }, { text: 'twelve', italic: true }, { text: ' rules' }, { text: '', note: true }]),
        block([{ text: 'a list item of the article', bold: true }]),
      ]),
    )
    expect(combined.paragraphs.map(summary)).toEqual([
      ['mammoth', 'Article 1 ‑ Scope', 2],
      ['mammoth', 'The Parties agree on the twelve rules¹', null],
      ['mammoth', 'a list item of the article', null],
    ])
    expect(combined.paragraphs[1]?.emphasis).toEqual([{ phrase: 'twelve', bold: false, italic: true }])
    expect(combined.paragraphs[2]?.list).toEqual({ format: 'letter', level: 0 })
    expect(combined.paragraphs[2]?.emphasis).toEqual([{ phrase: 'a list item of the article', bold: true, italic: false }])
    expect(combined.trackedChanges).toBe(2)
  })

  it('an outline level the XML pass read stays a heading when mammoth’s style map names none', () => {
    const combined = combineReadings(doc([paragraph([piece('Final clauses')], { headingLevel: 1 })]), reading([block([{ text: 'Final clauses' }])]))
    expect(combined.paragraphs.map(summary)).toEqual([['mammoth', 'Final clauses', 1]])
  })

  it('skips mammoth’s paragraphs that pair with none (a text box) and keeps pairing after them', () => {
    const combined = combineReadings(
      doc([paragraph([piece('First paragraph of the preamble,')]), paragraph([piece('Second paragraph of the preamble,')])]),
      reading([block([{ text: 'First paragraph of the preamble,' }]), block([{ text: 'Text in a text box' }]), block([{ text: 'Second paragraph of the preamble,', italic: true }])]),
    )
    expect(combined.paragraphs.map(summary)).toEqual([
      ['mammoth', 'First paragraph of the preamble,', null],
      ['mammoth', 'Second paragraph of the preamble,', null],
    ])
    expect(combined.paragraphs[1]?.emphasis).toHaveLength(1)
  })

  it('keeps the XML pass’s reading where the words differ, the footnotes differ, or mammoth read nothing', () => {
    const xml = doc([
      paragraph([piece('Words only the XML pass reads', { bold: true })]),
      paragraph([piece('A sentence with a note¹')], { notes: [1] }),
      paragraph([piece('A sentence both read alike')]),
    ])
    const combined = combineReadings(xml, reading([block([{ text: 'Other words entirely' }]), block([{ text: 'A sentence with a note' }]), block([{ text: 'A sentence both read alike' }])]))
    expect(combined.paragraphs.map((p) => p.source)).toEqual(['xml', 'xml', 'mammoth'])
    expect(combined.paragraphs[0]?.emphasis).toEqual([{ phrase: 'Words only the XML pass reads', bold: true, italic: false }])
    expect(combined.paragraphs[1]?.text).toBe('A sentence with a note¹')
    expect(combineReadings(xml, null).paragraphs.map((p) => p.source)).toEqual(['xml', 'xml', 'xml'])
  })
})
