/**
 * The States' suggestions in the HTML report: open ones inline in the provisions (`<ins>`/`<del>`
 * titled with the State, the State named after each in a note that survives black-and-white
 * printing), and the "Suggestions by State" section with every suggestion's fate.
 */
import type { AssembledReport, SuggestedOp } from '../../../../shared/report/types'
import { escapeXml as esc } from '../common/escape'
import { bracketParts } from '../common/lines'
import { NO_SUGGESTIONS, SUGGESTIONS_KEY, SUGGESTIONS_TITLE, suggestedLines, suggestionBy, suggestionFate, suggestionWhat } from '../common/suggestions'

export const SUGGESTIONS_CSS = `
.suggestion { color: #5b3fa8; }
.suggestion-note { color: #5b3fa8; }
.fate-rejected { color: #7a2a00; }
`

/** One run; `note`: name the State after it (once per suggestion: a replacement's deletion leaves it to its insertion). */
function run(op: SuggestedOp, note: boolean): string {
  if (op.op === 'equal') return bracketParts(op.text).map((p) => (p.bracketed ? `<span class="bracket">${esc(p.text)}</span>` : esc(p.text))).join('')
  const tag = op.op === 'insert' ? 'ins' : 'del'
  const who = op.author ?? ''
  const sup = note ? `<sup class="note suggestion-note">${esc(who)}</sup>` : ''
  return `<${tag} class="suggestion" data-suggestion="${esc(op.suggestion ?? '')}" title="${esc(`Suggested by ${who}`)}">${esc(op.text)}</${tag}>${sup}`
}

/** A clause's text with its open suggestions, laid out as clauseText lays out plain text. */
export function suggestedClauseText(ops: readonly SuggestedOp[]): string {
  return suggestedLines(ops)
    .map((line) => {
      const html = line.ops.map((op, i) => run(op, line.ops[i + 1]?.suggestion !== op.suggestion)).join('')
      if (line.kind === 'paragraph') return `<p>${html}</p>`
      return `<p class="${line.kind === 'subparagraph' ? 'sub' : 'option'}">${esc(line.label ?? '')} ${html}</p>`
    })
    .join('\n')
}

/** The line under the provisions' heading when any clause has open suggestions. */
export function suggestionsKey(report: AssembledReport): string {
  return report.clauses.some((c) => c.suggested) ? `<p class="muted">${esc(SUGGESTIONS_KEY)}</p>\n` : ''
}

export function suggestionsSection(report: AssembledReport): string {
  const head = `<h2 id="suggestions">${SUGGESTIONS_TITLE}</h2>`
  if (report.suggestions.length === 0) return `${head}\n<p class="muted">${NO_SUGGESTIONS}</p>`
  const groups = report.suggestions.map((g) => {
    const items = g.suggestions.map((s) => {
      const reason = s.reason ? ` <span class="muted">Reason: ${esc(s.reason)}</span>` : ''
      return `<li data-suggestion="${esc(s.id)}" data-status="${s.status}">${esc(suggestionWhat(s))} <span class="muted">(${esc(suggestionBy(s))})</span>. <strong class="fate-${s.status}">${esc(suggestionFate(s))}</strong>.${reason}</li>`
    })
    return `<h3>${esc(g.label)}</h3>\n<ul class="suggestions">\n${items.join('\n')}\n</ul>`
  })
  return `${head}\n${groups.join('\n')}`
}
