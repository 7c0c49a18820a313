/**
 * Escaping for every exporter. All user text (titles, sections, comments, reasons, statements,
 * headings, clause text) goes through one of these: nothing a user types can become markup.
 */

// Characters XML 1.0 forbids (C0 controls but tab, LF, CR; U+FFFE/U+FFFF; lone surrogates).
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Drops the characters an XML document may not hold at all (they cannot even be escaped). */
export function cleanText(text: string): string {
  return text.replace(XML_INVALID, '')
}

/** Text for XML and HTML element content and attribute values. */
export function escapeXml(text: string): string {
  return cleanText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

export const escapeHtml = escapeXml

// Characters with an inline meaning in CommonMark/GFM (emphasis, code, links, raw HTML, entities, tables, strikethrough).
const MD_INLINE = /[\\`*_[\]<>&|~]/g
// What makes a line a block (heading, quote, list, thematic break, setext underline) when it starts it.
const MD_BLOCK_START = /^([#>+=-])/
const MD_ORDERED = /^(\d{1,9})([.)])/

/**
 * One line of user text for Markdown: rendered, it reads exactly as typed (CommonMark backslash
 * escapes), and it can never open a block, a link, a code span or raw HTML.
 */
export function escapeMarkdown(text: string): string {
  const line = cleanText(text).replace(/[\r\n\t]+/g, ' ').trim()
  return line
    .replace(MD_INLINE, (c) => `\\${c}`)
    .replace(MD_BLOCK_START, '\\$1')
    .replace(MD_ORDERED, '$1\\$2')
}
