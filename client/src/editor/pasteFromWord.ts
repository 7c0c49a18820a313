import { CLIPBOARD_MARKER } from './clipboard'

/**
 * Cleans HTML pasted from Word (or any rich source): keeps paragraphs, lists and bold/italic;
 * drops fonts, colours, sizes, classes and Office markup. Word's own list paragraphs
 * (`mso-list`) and paragraphs typed as "(a) …" become real lettered sub-paragraphs.
 * Our own markup (brackets with their States, options; see clipboard.ts) is kept, whatever the source.
 */
const DROP = 'style, meta, link, script, title, xml, head, o\\:p, w\\:sdt, img, object, [data-bracket-edge], [data-option-label]'
const KEEP_TAGS = new Set(['P', 'OL', 'UL', 'LI', 'B', 'STRONG', 'I', 'EM', 'BR'])
const OURS = 'span[data-bracket], div[data-options], div[data-option]'
/** Attributes kept on our own elements, each with what its value may be. */
const OUR_ATTRIBUTES: Record<string, RegExp> = {
  'data-bracket': /^$/,
  'data-states': /^[A-Z]{3}( [A-Z]{3})*$/,
  'data-options': /^$/,
  'data-option': /^$/,
}
const TYPED_MARKER = /^\s*\(([a-z]{1,2}|[ivx]+)\)\s+/

function isWordListParagraph(element: Element): boolean {
  return element.tagName === 'P' && (/mso-list/i.test(element.getAttribute('style') ?? '') || /MsoListParagraph/i.test(element.className))
}

function isTypedSubparagraph(element: Element): boolean {
  return element.tagName === 'P' && TYPED_MARKER.test(element.textContent)
}

function stripTypedMarker(element: Element): void {
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT)
  const first = walker.nextNode()
  if (first?.textContent) first.textContent = first.textContent.replace(TYPED_MARKER, '')
}

function keepAttributes(element: Element, allowed: Record<string, RegExp>): void {
  for (const attribute of [...element.attributes]) {
    if (!allowed[attribute.name]?.test(attribute.value)) element.removeAttribute(attribute.name)
  }
}

/** Copied from a clause body: ProseMirror's slice data (open ends, context) and list types are ours too. */
function isOurClipboard(doc: Document): boolean {
  return doc.querySelector(`[${CLIPBOARD_MARKER}]`) !== null
}

function trimText(element: Element, edge: 'first' | 'last', char: string): void {
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT)
  let node: Node | null = walker.nextNode()
  if (edge === 'last') for (let next = node; next; next = walker.nextNode()) node = next
  if (!node?.textContent) return
  node.textContent = edge === 'first' ? node.textContent.replace(char, '') : node.textContent.slice(0, node.textContent.lastIndexOf(char))
}

/**
 * The content API's HTML and the not-yet-mounted clause view (shared/draft/ydoc.ts bodyHtml) write
 * brackets and option labels as text: read them back as our markup.
 */
function adoptContentHtml(body: HTMLElement): void {
  for (const span of body.querySelectorAll('span.bracket:not([data-bracket])')) {
    if (!/^\[[\s\S]*\]$/.test(span.textContent)) continue
    trimText(span, 'first', '[')
    trimText(span, 'last', ']')
    span.setAttribute('data-bracket', '')
  }
  for (const options of body.querySelectorAll('div.options:not([data-options])')) {
    options.setAttribute('data-options', '')
    for (const option of options.querySelectorAll(':scope > div.option')) {
      option.setAttribute('data-option', '')
      option.querySelector(':scope > p.option-label')?.remove()
    }
  }
}

/** Keeps only the allowed tags (unwrapping the others) and no attributes but ours. */
function sanitize(node: Element, ours: boolean): void {
  const extra: Record<string, RegExp> = ours ? { 'data-pm-slice': /^\d+ \d+( -\d+)? \[.*\]$/ } : {}
  for (const child of [...node.children]) {
    sanitize(child, ours)
    if (child.matches(OURS)) {
      keepAttributes(child, { ...OUR_ATTRIBUTES, ...extra })
      continue
    }
    if (!KEEP_TAGS.has(child.tagName)) {
      if (child.tagName === 'DIV' || /^H[1-6]$/.test(child.tagName)) {
        const p = child.ownerDocument.createElement('p')
        p.append(...child.childNodes)
        child.replaceWith(p)
      } else {
        child.replaceWith(...child.childNodes)
      }
      continue
    }
    keepAttributes(child, ours && child.tagName === 'OL' ? { ...extra, type: /^[aAiI1]$/, start: /^\d{1,4}$/ } : extra)
  }
}

/** Word wraps everything in section divs: lift their paragraphs to the top so lists can be found. */
function flattenContainers(body: HTMLElement): void {
  for (const div of [...body.querySelectorAll('div, section, article')]) {
    if (div.matches(OURS)) continue
    if (div.querySelector('p, ol, ul, div, h1, h2, h3, h4, h5, h6')) div.replaceWith(...div.childNodes)
  }
}

/** Groups runs of list paragraphs into `<ol><li><p>…</p></li></ol>`. */
function buildLists(body: HTMLElement): void {
  const doc = body.ownerDocument
  let list: HTMLOListElement | null = null
  for (const child of [...body.children]) {
    const word = isWordListParagraph(child)
    const typed = !word && isTypedSubparagraph(child)
    if (!word && !typed) {
      list = null
      continue
    }
    if (word) for (const ignore of child.querySelectorAll('span[style*="mso-list:Ignore" i], span[style*="mso-list: Ignore" i]')) ignore.remove()
    else stripTypedMarker(child)
    if (!list) {
      list = doc.createElement('ol')
      child.before(list)
    }
    const item = doc.createElement('li')
    const paragraph = doc.createElement('p')
    paragraph.append(...child.childNodes)
    item.append(paragraph)
    list.append(item)
    child.remove()
  }
}

export function cleanPastedHtml(html: string): string {
  // Word's conditional markup, not understood by DOMParser.
  const withoutConditionals = html
    .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '')
    .replace(/<!\[if[^\]]*\]>/gi, '')
    .replace(/<!\[endif\]>/gi, '')
  const doc = new DOMParser().parseFromString(withoutConditionals, 'text/html')
  for (const element of doc.querySelectorAll(DROP)) element.remove()
  adoptContentHtml(doc.body)
  flattenContainers(doc.body)
  buildLists(doc.body)
  sanitize(doc.body, isOurClipboard(doc))
  // Word writes &nbsp; runs for spacing; ordinary spaces read and diff better.
  return doc.body.innerHTML.replace(/&nbsp;/g, ' ')
}
