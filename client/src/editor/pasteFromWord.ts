/**
 * Cleans HTML pasted from Word (or any rich source): keeps paragraphs, lists and bold/italic;
 * drops fonts, colours, sizes, classes and Office markup. Word's own list paragraphs
 * (`mso-list`) and paragraphs typed as "(a) …" become real lettered sub-paragraphs.
 */
const DROP = 'style, meta, link, script, title, xml, head, o\\:p, w\\:sdt, img, object'
const KEEP_TAGS = new Set(['P', 'OL', 'UL', 'LI', 'B', 'STRONG', 'I', 'EM', 'BR'])
const TYPED_MARKER = /^\s*\(([a-z]{1,2}|[ivx]+)\)\s+/

function isWordListParagraph(element: Element): boolean {
  return element.tagName === 'P' && (/mso-list/i.test(element.getAttribute('style') ?? '') || /MsoListParagraph/i.test(element.className))
}

function isTypedSubparagraph(element: Element): boolean {
  return element.tagName === 'P' && TYPED_MARKER.test(element.textContent ?? '')
}

function stripTypedMarker(element: Element): void {
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT)
  const first = walker.nextNode()
  if (first?.textContent) first.textContent = first.textContent.replace(TYPED_MARKER, '')
}

/** Keeps only the allowed tags (unwrapping the others) and no attributes at all. */
function sanitize(node: Element): void {
  for (const child of [...node.children]) {
    sanitize(child)
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
    for (const attribute of [...child.attributes]) child.removeAttribute(attribute.name)
  }
}

/** Word wraps everything in section divs: lift their paragraphs to the top so lists can be found. */
function flattenContainers(body: HTMLElement): void {
  for (const div of [...body.querySelectorAll('div, section, article')]) {
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
  flattenContainers(doc.body)
  buildLists(doc.body)
  sanitize(doc.body)
  // Word writes &nbsp; runs for spacing; ordinary spaces read and diff better.
  return doc.body.innerHTML.replace(/&nbsp;/g, ' ')
}
