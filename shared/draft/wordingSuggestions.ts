import { diffWordsWithSpace } from 'diff'
import * as Y from 'yjs'
import { newId } from '../ids'
import { type Block, textToBlocks } from './blocks'
import { lineText } from './bodyEdit'
import { DELETION, INSERTION, type SuggestionAttrs } from './suggestions'
import { charsOfLine } from './textEdit'
import { bodyBlocks } from './ydoc'

/**
 * A new wording written into the text as suggestions instead of edits: the word diff from the
 * base text (open insertions left out) to the wording, per paragraph, becomes deletion marks on the
 * words it strikes and marked insertions for the words it adds. One id per contiguous change (a
 * replacement's deletion and insertion share it). Suggestions are inline, so a wording that changes
 * the paragraphs, or the brackets of words it keeps, is refused and nothing is written.
 */

/** Why a wording cannot be written as suggestions. */
export type WordingRefusal =
  /** Paragraphs, sub-paragraphs or options added, removed or changed in kind. */
  | 'paragraphs'
  /** Brackets added to or removed from words that stay. */
  | 'brackets'
  /** It would strike words another suggestion already strikes, or rewrite a selection holding open insertions. */
  | 'overlap'
  /** A paragraph laid out in a way the text form does not capture (several text runs, nested lists). */
  | 'layout'
  /** The wording is the text as it is. */
  | 'unchanged'

export type Suggester = Omit<SuggestionAttrs, 'id'>

/** One text node's range [from, to) and the line of the text form it should read. */
export interface LineTarget {
  readonly node: Y.XmlText
  readonly from: number
  readonly to: number
  readonly line: string
  /** Refuse when the range holds open insertions (a selection's wording includes them, the base text does not). */
  readonly noInsertions?: boolean
}

interface BaseChars {
  readonly text: string
  /** The Yjs index of each base character. */
  readonly at: readonly number[]
  /** The bracket attribute's value on each (undefined where none). */
  readonly bracket: readonly unknown[]
  /** Whether each already carries a deletion mark. */
  readonly struck: readonly boolean[]
  /** Whether the range holds open insertions (left out of the base text). */
  readonly inserted: boolean
}

interface DeltaOp {
  readonly insert?: unknown
  readonly attributes?: Record<string, unknown>
}

function baseChars(node: Y.XmlText, from: number, to: number): BaseChars {
  let text = ''
  const at: number[] = []
  const bracket: unknown[] = []
  const struck: boolean[] = []
  let inserted = false
  let index = 0
  for (const op of node.toDelta() as DeltaOp[]) {
    const piece = typeof op.insert === 'string' ? op.insert : null
    const length = piece?.length ?? 1
    for (let k = 0; k < length; k++, index++) {
      if (index < from || index >= to) continue
      // Embeds are not in the text form; open insertions are not in the base text.
      if (piece === null) continue
      if (op.attributes && INSERTION in op.attributes) {
        inserted = true
        continue
      }
      text += piece.charAt(k)
      at.push(index)
      bracket.push(op.attributes?.bracket)
      struck.push(op.attributes !== undefined && DELETION in op.attributes)
    }
  }
  return { text, at, bracket, struck, inserted }
}

/** A planned change: deletion marks on Yjs ranges, then insertions at one Yjs index. */
interface Change {
  readonly node: Y.XmlText
  readonly strike: readonly { readonly at: number; readonly length: number }[]
  readonly at: number
  readonly insert: readonly { readonly text: string; readonly bracket: unknown }[]
}

/** Contiguous runs of Yjs indices (base characters can be split by open insertions). */
function runs(indices: readonly number[]): { at: number; length: number }[] {
  const out: { at: number; length: number }[] = []
  for (const i of indices) {
    const last = out.at(-1)
    if (last && last.at + last.length === i) last.length++
    else out.push({ at: i, length: 1 })
  }
  return out
}

/** The word diff, a space between two changes counted in both ("one year" → "two years" is one change). */
interface Part {
  readonly value: string
  readonly added?: boolean
  readonly removed?: boolean
}

function wordChanges(from: string, to: string): Part[] {
  const parts: Part[] = diffWordsWithSpace(from, to)
  return parts.flatMap((part, k): Part[] => {
    const changed = (p: Part | undefined) => p !== undefined && (p.added === true || p.removed === true)
    if (part.added || part.removed || !/^\s+$/.test(part.value) || !changed(parts[k - 1]) || !changed(parts[k + 1])) return [part]
    return [{ value: part.value, removed: true }, { value: part.value, added: true }]
  })
}

