/**
 * Reads word/document.xml into paragraphs of pieces: text with its tracked-change state and the
 * comments covering it, in document order. Styles and list numbering are resolved through
 * styles.xml and numbering.xml, footnote references through footnotes.xml.
 */
import type { WordPackage } from './package'
import { type XmlElement, elements, first, isElement } from './xml'

export interface Piece {
  readonly text: string
  /** A tracked insertion or deletion, with its author and date (w:author, w:date). */
  readonly change: { readonly kind: 'ins' | 'del'; readonly author: string; readonly date: string | null } | null
  /** Ids of the Word comments whose range covers this text. */
  readonly comments: readonly string[]
  readonly bold: boolean
  readonly italic: boolean
}

export type ListFormat = 'letter' | 'number' | 'roman' | 'bullet'

export interface WordParagraph {
  readonly pieces: readonly Piece[]
  /** The style's name, lower case ("heading 1", "title", "normal"), or null. */
  readonly style: string | null
  /** Heading level from the style name or outline level (1 = top), null for body text. */
  readonly headingLevel: number | null
  readonly list: { readonly format: ListFormat; readonly level: number } | null
  readonly inTable: boolean
  readonly images: number
  /** Bookmarks starting in this paragraph (the export names its clauses' headings "clause_<id>"). */
  readonly bookmarks: readonly string[]
  /** Comment ids whose anchor (w:commentReference) sits in this paragraph. */
  readonly commentRefs: readonly string[]
  /** Footnotes referenced here, by their number in the document (1-based). */
  readonly notes: readonly number[]
}

export interface WordNote {
  readonly id: string
  readonly text: string
}

export interface WordComment {
  readonly id: string
  readonly author: string
  readonly date: string | null
  readonly text: string
}

const attr = (el: XmlElement | undefined, name: string): string | undefined => el?.attrs[`w:${name}`]

interface Styles {
  readonly names: ReadonlyMap<string, string>
  readonly outline: ReadonlyMap<string, number>
  readonly numbering: ReadonlyMap<string, { numId: string; ilvl: number }>
}

function readStyles(root: XmlElement | undefined): Styles {
  const names = new Map<string, string>()
  const outline = new Map<string, number>()
  const numbering = new Map<string, { numId: string; ilvl: number }>()
  const styles = first(root, 'w:styles')
  for (const style of styles ? elements(styles, 'w:style') : []) {
    const id = attr(style, 'styleId')
    if (!id) continue
    names.set(id, (attr(first(style, 'w:name'), 'val') ?? id).toLowerCase())
    const pPr = first(style, 'w:pPr')
    const level = attr(first(pPr, 'w:outlineLvl'), 'val')
    if (level !== undefined) outline.set(id, Number(level) + 1)
    const numPr = first(pPr, 'w:numPr')
    const numId = attr(first(numPr, 'w:numId'), 'val')
    if (numId) numbering.set(id, { numId, ilvl: Number(attr(first(numPr, 'w:ilvl'), 'val') ?? 0) })
  }
  return { names, outline, numbering }
}

/** numId → level → format, through the abstract numbering definitions. */
function readNumbering(root: XmlElement | undefined): (numId: string, ilvl: number) => ListFormat | null {
  const numbering = first(root, 'w:numbering')
  const abstract = new Map<string, Map<number, string>>()
  const nums = new Map<string, string>()
  for (const a of numbering ? elements(numbering, 'w:abstractNum') : []) {
    const levels = new Map<number, string>()
    for (const lvl of elements(a, 'w:lvl')) levels.set(Number(attr(lvl, 'ilvl') ?? 0), attr(first(lvl, 'w:numFmt'), 'val') ?? 'decimal')
    abstract.set(attr(a, 'abstractNumId') ?? '', levels)
  }
  for (const n of numbering ? elements(numbering, 'w:num') : []) nums.set(attr(n, 'numId') ?? '', attr(first(n, 'w:abstractNumId'), 'val') ?? '')
  return (numId, ilvl) => {
    if (numId === '0') return null
    const fmt = abstract.get(nums.get(numId) ?? '')?.get(ilvl)
    if (fmt === undefined || fmt === 'none') return null
    if (fmt === 'bullet') return 'bullet'
    if (/letter/i.test(fmt)) return 'letter'
    if (/roman/i.test(fmt)) return 'roman'
    return 'number'
  }
}

