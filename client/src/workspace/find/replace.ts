import type * as Y from 'yjs'
import { LOCAL_ORIGIN } from '../../../../shared/draft/clauseOps'
import { DELETION, INSERTION, type SuggestionAttrs } from '../../../../shared/draft/suggestions'
import { newId } from '../../../../shared/ids'
import type { SuggestionAuthor } from '../../editor/suggestingRewrite'
import type { FindMatch } from './findMatches'

/**
 * How a replacement is written. 'edit': straight into the text, as typing would (undoable with the
 * user's own changes). 'suggest': each match becomes the user's replacement suggestion (the words
 * marked for deletion, the new words inserted beside them under the same id), as the server's
 * guard requires of someone who may only suggest.
 */
export type ReplaceMode = 'edit' | 'suggest'

/** The formatting (bold, italic, bracket…) of the character at `index`, kept on the words put in its place. */
function attributesAt(node: Y.XmlText, index: number): Record<string, unknown> | undefined {
  let at = 0
  for (const piece of node.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    const length = typeof piece.insert === 'string' ? piece.insert.length : 1
    if (index < at + length) return piece.attributes
    at += length
  }
  return undefined
}

/** 'edit': straight into the text, in one transaction (one undo step), last first within each text node so earlier offsets stay right. */
function writeDirect(doc: Y.Doc, matches: readonly FindMatch[], replacement: string): void {
  doc.transact(() => {
    const byNode = new Map<Y.XmlText, FindMatch[]>()
    for (const match of matches) byNode.set(match.node, [...(byNode.get(match.node) ?? []), match])
    for (const [node, inNode] of byNode) {
      for (const match of inNode.sort((a, b) => b.index - a.index)) {
        const attributes = attributesAt(node, match.index)
        node.delete(match.index, match.length)
        if (replacement) node.insert(match.index, replacement, attributes)
      }
    }
  }, LOCAL_ORIGIN)
}

/** Does the range already carry a suggestion (anyone's)? Such words are left alone: suggestions do not nest. */
function suggestedWithin(node: Y.XmlText, index: number, length: number): boolean {
  let at = 0
  for (const piece of node.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    const size = typeof piece.insert === 'string' ? piece.insert.length : 1
    if (at < index + length && at + size > index && piece.attributes && (INSERTION in piece.attributes || DELETION in piece.attributes)) return true
    at += size
  }
  return false
}

/** 'suggest': per match, its words marked as the author's deletion and the replacement inserted after them with the same id; returns how many. */
function writeSuggested(doc: Y.Doc, matches: readonly FindMatch[], replacement: string, author: SuggestionAuthor): number {
  let written = 0
  doc.transact(() => {
    const byNode = new Map<Y.XmlText, FindMatch[]>()
    for (const match of matches) byNode.set(match.node, [...(byNode.get(match.node) ?? []), match])
    const at = new Date().toISOString()
    for (const [node, inNode] of byNode) {
      for (const match of inNode.sort((a, b) => b.index - a.index)) {
        if (suggestedWithin(node, match.index, match.length)) continue
        const attrs: SuggestionAttrs = { id: newId(), user: author.id, name: author.name, state: author.state, at }
        const { [INSERTION]: _insertion, [DELETION]: _deletion, ...kept } = attributesAt(node, match.index) ?? {}
        if (replacement) node.insert(match.index + match.length, replacement, { ...kept, [INSERTION]: attrs })
        node.format(match.index, match.length, { [DELETION]: attrs })
        written += 1
      }
    }
  }, LOCAL_ORIGIN)
  return written
}

/**
 * Replaces the matches (from findMatches on the same state) with `replacement`, as `mode` says
 * ('suggest' needs the author); returns how many were replaced (words already under a suggestion are skipped when suggesting).
 */
export function replaceMatches(doc: Y.Doc, matches: readonly FindMatch[], replacement: string, mode: ReplaceMode = 'edit', author: SuggestionAuthor | null = null): number {
  if (matches.length === 0) return 0
  if (mode === 'suggest') {
    if (!author) throw new Error('A suggested replacement needs its author.')
    return writeSuggested(doc, matches, replacement, author)
  }
  writeDirect(doc, matches, replacement)
  return matches.length
}
