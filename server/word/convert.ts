/**
 * The plain conversion, by mammoth: each paragraph's text, its heading style and its bold and
 * italic runs, read from mammoth's HTML with htmlparser2. Mammoth opens the zip itself (jszip), so it
 * never gets the upload: it gets a new zip of only the parts openWordPackage already unpacked within
 * the limits and parsed without a DTD (package.ts), and no `_rels/.rels`, so its main document is
 * word/document.xml, the part the XML pass read. What mammoth drops (list numbering formats,
 * footnote numbers, tracked deletions, comments, the export's markers) comes from the XML pass (combine.ts).
 */
import { zipSync } from 'fflate'
import { Parser } from 'htmlparser2'
import mammoth from 'mammoth'
import { convertInWorker } from './mammothPool'
import type { WordPackage } from './package'

export interface MammothRun {
  readonly text: string
  readonly bold: boolean
  readonly italic: boolean
  /** A footnote reference: its number is the XML pass's (combine.ts), the text is empty. */
  readonly note: boolean
}

export interface MammothBlock {
  readonly runs: readonly MammothRun[]
  /** 0 for the Title style, 1–9 for Heading 1–9, null for any other paragraph. */
  readonly headingLevel: number | null
}

export interface MammothReading {
  readonly blocks: readonly MammothBlock[]
  /**
   * Mammoth's warnings, for tests and diagnosis; none reaches the preview: the catch-all rules leave
   * no style unmapped, and images and tables are already warned by the XML pass (split.ts).
   */
  readonly messages: readonly string[]
}

/**
 * Every paragraph to a flat `p` (lists are numbered by the XML pass, so no `ol`/`li`), headings by
 * style name (mammoth compares names case-insensitively) to a class; the catch-all `p`/`r` rules
 * keep mammoth from warning about every style it has no mapping for.
 */
export const STYLE_MAP: readonly string[] = [
  "p[style-name='Title'] => p.heading-0:fresh",
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `p[style-name='Heading ${n}'] => p.heading-${n}:fresh`),
  'p => p:fresh',
  'b => strong',
  'i => em',
  "r[style-name='Strong'] => strong",
  "r[style-name='Emphasis'] => em",
  'r => ',
]

/** Mammoth's input: the checked parts only, stored uncompressed (they are already in memory). */
export function mammothInput(pkg: WordPackage): Buffer {
  return Buffer.from(zipSync(Object.fromEntries(pkg.bytes), { level: 0 }))
}

/** Mammoth's HTML → paragraphs; the notes mammoth lists at the end (`li#footnote-1` …) are left out. */
export function blocksOfHtml(html: string): MammothBlock[] {
  const blocks: MammothBlock[] = []
  let block: { runs: MammothRun[]; headingLevel: number | null } | null = null
  const state = { strong: 0, em: 0, noteList: 0, reference: 0 }
  const stack: string[] = []
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const id = attrs.id ?? ''
        let tag = name
        if (name === 'li' && /^(footnote|endnote|comment)-/.test(id)) tag = 'note-list'
        else if (name === 'a' && /^(footnote|endnote)-ref-/.test(id)) tag = 'reference'
        stack.push(tag)
        if (tag === 'note-list') state.noteList++
        if (state.noteList > 0) return
        if (name === 'p') {
          const heading = /(?:^|\s)heading-(\d)(?:\s|$)/.exec(attrs.class ?? '')
          block = { runs: [], headingLevel: heading ? Number(heading[1]) : null }
        } else if (name === 'strong') state.strong++
        else if (name === 'em') state.em++
        else if (name === 'br') block?.runs.push({ text: ' ', bold: state.strong > 0, italic: state.em > 0, note: false })
        else if (tag === 'reference') {
          state.reference++
          // Endnotes are not read by the XML pass either: only a footnote keeps its number.
          if (id.startsWith('footnote-')) block?.runs.push({ text: '', bold: state.strong > 0, italic: state.em > 0, note: true })
        }
      },
      ontext(text) {
        if (state.noteList > 0 || state.reference > 0 || !block) return
        // A soft hyphen only marks where Word may break a word.
        const plain = text.replace(/\u00ad/g, '')
        if (plain) block.runs.push({ text: plain, bold: state.strong > 0, italic: state.em > 0, note: false })
      },
      onclosetag(name) {
        const tag = stack.pop() ?? name
        if (tag === 'note-list') state.noteList--
        if (state.noteList > 0) return
        if (tag === 'reference') state.reference--
        else if (name === 'strong') state.strong--
        else if (name === 'em') state.em--
        else if (name === 'p' && block) {
          blocks.push(block)
          block = null
        }
      },
    },
    { decodeEntities: true },
  )
  parser.write(html)
  parser.end()
  return blocks
}

/** Mammoth's reading of a zip of checked parts, in this thread, or null when mammoth cannot read them (the XML pass alone then). */
export async function convertBuffer(input: Buffer): Promise<MammothReading | null> {
  try {
    const result = await mammoth.convertToHtml(
      { buffer: input },
      {
        styleMap: [...STYLE_MAP],
        includeDefaultStyleMap: false,
        includeEmbeddedStyleMap: false,
        externalFileAccess: false,
        // Images are left out of a draft (the XML pass warns about them): never read or encoded.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    )
    return { blocks: blocksOfHtml(result.value), messages: result.messages.map((m) => m.message) }
  } catch {
    return null
  }
}

/**
 * Mammoth's reading of the checked parts, or null when mammoth cannot read them (the XML pass
 * alone then). It runs in a worker thread (mammothWorker.ts): a long document takes mammoth
 * hundreds of milliseconds of CPU, which would otherwise stall every other connection.
 */
export function convertWithMammoth(pkg: WordPackage): Promise<MammothReading | null> {
  return convertInWorker(mammothInput(pkg))
}