function headingLevelOf(styleName: string | null, outline: number | undefined): number | null {
  if (styleName === 'title') return 0
  const match = styleName ? /^heading (\d)$/.exec(styleName) : null
  if (match) return Number(match[1])
  return outline !== undefined && outline <= 9 ? outline : null
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹'
/** A footnote reference in running text: its number in superscript digits, e.g. ¹². */
export function footnoteMark(n: number): string {
  return String(n).split('').map((d) => SUPERSCRIPT[Number(d)] ?? d).join('')
}

interface Walk {
  pieces: Piece[]
  bold: boolean
  italic: boolean
  change: Piece['change']
  comments: Set<string>
  images: number
  bookmarks: string[]
  commentRefs: string[]
  notes: number[]
  footnote: (id: string) => number
}

function push(walk: Walk, text: string): void {
  if (text) walk.pieces.push({ text, change: walk.change, comments: [...walk.comments], bold: walk.bold, italic: walk.italic })
}

/** w:b / w:i on a run: on unless w:val says 0 or false. */
function toggled(rPr: XmlElement | undefined, name: string): boolean {
  const el = first(rPr, name)
  const val = el ? attr(el, 'val') : undefined
  return el !== undefined && val !== '0' && val !== 'false'
}

function walkRun(run: XmlElement, walk: Walk): void {
  const rPr = first(run, 'w:rPr')
  walk.bold = toggled(rPr, 'w:b')
  walk.italic = toggled(rPr, 'w:i')
  for (const child of elements(run)) {
    switch (child.name) {
      case 'w:t':
      case 'w:delText':
        push(walk, child.children.filter((c) => !isElement(c)).join(''))
        break
      case 'w:tab':
      case 'w:br':
      case 'w:cr':
        push(walk, ' ')
        break
      case 'w:noBreakHyphen':
        push(walk, '-')
        break
      case 'w:footnoteReference':
      {
        const n = walk.footnote(attr(child, 'id') ?? '')
        walk.notes.push(n)
        push(walk, footnoteMark(n))
      }
        break
      case 'w:commentReference':
        walk.commentRefs.push(attr(child, 'id') ?? '')
        break
      case 'w:drawing':
      case 'w:pict':
      case 'w:object':
        walk.images++
        break
    }
  }
}

function walkInline(parent: XmlElement, walk: Walk): void {
  for (const child of elements(parent)) {
    switch (child.name) {
      case 'w:r':
        walkRun(child, walk)
        break
      case 'w:ins':
      case 'w:del':
      case 'w:moveTo':
      case 'w:moveFrom': {
        const outer = walk.change
        walk.change = { kind: child.name === 'w:ins' || child.name === 'w:moveTo' ? 'ins' : 'del', author: attr(child, 'author') ?? '', date: attr(child, 'date') ?? null }
        walkInline(child, walk)
        walk.change = outer
        break
      }
      case 'w:commentRangeStart':
        walk.comments.add(attr(child, 'id') ?? '')
        break
      case 'w:commentRangeEnd':
        walk.comments.delete(attr(child, 'id') ?? '')
        break
      case 'w:bookmarkStart':
        walk.bookmarks.push(attr(child, 'name') ?? '')
        break
      case 'w:hyperlink':
      case 'w:smartTag':
      case 'w:fldSimple':
      case 'w:customXml':
        walkInline(child, walk)
        break
      case 'w:sdt':
        walkInline(first(child, 'w:sdtContent') ?? child, walk)
        break
    }
  }
}

export interface WordDocument {
  readonly paragraphs: readonly WordParagraph[]
  readonly footnotes: readonly WordNote[]
  readonly comments: readonly WordComment[]
}

function plainParagraphs(parent: XmlElement | undefined): string {
  if (!parent) return ''
  return elements(parent, 'w:p')
    .map((p) => {
      const walk: Walk = { pieces: [], bold: false, italic: false, change: null, comments: new Set(), images: 0, bookmarks: [], commentRefs: [], notes: [], footnote: () => 0 }
      walkInline(p, walk)
      return walk.pieces.filter((piece) => piece.change?.kind !== 'del').map((piece) => piece.text).join('').trim()
    })
    .filter((t) => t !== '')
    .join(' ')
}

export function readWordDocument(pkg: WordPackage): WordDocument {
  const styles = readStyles(pkg.parts.get('word/styles.xml'))
  const listFormat = readNumbering(pkg.parts.get('word/numbering.xml'))
  const notes = new Map<string, string>()
  const footnotesRoot = first(pkg.parts.get('word/footnotes.xml'), 'w:footnotes')
  for (const note of footnotesRoot ? elements(footnotesRoot, 'w:footnote') : []) {
    if (attr(note, 'type') && attr(note, 'type') !== 'normal') continue // separators
    notes.set(attr(note, 'id') ?? '', plainParagraphs(note))
  }
  const footnotes: WordNote[] = []
  const footnote = (id: string): number => {
    footnotes.push({ id, text: notes.get(id) ?? '' })
    return footnotes.length
  }
  const commentsRoot = first(pkg.parts.get('word/comments.xml'), 'w:comments')
  const comments: WordComment[] = (commentsRoot ? elements(commentsRoot, 'w:comment') : []).map((c) => ({
    id: attr(c, 'id') ?? '',
    author: attr(c, 'author') ?? '',
    date: attr(c, 'date') ?? null,
    text: plainParagraphs(c),
  }))
  const paragraphs: WordParagraph[] = []
  const comment = new Set<string>()
  const readParagraph = (p: XmlElement, inTable: boolean) => {
    const pPr = first(p, 'w:pPr')
    const styleId = attr(first(pPr, 'w:pStyle'), 'val') ?? null
    const style = styleId ? (styles.names.get(styleId) ?? styleId.toLowerCase()) : null
    const outlineAttr = attr(first(pPr, 'w:outlineLvl'), 'val')
    const outline = outlineAttr !== undefined ? Number(outlineAttr) + 1 : styleId ? styles.outline.get(styleId) : undefined
    const numPr = first(pPr, 'w:numPr')
    const own = attr(first(numPr, 'w:numId'), 'val')
    const numbering = own !== undefined ? { numId: own, ilvl: Number(attr(first(numPr, 'w:ilvl'), 'val') ?? 0) } : styleId ? styles.numbering.get(styleId) : undefined
    const format = numbering ? listFormat(numbering.numId, numbering.ilvl) : null
    const walk: Walk = { pieces: [], bold: false, italic: false, change: null, comments: comment, images: 0, bookmarks: [], commentRefs: [], notes: [], footnote }
    walkInline(p, walk)
    paragraphs.push({
      pieces: walk.pieces,
      style,
      headingLevel: headingLevelOf(style, outline),
      list: format && numbering ? { format, level: numbering.ilvl } : null,
      inTable,
      images: walk.images,
      bookmarks: walk.bookmarks,
      commentRefs: walk.commentRefs,
      notes: walk.notes,
    })
  }
  const walkBlocks = (parent: XmlElement, inTable: boolean) => {
    for (const child of elements(parent)) {
      if (child.name === 'w:p') readParagraph(child, inTable)
      else if (child.name === 'w:tbl') for (const row of elements(child, 'w:tr')) for (const cell of elements(row, 'w:tc')) walkBlocks(cell, true)
      else if (child.name === 'w:sdt') walkBlocks(first(child, 'w:sdtContent') ?? child, inTable)
      else if (child.name === 'w:customXml') walkBlocks(child, inTable)
    }
  }
  const body = first(first(pkg.parts.get('word/document.xml'), 'w:document'), 'w:body')
  if (body) walkBlocks(body, false)
  return { paragraphs, footnotes, comments }
}

/** The paragraph as it reads with its tracked changes accepted. */
export function acceptedText(p: WordParagraph): string {
  return p.pieces.filter((piece) => piece.change?.kind !== 'del').map((piece) => piece.text).join('')
}

/** The paragraph as it read before its tracked changes. */
export function originalText(p: WordParagraph): string {
  return p.pieces.filter((piece) => piece.change?.kind !== 'ins').map((piece) => piece.text).join('')
}
