import { Fragment, type Mark, type Node as PMNode, type Schema, Slice } from '@tiptap/pm/model'
import type { Selection } from '@tiptap/pm/state'
import { bracketSegments, optionLabel, subparagraphLabel } from '../../../shared/draft/blocks'

/**
 * The clipboard's plain text of a clause body, in the draft's plain-text form (README): brackets
 * as "[…]", sub-paragraphs as "(a) …", options as "Option A: …", one line per paragraph.
 * Brackets and option labels are drawn by CSS in the editor, so ProseMirror's own text would lose them.
 */

/** What ProseMirror serialises for the clipboard: the slice without its single-child wrappers. */
export function clipboardContent(slice: Slice): { content: Fragment; openStart: number; openEnd: number; depth: number } {
  let { content, openStart, openEnd } = slice
  let depth = 0
  // Same loop as prosemirror-view's serializeForClipboard, so the HTML and the text see the same nodes.
  while (openStart > 1 && openEnd > 1 && content.childCount === 1 && content.firstChild?.childCount === 1) {
    openStart--
    openEnd--
    depth++
    content = content.firstChild.content
  }
  return { content, openStart, openEnd, depth }
}

/**
 * Where the copied nodes sit in the document: entry k is the index of the first copied node at
 * nesting level k among its siblings, so a copy that starts at Option B or at (c) keeps its label.
 * Empty when `content` is not the selection's (then labels count from the start of the copy).
 */
export function startIndexes(selection: Selection, content: Fragment): number[] {
  const copied = clipboardContent(selection.content())
  if (!copied.content.eq(content)) return []
  const { $from } = selection
  const indexes: number[] = []
  for (let depth = copied.depth; depth <= $from.depth; depth++) indexes.push($from.index(depth))
  return indexes
}

/** Inline content's text with its brackets: one "[…]" per run of the same bracket mark. */
export function inlineText(node: PMNode | Fragment): string {
  let out = ''
  let open = null as Mark | null // assigned inside the callback, which TypeScript does not follow
  node.forEach((child) => {
    const mark = child.marks.find((m) => m.type.name === 'bracket') ?? null
    if (open && !(mark && mark.eq(open))) {
      out += ']'
      open = null
    }
    if (mark && !open) {
      out += '['
      open = mark
    }
    out += child.isText ? (child.text ?? '') : child.type.name === 'hardBreak' ? '\n' : child.textContent
  })
  return open ? `${out}]` : out
}

function blockLines(fragment: Fragment, indexes: readonly number[]): string[] {
  const lines: string[] = []
  fragment.forEach((node, _offset, i) => {
    const index = (indexes[0] ?? 0) + i
    const inner = i === 0 ? indexes.slice(1) : []
    if (node.isTextblock) lines.push(inlineText(node))
    else if (node.type.name === 'listItem') lines.push(`(${subparagraphLabel(index)}) ${blockLines(node.content, inner).join(' ')}`)
    else if (node.type.name === 'option') lines.push(`Option ${optionLabel(index)}: ${blockLines(node.content, inner).join(' ')}`)
    else lines.push(...blockLines(node.content, inner))
  })
  return lines
}

/** The plain text of a copied slice; with the selection it was copied from, labels count as in the document. */
export function sliceText(slice: Slice, selection?: Selection): string {
  const { content, openStart, openEnd } = clipboardContent(slice)
  const indexes = selection ? startIndexes(selection, content) : []
  const only = content.childCount === 1 ? content.firstChild : null
  // Words inside one paragraph: just the words, without the label of the item they are in.
  if (only?.isTextblock && openStart > 0 && openEnd > 0) return inlineText(only)
  if (content.firstChild?.isInline) return inlineText(content)
  return blockLines(content, indexes).join('\n')
}

/**
 * Pasted plain text as paragraphs (one per line, as ProseMirror splits it) carrying the marks at
 * the cursor; with `readBrackets`, "[…]" spans become bracket marks without States (the text does
 * not say who asked), as the draft's plain-text form reads them.
 */
export function plainTextSlice(text: string, schema: Schema, marks: readonly Mark[], readBrackets: boolean): Slice {
  const paragraph = schema.nodes.paragraph
  if (!paragraph) return Slice.empty
  const bracket = readBrackets ? (schema.marks.bracket?.create({ states: [] }) ?? null) : null
  const paragraphs = text.split(/(?:\r\n?|\n)+/).map((line) => {
    const segments = bracket ? bracketSegments(line) : line ? [{ text: line, bracketed: false }] : []
    return paragraph.create(null, segments.map((s) => schema.text(s.text, s.bracketed && bracket ? bracket.addToSet(marks) : marks)))
  })
  return Slice.maxOpen(Fragment.from(paragraphs))
}

/**
 * A pasted copy that spans alternative options pastes them as a whole options block, not merged
 * into the paragraph at the cursor (words from inside one option still join it as words).
 */
export function keepOptionsWhole(slice: Slice): Slice {
  const spansOptions = (node: PMNode | null) => node?.type.name === 'options' && node.childCount > 1
  const openStart = spansOptions(slice.content.firstChild) ? 0 : slice.openStart
  const openEnd = spansOptions(slice.content.lastChild) ? 0 : slice.openEnd
  return openStart === slice.openStart && openEnd === slice.openEnd ? slice : new Slice(slice.content, openStart, openEnd)
}
