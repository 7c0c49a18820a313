/**
 * What the "changes since" table prints for a clause: only what changed. A renumbered clause has no
 * text at all (its label says "Article 5 (formerly Article 4)"); a modified one shows the changed
 * words with a few words of context on each side, the rest elided ("…"), and unchanged paragraphs
 * left out; an added or removed clause shows its whole text. After each change comes a note naming
 * its author, so who changed what survives printing in black and white.
 */
import { diffParagraphs } from './lines'
import type { AssembledChange, AttributedOp } from '../../../../shared/report/types'
import { changeAuthor } from './format'

/** Words of unchanged text kept on each side of a change. */
export const CONTEXT_WORDS = 6

export type ChangePiece =
  | { readonly kind: 'op'; readonly op: AttributedOp }
  /** Unchanged text left out; `text` is "…" with the spacing it needs where it stands. */
  | { readonly kind: 'elision'; readonly text: string }
  /** The author of the change just before (a State, or "Rapporteur"). */
  | { readonly kind: 'note'; readonly author: string }

export type ChangeLine = readonly ChangePiece[]

export interface ChangeText {
  /** The heading's word diff, when the heading changed. */
  readonly heading: ChangeLine | null
  /** "Status: proposed → agreed", when the status changed. */
  readonly status: string | null
  /** The changed paragraphs (all of them for an added or removed clause). */
  readonly body: readonly ChangeLine[]
}

// A sub-paragraph or option label, kept even when the words after it are elided.
const LABEL = /^(\([a-z]{1,2}\)|Option [A-Z]{1,2}:)\s+/
const WORDS = /\s*\S+\s*/g

const statusLabel = (status: string) => status.replace(/-/g, ' ')

const op = (o: AttributedOp): ChangePiece => ({ kind: 'op', op: o })
const equal = (text: string): ChangePiece => op({ op: 'equal', text, author: null, at: null })
const endsWithSpace = (pieces: readonly ChangePiece[]) => {
  const last = pieces.at(-1)
  return !last || (last.kind === 'op' && /\s$/.test(last.op.text)) || (last.kind === 'elision' && /\s$/.test(last.text))
}

/** One changed paragraph, its unchanged runs cut down to their context. */
function excerpt(ops: readonly AttributedOp[]): ChangePiece[] {
  const out: ChangePiece[] = []
  const label = LABEL.exec(ops.map((o) => (o.op === 'delete' ? '' : o.text)).join(''))?.[0] ?? null
  ops.forEach((o, i) => {
    if (o.op !== 'equal') {
      out.push(op(o))
      return
    }
    const words = o.text.match(WORDS) ?? []
    const first = i === 0
    const last = i === ops.length - 1
    const keep = first || last ? CONTEXT_WORDS : 2 * CONTEXT_WORDS + 1
    if (words.length <= keep) {
      out.push(op(o))
      return
    }
    if (!first) out.push(equal(words.slice(0, CONTEXT_WORDS).join('')))
    if (first && label && o.text.startsWith(label)) out.push(equal(label))
    out.push({ kind: 'elision', text: `${endsWithSpace(out) ? '' : ' '}…${last ? '' : ' '}` })
    if (!last) out.push(equal(words.slice(-CONTEXT_WORDS).join('')))
  })
  return out
}

/** A note after each run of changes by one author. */
function annotate(pieces: readonly ChangePiece[]): ChangePiece[] {
  const out: ChangePiece[] = []
  pieces.forEach((piece, i) => {
    out.push(piece)
    if (piece.kind !== 'op' || piece.op.op === 'equal') return
    const next = pieces[i + 1]
    const author = changeAuthor(piece.op.author)
    if (next?.kind === 'op' && next.op.op !== 'equal' && changeAuthor(next.op.author) === author) return
    // The note hugs the changed words; the spaces that end them follow it, unmarked (an underlined space reads as "_").
    const [, words, space] = /^([\s\S]*?\S)(\s+)$/.exec(piece.op.text) ?? []
    if (words && space) {
      out.pop()
      out.push(op({ ...piece.op, text: words }), { kind: 'note', author }, equal(space))
    } else out.push({ kind: 'note', author })
  })
  return out
}

/** Only what changed in the clause, ready for any format to print. */
export function changeText(change: AssembledChange): ChangeText {
  const whole = change.changes.includes('added') || change.changes.includes('removed')
  const headingChanged = change.heading.some((o) => o.op !== 'equal')
  const status = change.changes.includes('status') && change.statusBefore && change.statusAfter ? `Status: ${statusLabel(change.statusBefore)} → ${statusLabel(change.statusAfter)}` : null
  const body: ChangeLine[] = []
  if (whole || change.changes.includes('body')) {
    for (const paragraph of diffParagraphs(change.body)) {
      const brk = paragraph.breakAfter && paragraph.breakAfter.op !== 'equal' ? paragraph.breakAfter : null
      // A paragraph split or joined: the break itself is the change, shown as a pilcrow.
      const ops = brk ? [...paragraph.ops, { ...brk, text: ' ¶' }] : paragraph.ops
      if (ops.length === 0 || (!whole && ops.every((o) => o.op === 'equal'))) continue
      body.push(annotate(whole ? ops.map(op) : excerpt(ops)))
    }
  }
  return { heading: headingChanged ? annotate(change.heading.map(op)) : null, status, body }
}

/** Authors in the order their changes first appear in the table: the legend's order. */
export function changeAuthorsInOrder(changes: readonly AssembledChange[]): string[] {
  const seen = new Set<string>()
  for (const change of changes) {
    for (const o of [...change.heading, ...change.body]) if (o.op !== 'equal') seen.add(changeAuthor(o.author))
  }
  return [...seen]
}

/** Dark colours (at least 4.5:1 on white), one per author in legend order; repeated beyond eight. */
const PALETTE: readonly AuthorColour[] = [
  { hex: '0B57D0', name: 'blue' },
  { hex: 'B3261E', name: 'red' },
  { hex: '146C2E', name: 'green' },
  { hex: '7B1FA2', name: 'purple' },
  { hex: '8A4B00', name: 'brown' },
  { hex: '00696F', name: 'teal' },
  { hex: 'A0235C', name: 'magenta' },
  { hex: '4E5B00', name: 'olive' },
]

export interface AuthorColour {
  /** Six hex digits, no "#". */
  readonly hex: string
  /** What the legend calls it, so the legend reads without colour too. */
  readonly name: string
}

/** Each author's colour, in legend order. */
export function authorColours(changes: readonly AssembledChange[]): Map<string, AuthorColour> {
  return new Map(changeAuthorsInOrder(changes).map((author, i) => [author, PALETTE[i % PALETTE.length] as AuthorColour]))
}
