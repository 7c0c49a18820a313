/**
 * The report's numbered paragraphs, as a secretariat numbers them: the free sections (introduction,
 * conclusions …) and the summary, 1, 2, 3 … straight through, so a delegate can cite "paragraph 4".
 * The provisions, the tables and the comments keep their own structure and are not numbered.
 */
import { summaryLines } from './format'
import { type RichParagraph, parseRichText } from './richText'
import type { AssembledReport } from '../../../../shared/report/types'

export interface NumberedParagraph {
  readonly number: number
  readonly runs: RichParagraph
}

export interface NumberedReport {
  readonly sections: readonly { readonly heading: string; readonly paragraphs: readonly NumberedParagraph[] }[]
  readonly summary: readonly { readonly number: number; readonly text: string }[]
}

export function numberedParagraphs(report: AssembledReport): NumberedReport {
  let n = 0
  const sections = report.sections.map((s) => ({ heading: s.heading, paragraphs: parseRichText(s.body).map((runs) => ({ number: ++n, runs })) }))
  const summary = summaryLines(report).map((text) => ({ number: ++n, text }))
  return { sections, summary }
}
