/**
 * The States' suggestions in the Markdown report, in CriticMarkup (which Markdown editors such as
 * iA Writer, Obsidian plugins and pandoc filters read): `{++text++}[KEN]` a suggested insertion,
 * `{--text--}[KEN]` a deletion, `{~~old~>new~~}[KEN]` a replacement, the State's code after each
 * (the suggester's name for one without a State); then the "Suggestions by State" section.
 */
import type { AssembledReport, SuggestedOp } from '../../../../shared/report/types'
import { escapeMarkdown, escapeMarkdownInline, guardLineStart } from '../common/escape'
import { NO_SUGGESTIONS, SUGGESTIONS_KEY, SUGGESTIONS_TITLE, suggestedLines, suggestionBy, suggestionFate, suggestionWhat } from '../common/suggestions'

// Braces escaped too inside the markup, so user text can neither open nor close it.
const inline = (text: string) => escapeMarkdownInline(text).replace(/[{}]/g, (c) => `\\${c}`)
const who = (op: SuggestedOp) => `[${inline(op.state ?? op.author ?? '')}]`

function line(ops: readonly SuggestedOp[]): string {
  const out: string[] = []
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as SuggestedOp
    const next = ops[i + 1]
    if (op.op === 'equal') out.push(inline(op.text))
    else if (op.op === 'delete' && next?.op === 'insert' && next.suggestion !== null && next.suggestion === op.suggestion) {
      out.push(`{~~${inline(op.text)}~>${inline(next.text)}~~}${who(op)}`)
      i++
    } else out.push(op.op === 'insert' ? `{++${inline(op.text)}++}${who(op)}` : `{--${inline(op.text)}--}${who(op)}`)
  }
  return out.join('')
}

/** A clause's text with its open suggestions, one paragraph per line as clauseText writes them. */
export function suggestedClauseText(ops: readonly SuggestedOp[]): string[] {
  return suggestedLines(ops).flatMap((l) => [l.label ? `${escapeMarkdownInline(l.label)} ${line(l.ops)}` : guardLineStart(line(l.ops)), ''])
}

export function suggestionsKey(report: AssembledReport): string[] {
  return report.clauses.some((c) => c.suggested) ? [`*${SUGGESTIONS_KEY} CriticMarkup: {++inserted++}, {--deleted--}, {~~replaced~>by~~}, each followed by the State.*`.replace(/[{}~]/g, (c) => `\\${c}`), ''] : []
}

export function suggestionsSection(report: AssembledReport): string[] {
  const out = [`## ${SUGGESTIONS_TITLE}`, '']
  if (report.suggestions.length === 0) return [...out, NO_SUGGESTIONS, '']
  for (const g of report.suggestions) {
    out.push(`### ${escapeMarkdown(g.label)}`, '')
    for (const s of g.suggestions) {
      const reason = s.reason ? ` Reason: ${escapeMarkdownInline(s.reason)}` : ''
      out.push(`- ${escapeMarkdownInline(suggestionWhat(s))} (${escapeMarkdownInline(suggestionBy(s))}). **${escapeMarkdownInline(suggestionFate(s))}**.${reason}`)
    }
    out.push('')
  }
  return out
}
