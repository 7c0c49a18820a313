/**
 * The free sections of a report are plain text with a tiny, safe subset of Markdown: paragraphs
 * separated by blank lines, **bold** and *italic*. Nothing else is interpreted (no HTML, no links),
 * and every exporter escapes the runs it writes.
 */
export interface RichRun {
  readonly text: string
  readonly bold: boolean
  readonly italic: boolean
}

export type RichParagraph = readonly RichRun[]

// Bold: "**" + text that neither starts nor ends with a space + "**".
const BOLD = /\*\*(?=\S)([\s\S]*?\S)\*\*/g
// Italic: a single "*" (not part of "**") around text that neither starts nor ends with a space or "*".
const ITALIC = /(?<!\*)\*(?=[^\s*])([^*]*?[^\s*])\*(?!\*)/g

function italics(text: string, bold: boolean, out: RichRun[]): void {
  let last = 0
  for (const match of text.matchAll(ITALIC)) {
    if (match.index > last) out.push({ text: text.slice(last, match.index), bold, italic: false })
    out.push({ text: match[1] ?? '', bold, italic: true })
    last = match.index + match[0].length
  }
  if (last < text.length) out.push({ text: text.slice(last), bold, italic: false })
}

/** The runs of one paragraph; unmatched markers stay literal text. */
export function parseInline(text: string): RichRun[] {
  const out: RichRun[] = []
  let last = 0
  for (const match of text.matchAll(BOLD)) {
    if (match.index > last) italics(text.slice(last, match.index), false, out)
    italics(match[1] ?? '', true, out)
    last = match.index + match[0].length
  }
  if (last < text.length) italics(text.slice(last), false, out)
  return out
}

/** Paragraphs (split at blank lines; a single line break is a space) and their runs. */
export function parseRichText(body: string): RichParagraph[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p !== '')
    .map(parseInline)
}

/** The text of a paragraph without its markers. */
export function plainText(paragraph: RichParagraph): string {
  return paragraph.map((r) => r.text).join('')
}
