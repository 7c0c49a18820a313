import { charsOf, lineOf, rewriteRange } from '../draft/textEdit'
import type { SpanResolution } from './anchor'

type Resolved = Extract<SpanResolution, { state: 'ok' }>

/** The runs a span covers, each with the character range inside it. */
export function pieces(span: Resolved) {
  const out = []
  for (let i = span.start.run; i <= span.end.run; i++) {
    const run = span.runs[i]
    if (!run) continue
    const from = i === span.start.run ? span.start.offset : 0
    const to = i === span.end.run ? span.end.offset : run.node.length
    out.push({ node: run.node, from, to })
  }
  return out
}

/** The span's wording in the text form: brackets as "[…]", one line per paragraph it covers. */
export function spanTextForm(span: Resolved): string {
  return pieces(span)
    .map((p) => lineOf(charsOf(p.node), p.from, p.to))
    .join('\n')
}

/**
 * Rewrites the span word by word toward `text` (text form). False, and nothing changed, when the
 * new wording has another number of paragraphs than the span covers (that needs a hand edit).
 */
export function rewriteSpan(span: Resolved, text: string, states: readonly string[] = []): boolean {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  const covered = pieces(span)
  if (lines.length !== covered.length) return false
  // Back to front, so the offsets of earlier pieces stay valid while later ones change.
  for (let i = covered.length - 1; i >= 0; i--) {
    const piece = covered[i]
    if (piece) rewriteRange(piece.node, piece.from, piece.to, lines[i] ?? '', states)
  }
  return true
}
