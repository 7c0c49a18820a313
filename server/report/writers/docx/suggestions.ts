/** The "Suggestions by State" section of the Word report: per State, each suggestion and its fate. */
import { Paragraph, TextRun } from 'docx'
import type { AssembledReport } from '../../../../shared/report/types'
import { cleanText as t } from '../common/escape'
import { NO_SUGGESTIONS, SUGGESTIONS_TITLE, suggestionBy, suggestionFate, suggestionWhat } from '../common/suggestions'

export function suggestionsSection(report: AssembledReport, heading: (text: string) => Paragraph): Paragraph[] {
  const out = [heading(SUGGESTIONS_TITLE)]
  if (report.suggestions.length === 0) return [...out, new Paragraph({ children: [new TextRun({ text: NO_SUGGESTIONS, italics: true })] })]
  for (const group of report.suggestions) {
    out.push(new Paragraph({ children: [new TextRun({ text: t(group.label), bold: true })] }))
    for (const s of group.suggestions) {
      const reason = s.reason ? [new TextRun({ text: t(` Reason: ${s.reason}`), italics: true })] : []
      out.push(
        new Paragraph({
          bullet: { level: 0 },
          children: [new TextRun(t(`${suggestionWhat(s)} (${suggestionBy(s)}). `)), new TextRun({ text: t(suggestionFate(s)), bold: true }), new TextRun('.'), ...reason],
        }),
      )
    }
  }
  return out
}
