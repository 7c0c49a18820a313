import { diffWordsWithSpace } from 'diff'
import * as Y from 'yjs'
import { bracketSegments } from './blocks'

/**
 * Word-by-word edits of one Y.XmlText toward a line of the text form ("[…]" marks bracketed
 * words). Unchanged words are never touched, so carets, comment anchors and other marks (bold,
 * italic, the States of a bracket) on them survive; only the bracket mark follows the line.
 */

/** Stand-in for an embed in the plain text, so plain indices match Yjs indices one to one. */
const EMBED = '\uFFFC'

interface DeltaOp {
  readonly insert?: unknown
  readonly attributes?: Record<string, unknown>
}

export interface Chars {
  /** Plain text (embeds as U+FFFC), index for index the XmlText's. */
  readonly text: string
  /** Whether each character carries the bracket mark. */
  readonly bracketed: readonly boolean[]
}

export function charsOf(node: Y.XmlText): Chars {
  let text = ''
  const bracketed: boolean[] = []
  for (const op of node.toDelta() as DeltaOp[]) {
    const piece = typeof op.insert === 'string' ? op.insert : EMBED
    const marked = op.attributes !== undefined && 'bracket' in op.attributes
    text += piece
    for (let i = 0; i < piece.length; i++) bracketed.push(marked)
  }
  return { text, bracketed }
}

/** A line of the text form as plain characters and bracket flags. */
export function charsOfLine(line: string): Chars {
  let text = ''
  const bracketed: boolean[] = []
  for (const segment of bracketSegments(line)) {
    text += segment.text
    for (let i = 0; i < segment.text.length; i++) bracketed.push(segment.bracketed)
  }
  return { text, bracketed }
}

/** Characters [from, to) in the text form: bracketed runs wrapped in "[…]". */
export function lineOf(chars: Chars, from = 0, to = chars.text.length): string {
  let out = ''
  let open = false
  for (let i = from; i < to; i++) {
    const marked = chars.bracketed[i] ?? false
    if (marked !== open) out += marked ? '[' : ']'
    open = marked
    out += chars.text.charAt(i)
  }
  return open ? `${out}]` : out
}

/**
 * Makes characters [from, to) of `node` read `line` (text form), changing only the words that differ
 * and then setting or clearing the bracket mark where the line asks. New brackets name `states`.
 */
export function rewriteRange(node: Y.XmlText, from: number, to: number, line: string, states: readonly string[] = []): void {
  const have = charsOf(node)
  const want = charsOfLine(line)
  let at = from
  for (const change of diffWordsWithSpace(have.text.slice(from, to), want.text)) {
    if (change.removed) {
      node.delete(at, change.value.length)
    } else if (change.added) {
      // Inserted words take the marks of the word before them; the bracket pass below corrects brackets.
      node.insert(at, change.value)
      at += change.value.length
    } else {
      at += change.value.length
    }
  }
  const now = bracketValues(node)
  let i = 0
  while (i < want.text.length) {
    const wanted = want.bracketed[i] ?? false
    if ((now[from + i] !== undefined) === wanted) {
      i++
      continue
    }
    let j = i
    while (j < want.text.length && (want.bracketed[j] ?? false) === wanted && (now[from + j] !== undefined) !== wanted) j++
    // A new bracket touching an existing one joins it (the same value object): one bracket, not "[a][b]".
    const joined = now[from + i - 1] ?? now[from + j]
    node.format(from + i, j - i, { bracket: wanted ? (joined ?? { states: [...states] }) : null })
    i = j
  }
}

/** The bracket attribute's value on each character (undefined where there is none). */
function bracketValues(node: Y.XmlText): unknown[] {
  const values: unknown[] = []
  for (const op of node.toDelta() as DeltaOp[]) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1
    const value = op.attributes?.bracket
    for (let i = 0; i < length; i++) values.push(value)
  }
  return values
}

/** Makes the whole of `node` read `line`, word by word. */
export function rewriteText(node: Y.XmlText, line: string, states: readonly string[] = []): void {
  rewriteRange(node, 0, node.length, line, states)
}
