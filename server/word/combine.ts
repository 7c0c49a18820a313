/**
 * The two readings of a Word file combined, paragraph by paragraph, into what the split reads.
 *
 * The XML pass (document.ts) is the skeleton: it reads every w:p in order (body, tables, content
 * controls), and list numbering, footnote references, tracked changes, comments and images belong
 * to those paragraphs. Mammoth (convert.ts) gives its own sequence of paragraphs; each XML paragraph
 * takes the next mammoth paragraph with the same words (letters and digits, footnote marks aside),
 * looking a few paragraphs ahead, since mammoth also reads text boxes as paragraphs of their own.
 * A paired paragraph takes mammoth's text, heading style and bold/italic, with the XML pass's list
 * format, footnote numbers and table and image counts. Where the two disagree on the words (a
 * construct one reads and the other does not), or mammoth could not read the file, the XML pass's
 * reading is kept: it is the one the numbering and the notes hang on. Mammoth's paragraphs that pair
 * with none (text boxes) are left out, as a drawing is (warned as an image).
 */
import type { MammothBlock, MammothReading, MammothRun } from './convert'
import { type ListFormat, type WordDocument, type WordNote, type WordParagraph, acceptedText, footnoteMark } from './document'

/** A bold or italic phrase of a clause body, applied as a mark once the draft is built (format.ts). */
export interface InlineMark {
  readonly phrase: string
  readonly bold: boolean
  readonly italic: boolean
}

export interface ImportParagraph {
  /** The text with tracked changes accepted and footnote references as superscript numbers (¹). */
  readonly text: string
  readonly headingLevel: number | null
  readonly emphasis: readonly InlineMark[]
  readonly list: { readonly format: ListFormat; readonly level: number } | null
  readonly inTable: boolean
  readonly images: number
  readonly notes: readonly number[]
  /** Whose reading the text, heading and emphasis are. */
  readonly source: 'mammoth' | 'xml'
}

export interface ImportDocument {
  readonly paragraphs: readonly ImportParagraph[]
  readonly footnotes: readonly WordNote[]
  readonly comments: number
  readonly trackedChanges: number
}

/** How far ahead in mammoth's paragraphs an XML paragraph looks for its own. */
const LOOKAHEAD = 8
const SUPERSCRIPT_DIGITS = /[⁰¹²³⁴⁵⁶⁷⁸⁹]/g
const clean = (text: string) => text.replace(/\s+/g, ' ').trim()
/** The words of a paragraph, for pairing: letters and digits only (mammoth and the XML pass space and hyphenate alike or not). */
const wordsOf = (text: string) => text.replace(SUPERSCRIPT_DIGITS, '').replace(/[^\p{L}\p{N}]+/gu, '')

/** Runs of the same bold/italic → the phrases that are bold or italic. */
function phrases(runs: readonly { text: string; bold: boolean; italic: boolean }[]): InlineMark[] {
  const out: { phrase: string; bold: boolean; italic: boolean }[] = []
  for (const run of runs) {
    const last = out[out.length - 1]
    if (last && last.bold === run.bold && last.italic === run.italic) last.phrase += run.text
    else out.push({ phrase: run.text, bold: run.bold, italic: run.italic })
  }
  return out.filter((m) => m.bold || m.italic).map((m) => ({ ...m, phrase: clean(m.phrase) })).filter((m) => m.phrase !== '')
}

function fromXml(p: WordParagraph): ImportParagraph {
  const accepted = p.pieces.filter((piece) => piece.change?.kind !== 'del')
  return { text: acceptedText(p), headingLevel: p.headingLevel, emphasis: phrases(accepted), list: p.list, inTable: p.inTable, images: p.images, notes: p.notes, source: 'xml' }
}

const NOTE = '\uE000'

interface Candidate {
  readonly block: MammothBlock
  /** Its text, spaces collapsed, each footnote reference a NOTE placeholder. */
  readonly text: string
  words?: string
}

/** The XML paragraph read through its mammoth paragraph; null when they do not hold the same footnotes. */
function fromMammoth(p: WordParagraph, block: MammothBlock): ImportParagraph | null {
  const refs = block.runs.filter((r) => r.note).length
  if (refs !== p.notes.length) return null
  let next = 0
  const runs = block.runs.map((r: MammothRun) => (r.note ? { ...r, text: footnoteMark(p.notes[next++] ?? 0) } : r))
  return {
    text: runs.map((r) => r.text).join(''),
    // Mammoth knows heading styles; an outline level set on a paragraph is the XML pass's.
    headingLevel: block.headingLevel ?? p.headingLevel,
    emphasis: phrases(runs),
    list: p.list,
    inTable: p.inTable,
    images: p.images,
    notes: p.notes,
    source: 'mammoth',
  }
}

/** Same words: the same text with the paragraph's footnote numbers (most paragraphs), else the same letters and digits. */
function sameWords(p: WordParagraph, text: string, candidate: Candidate): boolean {
  const parts = candidate.text.split(NOTE)
  if (parts.length - 1 === p.notes.length && parts.map((part, i) => part + (i < p.notes.length ? footnoteMark(p.notes[i] ?? 0) : '')).join('') === text) return true
  candidate.words ??= wordsOf(parts.join(''))
  return candidate.words !== '' && candidate.words === wordsOf(text)
}

export function combineReadings(doc: WordDocument, reading: MammothReading | null): ImportDocument {
  const candidates: Candidate[] = (reading?.blocks ?? [])
    .map((block) => ({ block, text: clean(block.runs.map((r) => (r.note ? NOTE : r.text)).join('')) }))
    .filter((c) => c.text !== '')
  let cursor = 0
  const paragraphs = doc.paragraphs.map((p) => {
    const text = clean(acceptedText(p))
    if (text === '') return fromXml(p)
    const end = Math.min(candidates.length, cursor + LOOKAHEAD)
    for (let i = cursor; i < end; i++) {
      const candidate = candidates[i]
      if (!candidate || !sameWords(p, text, candidate)) continue
      const paired = fromMammoth(p, candidate.block)
      if (!paired) break
      cursor = i + 1
      return paired
    }
    return fromXml(p)
  })
  const trackedChanges = doc.paragraphs.reduce((n, p) => n + new Set(p.pieces.filter((x) => x.change).map((x) => x.change)).size, 0)
  return { paragraphs, footnotes: doc.footnotes, comments: doc.comments.length, trackedChanges }
}
