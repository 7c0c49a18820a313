import type * as Y from 'yjs'
import { LOCAL_ORIGIN } from '../../../../shared/draft/clauseOps'
import type { FindMatch } from './findMatches'

/**
 * How a replacement is written. 'edit': straight into the text, as typing would (undoable with the
 * user's own changes). Issue 15 adds 'suggest': the same replacement as a suggestion for delegates
 * who may only suggest; it branches here, in replaceMatches.
 */
export type ReplaceMode = 'edit'

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

/** One writer per mode: issue 15's 'suggest' joins this table. */
const WRITERS: Readonly<Record<ReplaceMode, (doc: Y.Doc, matches: readonly FindMatch[], replacement: string) => void>> = { edit: writeDirect }

/** Replaces the matches (from findMatches on the same state) with `replacement`, as `mode` says; returns how many. */
export function replaceMatches(doc: Y.Doc, matches: readonly FindMatch[], replacement: string, mode: ReplaceMode = 'edit'): number {
  if (matches.length === 0) return 0
  WRITERS[mode](doc, matches, replacement)
  return matches.length
}
