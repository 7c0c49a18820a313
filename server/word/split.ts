/**
 * Splits a Word document's paragraphs (both readings combined, combine.ts) into a preamble (what precedes the first article) and
 * articles: paragraphs reading "Article 1" / "Article 2 — Scope", else (when none does) paragraphs
 * in Word heading styles. Bodies are written in the draft's plain-text format, which turns
 * "(a) …" lines into sub-paragraphs, "Option A: …" into options and "[…]" into bracket marks.
 */
import { blocksToText, textToBlocks } from '../../shared/draft/blocks'
import type { ImportPreview, ImportWarning, ImportedClause } from '../../shared/wordImport'
import type { ImportDocument, ImportParagraph, InlineMark } from './combine'

export type { InlineMark } from './combine'

const ARTICLE = /^Article\s+(\d+|[IVXLCDM]+)\b\.?\s*(?:([—–:.-])\s*)?(.*)$/i
const OPTION = /^(?:Option|Alternative)\s+(\d+|[A-Z])\s*[:.—–-]\s*/i
const TYPED_SUBPARAGRAPH = /^\(([a-z]{1,2}|[ivxl]{1,6}|\d{1,2})\)\s*/i
const MAX_HEADING = 500

const clean = (text: string) => text.replace(/\s+/g, ' ').trim()

/** "Article 2 — Scope" → "Scope"; "Article 2" → ""; not an article heading → null. */
function articleHeading(p: ImportParagraph, text: string): string | null {
  const match = ARTICLE.exec(text)
  if (!match || text.length > 300) return null
  const rest = match[3] ?? ''
  // "Article 5 of the Convention applies" is body text; a heading has a separator or a heading style.
  if (rest !== '' && !match[2] && p.headingLevel === null) return null
  return rest.trim()
}

function looksLikeHeading(p: ImportParagraph, text: string): boolean {
  if (p.headingLevel !== null) return true
  return !p.list && text.length <= 150 && !/[.:;,]$/.test(text) && !TYPED_SUBPARAGRAPH.test(text) && !OPTION.test(text)
}

export interface SplitResult {
  readonly preview: ImportPreview
  /** Per clause of the preview, in order. */
  readonly marks: readonly (readonly InlineMark[])[]
}

interface Draft {
  marks: InlineMark[]
  kind: ImportedClause['kind']
  heading: string
  lines: string[]
  label: string
  footnotes: string[]
  tables: number
  images: number
  nested: number
  kept: string[]
}

function bodyLine(p: ImportParagraph, text: string, clause: Draft): string {
  if (p.inTable) clause.tables++
  clause.images += p.images
  const option = OPTION.exec(text)
  if (option) {
    const n = /^\d+$/.test(option[1] ?? '') ? Number(option[1]) - 1 : (option[1] ?? 'A').toUpperCase().charCodeAt(0) - 65
    return `Option ${String.fromCharCode(65 + Math.max(0, Math.min(25, n)))}: ${text.slice(option[0].length)}`
  }
  if (p.list && p.list.format !== 'bullet') {
    if (p.list.level > 0) clause.nested++
    return `(a) ${text.replace(TYPED_SUBPARAGRAPH, '')}`
  }
  const typed = TYPED_SUBPARAGRAPH.exec(text)
  if (typed) {
    if (/^[ivxl]+$/i.test(typed[1] ?? '') && clause.lines.some((l) => l.startsWith('('))) clause.nested++
    return `(a) ${text.slice(typed[0].length)}`
  }
  return text
}

