/**
 * What every writer needs to print the States' suggestions: the section's words, a clause's text
 * with its open suggestions as lines of runs, and (for Word, whose provisions also carry the changes
 * since the compared revision) both kinds of tracked change merged into one run list.
 */
import { suggestionAction } from '../../../../shared/diff/suggestionText'
import type { AssembledSuggestion, AttributedOp, SuggestedOp, SuggestionFate } from '../../../../shared/report/types'
import { formatDate, roleLabel } from './format'

export const SUGGESTIONS_TITLE = 'Suggestions by State'
export const NO_SUGGESTIONS = 'No suggestions.'
export const SUGGESTIONS_KEY = 'Open suggestions are shown in the provisions as tracked changes named after their State; they are not part of the text until accepted.'

const FATE_LABELS: Record<SuggestionFate, string> = { open: 'Open', accepted: 'Accepted', rejected: 'Rejected', withdrawn: 'Withdrawn' }

/** "Article 3: insert “promptly”". */
export function suggestionWhat(s: AssembledSuggestion): string {
  return `${s.clauseLabel}: ${suggestionAction(s)}`
}

/** "Amina Otieno, 1 December 2026". */
export function suggestionBy(s: AssembledSuggestion): string {
  return `${s.by.name}, ${formatDate(s.at)}`
}

/** "Open", "Accepted by Dewi Lestari (Rapporteur) on 3 December 2026", "Withdrawn on …". */
export function suggestionFate(s: AssembledSuggestion): string {
  const by = s.decidedBy && s.status !== 'withdrawn' ? ` by ${s.decidedBy.name} (${roleLabel(s.decidedBy.role)})` : ''
  const on = s.decidedAt ? ` on ${formatDate(s.decidedAt)}` : ''
  return s.status === 'open' ? FATE_LABELS.open : `${FATE_LABELS[s.status]}${by}${on}`
}

/** One line of a clause with suggestions: its label ("(a)", "Option A:") apart, as clauseLines gives it. */
export interface SuggestedLine {
  readonly kind: 'paragraph' | 'subparagraph' | 'option'
  readonly label: string | null
  readonly ops: readonly SuggestedOp[]
}

const LABEL = /^(\([a-z]{1,2}\)|Option [A-Z]{1,2}:) $/

/** The runs split into lines at their "\n" runs, each line's label taken off its first run. */
export function suggestedLines(ops: readonly SuggestedOp[]): SuggestedLine[] {
  const lines: SuggestedOp[][] = [[]]
  for (const op of ops) {
    if (op.text === '\n') lines.push([])
    else (lines[lines.length - 1] as SuggestedOp[]).push(op)
  }
  return lines.map((line) => {
    const first = line[0]
    const match = first && first.op === 'equal' ? LABEL.exec(first.text) : null
    if (!match?.[1]) return { kind: 'paragraph', label: null, ops: line }
    return { kind: match[1].startsWith('(') ? 'subparagraph' : 'option', label: match[1], ops: line.slice(1) }
  })
}

/** The base text a run list rests on: its equal runs and those of the given kind. */
function baseText(ops: readonly { op: string; text: string }[], consumes: 'insert' | 'delete'): string {
  return ops.filter((o) => o.op === 'equal' || o.op === consumes).map((o) => o.text).join('')
}

/**
 * The changes since the compared revision (`diff`: its equal and insert runs are the base text) and
 * the open suggestions (`suggested`: its equal and delete runs are the base text) as one run list
 * for tracked changes. A suggested deletion of text inserted since the compared revision stays an
 * insertion (Word cannot attribute one run to both); the suggestions section still lists it.
 * Returns `diff` unchanged when the two do not rest on the same base text.
 */
export function mergeTracked(diff: readonly AttributedOp[], suggested: readonly SuggestedOp[]): SuggestedOp[] {
  const plain = diff.map((o) => ({ ...o, suggestion: null, state: null }))
  if (baseText(diff, 'insert') !== baseText(suggested, 'delete')) return plain
  const out: SuggestedOp[] = []
  let d = 0
  let dAt = 0
  let s = 0
  let sAt = 0
  const push = (op: SuggestedOp) => {
    if (op.text !== '') out.push(op)
  }
  while (d < diff.length || s < suggested.length) {
    const dOp = diff[d]
    const sOp = suggested[s]
    // Runs outside the base text first: the old text a change removed, then the text a suggestion adds.
    if (dOp?.op === 'delete') {
      push({ ...dOp, suggestion: null, state: null })
      d++
      continue
    }
    if (sOp?.op === 'insert') {
      push(sOp)
      s++
      continue
    }
    if (!dOp || !sOp) break
    const size = Math.min(dOp.text.length - dAt, sOp.text.length - sAt)
    const text = dOp.text.slice(dAt, dAt + size)
    if (dOp.op === 'insert') push({ op: 'insert', text, author: dOp.author, at: dOp.at, suggestion: null, state: null })
    else if (sOp.op === 'delete') push({ ...sOp, text })
    else push({ op: 'equal', text, author: null, at: null, suggestion: null, state: null })
    dAt += size
    sAt += size
    if (dAt === dOp.text.length) {
      d++
      dAt = 0
    }
    if (sAt === sOp.text.length) {
      s++
      sAt = 0
    }
  }
  return out
}
