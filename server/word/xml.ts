/**
 * XML of a Word package, parsed by a real parser (htmlparser2 in XML mode) into a small tree.
 * A DTD or entity declaration is refused outright: Word never writes one, and entity expansion
 * (billion laughs) or external entities are the classic attacks on XML uploads. In XML mode the parser
 * decodes only the five predefined entities and character references, never declared ones.
 */
import { Parser } from 'htmlparser2'
import { wordError } from './limits'

export interface XmlElement {
  readonly name: string
  readonly attrs: Readonly<Record<string, string>>
  readonly children: XmlNode[]
}
export type XmlNode = XmlElement | string

/** Parses one part; throws the "unsafe XML" refusal on a DOCTYPE/ENTITY declaration. */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#root', attrs: {}, children: [] }
  const stack: XmlElement[] = [root]
  const found = { declaration: false }
  const parser = new Parser(
    {
      onprocessinginstruction(name) {
        if (name.startsWith('!')) found.declaration = true
      },
      onopentag(name, attrs) {
        const element: XmlElement = { name, attrs: { ...attrs }, children: [] }
        stack[stack.length - 1]?.children.push(element)
        stack.push(element)
      },
      ontext(text) {
        stack[stack.length - 1]?.children.push(text)
      },
      onclosetag() {
        if (stack.length > 1) stack.pop()
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeSelfClosing: true },
  )
  parser.write(xml)
  parser.end()
  if (found.declaration) throw wordError.entities()
  return root
}

export function isElement(node: XmlNode): node is XmlElement {
  return typeof node !== 'string'
}

export function elements(parent: XmlElement, name?: string): XmlElement[] {
  return parent.children.filter((c): c is XmlElement => isElement(c) && (name === undefined || c.name === name))
}

export function first(parent: XmlElement | undefined, name: string): XmlElement | undefined {
  return parent ? elements(parent, name)[0] : undefined
}

/** Every descendant with that name, in document order. */
export function descendants(parent: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const child of parent.children) {
    if (!isElement(child)) continue
    if (child.name === name) out.push(child)
    descendants(child, name, out)
  }
  return out
}

/** All text below the element (for small parts such as core.xml). */
export function textContent(node: XmlNode): string {
  return isElement(node) ? node.children.map(textContent).join('') : node
}