export function splitDocument(doc: ImportDocument, fileName: string, coreTitle: string | null): SplitResult {
  const fallbackTitle = fileName.replace(/\.docx$/i, '')
  const warnings: ImportWarning[] = []
  const texts = doc.paragraphs.map((p) => clean(p.text))
  const byArticle = doc.paragraphs.some((p, i) => articleHeading(p, texts[i] ?? '') !== null)
  const startsArticle = (i: number): string | null => {
    const p = doc.paragraphs[i]
    const text = texts[i] ?? ''
    if (!p || text === '' || p.inTable) return null
    if (byArticle) return articleHeading(p, text)
    return p.headingLevel !== null && p.headingLevel >= 1 ? text.replace(ARTICLE, '$3').trim() || text : null
  }
  let title = coreTitle?.trim() ?? ''
  let titleIndex = -1
  const firstArticle = doc.paragraphs.findIndex((_, i) => startsArticle(i) !== null)
  const beforeArticles = firstArticle === -1 ? doc.paragraphs.length : firstArticle
  titleIndex = doc.paragraphs.findIndex((p, i) => i < beforeArticles && p.headingLevel === 0 && texts[i] !== '')
  if (titleIndex === -1) titleIndex = doc.paragraphs.findIndex((p, i) => i < beforeArticles && p.headingLevel !== null && texts[i] !== '')
  if (!title) title = titleIndex >= 0 ? (texts[titleIndex] ?? '') : ''
  if (!title) title = fallbackTitle
  const clauses: Draft[] = []
  const fresh = (kind: Draft['kind'], heading: string, label: string): Draft => ({ marks: [], kind, heading, lines: [], label, footnotes: [], tables: 0, images: 0, nested: 0, kept: [] })
  let current: Draft | null = null
  let articles = 0
  let awaitingHeading = false
  let paragraphCount = 0
  doc.paragraphs.forEach((p, i) => {
    const text = texts[i] ?? ''
    if (i === titleIndex) return
    const heading = startsArticle(i)
    if (heading !== null) {
      articles++
      current = fresh('article', heading, `Article ${articles}`)
      clauses.push(current)
      awaitingHeading = heading === ''
      current.images += p.images
      return
    }
    if (text === '') {
      if (current) current.images += p.images
      return
    }
    if (!current) {
      current = fresh('preamble', '', 'Preamble')
      clauses.push(current)
      if (p.headingLevel !== null || /^preamble$/i.test(text)) {
        current.heading = text
        return
      }
    }
    if (awaitingHeading && current.kind === 'article' && current.lines.length === 0 && looksLikeHeading(p, text)) {
      current.heading = text
      awaitingHeading = false
      return
    }
    awaitingHeading = false
    if (p.headingLevel !== null && current.kind === 'article') current.kept.push(text)
    paragraphCount++
    current.lines.push(bodyLine(p, text, current))
    current.marks.push(...p.emphasis)
    for (const n of p.notes) current.footnotes.push(`Footnote ${n}: ${clean(doc.footnotes[n - 1]?.text ?? '')}`)
  })
  const out: ImportedClause[] = clauses.map((c) => {
    let heading = c.heading
    if (heading.length > MAX_HEADING) {
      heading = `${heading.slice(0, MAX_HEADING - 1)}…`
      warnings.push({ code: 'heading-shortened', clause: c.label, message: `${c.label}: its heading is longer than ${MAX_HEADING} characters and was shortened.` })
    }
    if (c.tables) warnings.push({ code: 'table', clause: c.label, message: `${c.label}: a table — each of its cells becomes a paragraph, row by row.` })
    if (c.images) warnings.push({ code: 'image', clause: c.label, message: `${c.label}: ${c.images === 1 ? 'an image is' : `${c.images} images are`} left out (a draft holds text only).` })
    if (c.nested) warnings.push({ code: 'nested-list', clause: c.label, message: `${c.label}: ${c.nested} sub-sub-paragraph${c.nested === 1 ? '' : 's'} ((i), (ii) …) become sub-paragraphs of the same list; check their lettering.` })
    for (const kept of c.kept) warnings.push({ code: 'heading-kept', clause: c.label, message: `${c.label}: the heading “${kept.slice(0, 80)}” is not an article; it stays as a paragraph.` })
    // Through the block form once, so sub-paragraphs read (a), (b), (c) as the draft will number them.
    return { kind: c.kind, heading, text: blocksToText(textToBlocks([...c.lines, ...c.footnotes].join('\n'))) }
  })
  if (articles === 0) warnings.push({ code: 'no-articles', clause: null, message: 'No paragraph reads “Article 1” and no heading style is used: the whole text becomes the preamble.' })
  const tracked = doc.trackedChanges
  if (tracked) warnings.push({ code: 'tracked-changes', clause: null, message: `The document has ${tracked} tracked change${tracked === 1 ? '' : 's'}: the text is imported as if they were all accepted.` })
  if (doc.comments) warnings.push({ code: 'comments', clause: null, message: `The document's ${doc.comments} Word comment${doc.comments === 1 ? ' is' : 's are'} not imported into a new draft.` })
  if (doc.footnotes.length) warnings.push({ code: 'footnotes', clause: null, message: `${doc.footnotes.length} footnote${doc.footnotes.length === 1 ? '' : 's'}: each stays as its number (¹) in the text and a “Footnote 1: …” paragraph at the end of its clause.` })
  const words = texts.reduce((n, t) => n + (t ? t.split(' ').length : 0), 0)
  const preview = { title: title.slice(0, 300), fileName, clauses: out, warnings, counts: { articles, paragraphs: paragraphCount, footnotes: doc.footnotes.length, words } }
  return { preview, marks: clauses.map((c) => c.marks) }
}
