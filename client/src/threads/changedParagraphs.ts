import type { WordOp } from '../../../shared/diff/types'
import { opParagraphs } from '../../../shared/diff/words'

/** A paragraph of a word diff with a change in it, or a run of unchanged ones (folded). */
export type Shown = { readonly kind: 'changed'; readonly ops: readonly WordOp[] } | { readonly kind: 'same'; readonly count: number }

/** Changed paragraphs as they are; each run of unchanged ones as one entry saying how many. */
export function condense(ops: readonly WordOp[]): Shown[] {
  const shown: Shown[] = []
  for (const line of opParagraphs(ops)) {
    const last = shown.at(-1)
    if (line.some((op) => op.op !== 'equal')) shown.push({ kind: 'changed', ops: line })
    else if (last?.kind === 'same') shown[shown.length - 1] = { kind: 'same', count: last.count + 1 }
    else shown.push({ kind: 'same', count: 1 })
  }
  return shown
}
