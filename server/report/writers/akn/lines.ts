/**
 * A clause's text as Akoma Ntoso inline XML, line by line: brackets as `inline name="bracketed"`,
 * open suggestions as `ins`/`del` referring to the suggesting State (a TLCOrganization of the
 * references, see suggestions.ts), or to the suggester when they have no State (a TLCPerson).
 */
import type { Block } from '../../../../shared/draft/blocks'
import type { AssembledClause, SuggestedOp } from '../../../../shared/report/types'
import { bracketParts, clauseLines } from '../common/lines'
import { suggestedLines } from '../common/suggestions'
import { el, text } from './xml'

/** A slug for URIs and eIds: ASCII letters, digits and hyphens. */
export function slug(value: string): string {
  return (
    value
      .normalize('NFKD')
      .replace(/[^\x00-\x7f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'x'
  )
}

export function bracketed(line: string): string {
  return bracketParts(line)
    .map((part) => (part.bracketed ? el('inline', { name: 'bracketed' }, text(part.text)) : text(part.text)))
    .join('')
}

/** The eId of whom a suggestion refers to: the State's code in lower case ("ken"), else the suggester. */
export function suggesterRef(op: Pick<SuggestedOp, 'state' | 'author'>): string {
  return op.state ? op.state.toLowerCase() : `suggester-${slug(op.author ?? '')}`
}

function run(op: SuggestedOp): string {
  if (op.op === 'equal') return bracketed(op.text)
  return el(op.op === 'insert' ? 'ins' : 'del', { refersTo: `#${suggesterRef(op)}`, title: op.author ?? '' }, text(op.text))
}

export interface XmlLine {
  readonly kind: 'paragraph' | 'subparagraph' | 'option'
  readonly label: string | null
  /** The line's text as inline XML. */
  readonly xml: string
}

/** The clause's lines: with its open suggestions when it has some. */
export function clauseXmlLines(clause: Pick<AssembledClause, 'text' | 'suggested' | 'refText'>): XmlLine[] {
  if (clause.suggested) return suggestedLines(clause.suggested).map((l) => ({ kind: l.kind, label: l.label, xml: l.ops.map(run).join('') }))
  return clauseLines(clause.refText ?? clause.text).map((l) => ({ kind: l.kind, label: l.label, xml: bracketed(l.text) }))
}

// A marked cross-reference survives escaping as is: \uE000 clauseId|para \uE001 words \uE002 (shared/draft/references.ts).
const MARKED_REF = /\uE000([^|\uE001]*)\|[^\uE001]*\uE001([^\uE002]*)\uE002/g

/** Cross-references as `ref href` to the target's eId in this revision (`#art_5`), or its words alone when it is gone. */
export function linkReferences(xml: string, eIds: ReadonlyMap<string, string>): string {
  return xml.replace(MARKED_REF, (_m, clauseId: string, words: string) => {
    const eId = eIds.get(clauseId)
    return eId ? el('ref', { href: `#${eId}` }, words) : words
  })
}

/** Lines back into blocks (consecutive sub-paragraphs one list, consecutive options one block), their texts XML. */
export function xmlBlocks(lines: readonly XmlLine[]): Block[] {
  const blocks: Block[] = []
  for (const line of lines) {
    const last = blocks.at(-1)
    if (line.kind === 'subparagraph') {
      if (last?.type === 'subparagraphs') blocks[blocks.length - 1] = { type: 'subparagraphs', items: [...last.items, line.xml] }
      else blocks.push({ type: 'subparagraphs', items: [line.xml] })
    } else if (line.kind === 'option') {
      if (last?.type === 'options') blocks[blocks.length - 1] = { type: 'options', options: [...last.options, line.xml] }
      else blocks.push({ type: 'options', options: [line.xml] })
    } else blocks.push({ type: 'paragraph', text: line.xml })
  }
  return blocks
}
