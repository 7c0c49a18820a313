/** The little XML writer the Akoma Ntoso export is built with: elements, escaped text, containers. */
import { escapeXml } from '../common/escape'

type Attrs = Readonly<Record<string, string | number | null | undefined>>

// Elements whose parents hold elements only: a line break after them is layout, never text.
const LINE_AFTER = new Set([
  'akomaNtoso', 'doc', 'bill', 'meta', 'identification', 'FRBRWork', 'FRBRExpression', 'FRBRManifestation', 'FRBRthis', 'FRBRuri',
  'FRBRalias', 'FRBRdate', 'FRBRauthor', 'FRBRcountry', 'FRBRversionNumber', 'FRBRlanguage', 'FRBRformat', 'references', 'TLCOrganization',
  'TLCLocation', 'TLCRole', 'preface', 'longTitle', 'preamble', 'body', 'mainBody', 'attachments', 'attachment', 'article', 'num',
  'heading', 'paragraph', 'list', 'intro', 'point', 'content', 'p', 'hcontainer', 'blockList', 'item', 'table', 'tr', 'th', 'td', 'tblock',
])
// Of those, the ones holding text: nothing may be added inside them.
const INLINE_CONTENT = new Set(['num', 'heading', 'p'])

/** An element; `children` is already-built XML (escape text with `text()`). */
export function el(name: string, attrs: Attrs, ...children: string[]): string {
  const attributes = Object.entries(attrs)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('')
  const after = LINE_AFTER.has(name) ? '\n' : ''
  const inside = LINE_AFTER.has(name) && !INLINE_CONTENT.has(name) ? '\n' : ''
  return children.length === 0 ? `<${name}${attributes}/>${after}` : `<${name}${attributes}>${inside}${children.join('')}</${name}>${after}`
}

export const text = escapeXml
export const p = (...children: string[]) => el('p', {}, ...children)

export function container(eId: string, name: string, headingText: string | null, ...children: string[]): string {
  return el('hcontainer', { eId, name }, headingText === null ? '' : el('heading', {}, text(headingText)), ...children)
}

export function content(...children: string[]): string {
  return el('content', {}, ...(children.length ? children : [p()]))
}

export function blockList(eId: string, items: string[][]): string {
  return el('blockList', { eId }, ...items.map((item, k) => el('item', { eId: `${eId}__item_${k + 1}` }, ...item)))
}