function planLine(target: LineTarget, newBracket: () => unknown): Change[] | WordingRefusal {
  const base = baseChars(target.node, target.from, target.to)
  const want = charsOfLine(target.line)
  const changes: Change[] = []
  let i = 0
  let j = 0
  let open: { delFrom: number; delTo: number; insFrom: number; insTo: number } | null = null
  const close = (): WordingRefusal | null => {
    if (!open) return null
    const { delFrom, delTo, insFrom, insTo } = open
    open = null
    if (base.struck.slice(delFrom, delTo).some(Boolean)) return 'overlap'
    // The insertion goes right after the struck words, or after the base character before it.
    const before = delTo > delFrom ? delTo - 1 : delFrom - 1
    const at = before >= 0 ? (base.at[before] ?? 0) + 1 : target.from
    const joined = base.bracket[delFrom - 1] ?? base.bracket[delFrom] ?? base.bracket[delTo]
    const insert: { text: string; bracket: unknown }[] = []
    for (let k = insFrom; k < insTo; k++) {
      const bracketed = want.bracketed[k] ?? false
      const last = insert.at(-1)
      const value = bracketed ? (joined ?? newBracket()) : null
      if (last && (last.bracket !== null) === bracketed) insert[insert.length - 1] = { text: last.text + want.text.charAt(k), bracket: last.bracket }
      else insert.push({ text: want.text.charAt(k), bracket: value })
    }
    changes.push({ node: target.node, strike: runs(base.at.slice(delFrom, delTo)), at, insert })
    return null
  }
  for (const part of wordChanges(base.text, want.text)) {
    const length = part.value.length
    if (part.removed) {
      open ??= { delFrom: i, delTo: i, insFrom: j, insTo: j }
      open.delTo = i + length
      i += length
    } else if (part.added) {
      open ??= { delFrom: i, delTo: i, insFrom: j, insTo: j }
      open.insTo = j + length
      j += length
    } else {
      const refused = close()
      if (refused) return refused
      for (let k = 0; k < length; k++) if ((base.bracket[i + k] !== undefined) !== (want.bracketed[j + k] ?? false)) return 'brackets'
      i += length
      j += length
    }
  }
  const refused = close()
  if (refused) return refused
  if (changes.length > 0 && base.inserted && target.noInsertions) return 'overlap'
  return changes
}

/**
 * Plans then writes the suggestions that make each target read its line (all or nothing). Returns
 * the new suggestions' ids in text order, or why it cannot. Call inside one transaction.
 */
export function suggestLines(targets: readonly LineTarget[], by: Suggester): string[] | WordingRefusal {
  const newBracket = () => ({ states: by.state ? [by.state] : [] })
  const planned: Change[] = []
  for (const target of targets) {
    const changes = planLine(target, newBracket)
    if (typeof changes === 'string') return changes
    planned.push(...changes)
  }
  if (planned.length === 0) return 'unchanged'
  const ids = planned.map(() => newId())
  // Back to front in each node, so the indices of earlier changes stay true as text is inserted.
  for (let c = planned.length - 1; c >= 0; c--) {
    const change = planned[c]
    const id = ids[c]
    if (!change || !id) continue
    const attrs: SuggestionAttrs = { id, ...by }
    for (const run of change.strike) change.node.format(run.at, run.length, { [DELETION]: attrs })
    let at = change.at
    for (const piece of change.insert) {
      change.node.insert(at, piece.text, { [INSERTION]: attrs, [DELETION]: null, bracket: piece.bracket })
      at += piece.text.length
    }
  }
  return ids
}

function itemsOf(block: Block): readonly string[] {
  if (block.type === 'subparagraphs') return block.items
  if (block.type === 'options') return block.options
  return [block.text]
}

/** The paragraph-like nodes of a block, in line order (the node itself for a paragraph). */
function lineNodes(node: Y.XmlElement | Y.XmlText | Y.XmlHook, block: Block): readonly (Y.XmlElement | Y.XmlText | Y.XmlHook)[] {
  if (block.type === 'paragraph' || !(node instanceof Y.XmlElement)) return [node]
  return node.toArray()
}

/**
 * Writes into `body` the suggestions that turn its base text into `text` (text form), paragraph by
 * paragraph: the same paragraphs, sub-paragraphs and options in the same kinds, or 'paragraphs'.
 */
export function suggestBody(body: Y.XmlFragment, text: string, by: Suggester): string[] | WordingRefusal {
  const nodes = body.toArray()
  const have = bodyBlocks(body)
  // Empty paragraphs (a trailing Enter) have no line in the text form: they stay as they are.
  const kept = have.map((block, i) => ({ block, node: nodes[i] })).filter(({ block }) => !(block.type === 'paragraph' && block.text === ''))
  const want = textToBlocks(text)
  if (kept.length !== want.length) return 'paragraphs'
  const targets: LineTarget[] = []
  for (const [b, { block, node }] of kept.entries()) {
    const wanted = want[b]
    if (!wanted || !node || wanted.type !== block.type) return 'paragraphs'
    const haveLines = itemsOf(block)
    const wantLines = itemsOf(wanted)
    if (haveLines.length !== wantLines.length) return 'paragraphs'
    const children = lineNodes(node, block)
    for (const [k, line] of wantLines.entries()) {
      if (line === haveLines[k]) continue
      const child = children[k]
      const xmlText = child && children.length === haveLines.length ? lineText(child) : null
      if (!(xmlText instanceof Y.XmlText)) return 'layout'
      targets.push({ node: xmlText, from: 0, to: xmlText.length, line })
    }
  }
  return suggestLines(targets, by)
}
