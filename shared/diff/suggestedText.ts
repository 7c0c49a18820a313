import * as Y from 'yjs'
import { optionLabel, subparagraphLabel } from '../draft/blocks'
import { type SuggestionAttrs, suggestionOf } from '../draft/suggestions'
import type { WordOpKind } from './types'

/**
 * A clause body's plain-text form (shared/draft/blocks.ts) with its open suggestions as runs:
 * keeping the `equal` and `delete` runs gives the base text (`bodyText`), keeping the `equal` and
 * `insert` runs the text with every suggestion accepted. A "\n" is a run of its own, and a line's
 * label ("(a) ", "Option A: ") too, so writers can lay the lines out as they lay out `text`.
 */
export interface SuggestedRun {
  readonly op: WordOpKind
  readonly text: string
  /** The suggestion an `insert` or `delete` run belongs to. */
  readonly suggestion: SuggestionAttrs | null
}

interface DeltaOp {
  insert?: unknown
  attributes?: Record<string, unknown>
}

type Line = SuggestedRun[]

function textRuns(node: Y.XmlText): Line {
  const out: Line = []
  for (const op of node.toDelta() as DeltaOp[]) {
    if (typeof op.insert !== 'string') continue
    // As bodyText writes them: a bracket mark becomes literal "[…]".
    const text = op.attributes && 'bracket' in op.attributes ? `[${op.insert}]` : op.insert
    const { insertion, deletion } = suggestionOf(op.attributes)
    out.push(insertion ? { op: 'insert', text, suggestion: insertion } : deletion ? { op: 'delete', text, suggestion: deletion } : { op: 'equal', text, suggestion: null })
  }
  return out
}

function inlineRuns(node: Y.XmlElement | Y.XmlText | Y.XmlHook): Line {
  if (node instanceof Y.XmlText) return textRuns(node)
  if (node instanceof Y.XmlElement) return node.toArray().flatMap(inlineRuns)
  return []
}

const label = (text: string): SuggestedRun => ({ op: 'equal', text, suggestion: null })

/** The lines of a body or an option, structured as bodyBlocks reads them. */
function lines(parent: Y.XmlFragment | Y.XmlElement): Line[] {
  const out: Line[] = []
  for (const node of parent.toArray()) {
    if (node instanceof Y.XmlElement && (node.nodeName === 'orderedList' || node.nodeName === 'bulletList')) {
      node.toArray().forEach((item, i) => out.push([label(`(${subparagraphLabel(i)}) `), ...inlineRuns(item)]))
    } else if (node instanceof Y.XmlElement && node.nodeName === 'options') {
      node.toArray().forEach((option, i) => {
        // One line per option: its own lines joined by a space.
        const inner = option instanceof Y.XmlElement ? lines(option) : [inlineRuns(option)]
        out.push([label(`Option ${optionLabel(i)}: `), ...inner.flatMap((l, k) => (k > 0 ? [label(' '), ...l] : l))])
      })
    } else out.push(inlineRuns(node))
  }
  return out
}

/** Adjacent runs of one kind and one suggestion merged (labels stay apart: writers strip them). */
function merge(runs: readonly SuggestedRun[]): SuggestedRun[] {
  const out: SuggestedRun[] = []
  for (const run of runs) {
    if (run.text === '') continue
    const last = out.at(-1)
    if (last && last.op === run.op && run.op !== 'equal' && last.suggestion?.id === run.suggestion?.id) out[out.length - 1] = { ...last, text: last.text + run.text }
    else out.push(run)
  }
  return out
}

/** The body's text with its open suggestions, or null when it has none. */
export function suggestedRuns(body: Y.XmlFragment | null): SuggestedRun[] | null {
  if (!body) return null
  const all = lines(body)
  if (!all.some((line) => line.some((run) => run.suggestion !== null))) return null
  return merge(all.flatMap((line, i) => (i > 0 ? [{ op: 'equal', text: '\n', suggestion: null }, ...line] : line)))
}
