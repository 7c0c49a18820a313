import * as Y from 'yjs'
import { ClauseKey } from '../../../../shared/draft/format'
import { clausesMap } from '../../../../shared/draft/ydoc'
import { fold, foldWithOrigin } from '../../../../shared/search/fold'

/** One occurrence of the words looked for, in the Yjs text of a clause body (mounted editor or not). */
export interface FindMatch {
  readonly clauseId: string
  readonly node: Y.XmlText
  /** Offset and length in `node` (Yjs units: an embed counts one). */
  readonly index: number
  readonly length: number
  /** Which occurrence in its clause (0, 1, …): how the page finds it among the clause's rendered text. */
  readonly ordinal: number
  /** The words as written there. */
  readonly text: string
}

/** The text nodes of a body in document order (paragraphs, sub-paragraphs, options' paragraphs). */
function textNodes(node: Y.XmlFragment | Y.XmlElement, into: Y.XmlText[] = []): Y.XmlText[] {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) into.push(child)
    else if (child instanceof Y.XmlElement) textNodes(child, into)
  }
  return into
}

/** A text node's characters; each embed stands as one object replacement character, so offsets are Yjs offsets. */
export function plainOf(node: Y.XmlText): string {
  return (node.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === 'string' ? d.insert : '\uFFFC')).join('')
}

/**
 * Every occurrence of `query` (any case, accents ignored, as the search does) in the bodies of the
 * clauses, in the order given (the outline's). Reads the Y.Doc itself, so clauses whose editors are
 * not mounted are found too. Matches do not overlap and do not cross paragraphs.
 */
export function findMatches(doc: Y.Doc, clauseIds: readonly string[], query: string): FindMatch[] {
  const needle = fold(query)
  if (!needle.trim()) return []
  const map = clausesMap(doc)
  const matches: FindMatch[] = []
  for (const clauseId of clauseIds) {
    const body = map.get(clauseId)?.get(ClauseKey.body)
    if (!(body instanceof Y.XmlFragment)) continue
    let ordinal = 0
    for (const node of textNodes(body)) {
      const plain = plainOf(node)
      const { folded, origin } = foldWithOrigin(plain)
      for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + needle.length)) {
        const start = origin[at] ?? 0
        const end = origin[at + needle.length] ?? plain.length
        matches.push({ clauseId, node, index: start, length: end - start, ordinal: ordinal++, text: plain.slice(start, end) })
      }
    }
  }
  return matches
}
