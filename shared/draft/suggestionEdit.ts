import * as Y from 'yjs'
import { ClauseKey } from './format'
import { DELETION, INSERTION, parseSuggestionAttrs } from './suggestions'
import { clausesMap } from './ydoc'

interface DeltaOp {
  insert?: unknown
  attributes?: Record<string, unknown>
}

function texts(node: Y.XmlFragment | Y.XmlElement): Y.XmlText[] {
  return node.toArray().flatMap((child) => (child instanceof Y.XmlText ? [child] : child instanceof Y.XmlElement ? texts(child) : []))
}

/** The clause that holds a suggestion (its marks), or null when it is not in the document. */
export function clauseOfSuggestion(doc: Y.Doc, suggestionId: string): string | null {
  for (const [clauseId, clause] of clausesMap(doc).entries()) {
    const body = clause instanceof Y.Map ? clause.get(ClauseKey.body) : null
    if (!(body instanceof Y.XmlFragment)) continue
    for (const text of texts(body)) {
      for (const op of text.toDelta() as DeltaOp[]) {
        for (const key of [INSERTION, DELETION]) if (op.attributes && parseSuggestionAttrs(op.attributes[key])?.id === suggestionId) return clauseId
      }
    }
  }
  return null
}

/**
 * Takes (accept) or leaves (reject, withdraw) one suggestion in a clause: an insertion accepted
 * loses its mark, rejected loses its text; a deletion accepted loses its text, rejected its mark.
 * Call inside a transaction. False when the clause holds no text of it.
 */
export function decideSuggestion(doc: Y.Doc, clauseId: string, suggestionId: string, accept: boolean): boolean {
  const body = clausesMap(doc).get(clauseId)?.get(ClauseKey.body)
  if (!(body instanceof Y.XmlFragment)) return false
  let found = false
  for (const text of texts(body)) {
    const ranges: { at: number; length: number; key: string }[] = []
    let at = 0
    for (const op of text.toDelta() as DeltaOp[]) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1
      for (const key of [INSERTION, DELETION]) if (op.attributes && parseSuggestionAttrs(op.attributes[key])?.id === suggestionId) ranges.push({ at, length, key })
      at += length
    }
    // From the end, so earlier offsets stay true as text goes.
    for (const range of ranges.reverse()) {
      found = true
      const removeText = range.key === INSERTION ? !accept : accept
      if (removeText) text.delete(range.at, range.length)
      else text.format(range.at, range.length, { [range.key]: null })
    }
  }
  return found
}
