import { optionLabel, subparagraphLabel, textToBlocks } from '../../../../shared/draft/blocks'
import type { AttributedOp } from '../../../../shared/report/types'

/** One line of a clause's text: a paragraph, a lettered sub-paragraph or an alternative wording. */
export interface ClauseLine {
  readonly kind: 'paragraph' | 'subparagraph' | 'option'
  /** "(a)" or "Option A:"; null for a paragraph. */
  readonly label: string | null
  readonly text: string
}

/** A clause's plain-text form as lines, labels computed from order (brackets stay literal "[…]"). */
export function clauseLines(text: string): ClauseLine[] {
  const lines: ClauseLine[] = []
  for (const block of textToBlocks(text)) {
    if (block.type === 'paragraph') lines.push({ kind: 'paragraph', label: null, text: block.text })
    else if (block.type === 'subparagraphs') block.items.forEach((item, i) => lines.push({ kind: 'subparagraph', label: `(${subparagraphLabel(i)})`, text: item }))
    else block.options.forEach((option, i) => lines.push({ kind: 'option', label: `Option ${optionLabel(i)}:`, text: option }))
  }
  return lines
}

/** A paragraph of a word diff and what happened to the break that ends it. */
export interface OpParagraph {
  readonly ops: readonly AttributedOp[]
  /** The "\n" op after this paragraph: inserted or deleted when paragraphs were split or joined; null for the last. */
  readonly breakAfter: AttributedOp | null
}

/** Word-diff ops split into paragraphs at their "\n" ops. */
export function diffParagraphs(ops: readonly AttributedOp[]): OpParagraph[] {
  const out: { ops: AttributedOp[]; breakAfter: AttributedOp | null }[] = [{ ops: [], breakAfter: null }]
  for (const op of ops) {
    const current = out[out.length - 1] as { ops: AttributedOp[]; breakAfter: AttributedOp | null }
    if (op.text === '\n') {
      current.breakAfter = op
      out.push({ ops: [], breakAfter: null })
    } else current.ops.push(op)
  }
  return out
}

/** "[…]" spans of a line, for formats that mark bracketed wording (the brackets themselves stay in the text). */
export function bracketParts(text: string): { readonly text: string; readonly bracketed: boolean }[] {
  const parts: { text: string; bracketed: boolean }[] = []
  const pattern = /\[[^[\]]*\]/g
  let last = 0
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), bracketed: false })
    parts.push({ text: match[0], bracketed: true })
    last = match.index + match[0].length
  }
  if (last < text.length) parts.push({ text: text.slice(last), bracketed: false })
  return parts
}
