/**
 * Escaping for every exporter. All user text (titles, sections, comments, reasons, statements,
 * headings, clause text) goes through one of these: nothing a user types can become markup.
 */
import { escapeHtml } from '../../../../shared/draft/html'

// Characters XML 1.0 forbids (C0 controls but tab, LF, CR; U+FFFE/U+FFFF; lone surrogates).
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Drops the characters an XML document may not hold at all (they cannot even be escaped). */
export function cleanText(text: string): string {
  return text.replace(XML_INVALID, '')
}

/** Text for XML and HTML element content and attribute values: the one `escapeHtml`, after dropping what XML cannot hold. */
export function escapeXml(text: string): string {
  return escapeHtml(cleanText(text))
}

// Characters with an inline meaning in CommonMark/GFM (emphasis, code, links, raw HTML, entities, tables, strikethrough).
const MD_INLINE = /[\\`*_[\]<>&|~]/g
// What makes a line a block (heading, quote, list, thematic break, setext underline) when it starts it.
const MD_BLOCK_START = /^([#>+=-])/
const MD_ORDERED = /^(\d{1,9})([.)])/

// What GFM and common renderers (marked, markdown-it's linkify) turn into a link without any markup:
// `scheme://`, `www.` and e-mail addresses. A backslash before the `:`, the `.` or the `@` breaks the
// autolink and still renders as the character alone.
const AUTOLINK_SCHEME = /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*):(?=\/\/)/g
const AUTOLINK_WWW = /(?<![A-Za-z0-9_.-])(www)\./gi

const escapeInline = (text: string) =>
  text
    .replace(MD_INLINE, (c) => `\\${c}`)
    .replace(AUTOLINK_SCHEME, '$1\\:')
    .replace(AUTOLINK_WWW, '$1\\.')
    .replace(/@/g, '\\@')

/** User text in the middle of a Markdown line: inline escapes only, every space kept. */
export function escapeMarkdownInline(text: string): string {
  return escapeInline(cleanText(text).replace(/[\r\n\t]/g, ' '))
}

/** Keeps a Markdown line from opening a block when it starts with user text. */
export function guardLineStart(line: string): string {
  return line.replace(MD_BLOCK_START, '\\$1').replace(MD_ORDERED, '$1\\$2')
}

/**
 * One line of user text for Markdown: rendered, it reads exactly as typed (CommonMark backslash
 * escapes), and it can never open a block, a link, a code span or raw HTML.
 */
export function escapeMarkdown(text: string): string {
  return guardLineStart(escapeInline(cleanText(text).replace(/[\r\n\t]+/g, ' ').trim()))
}
