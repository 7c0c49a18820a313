import { FootnoteReferenceRun, HeadingLevel, Paragraph, TextRun } from 'docx'
import type { AssembledReport } from '../../../../shared/report/types'
import { cleanText } from '../common/escape'
import { NO_STATEMENTS, STATEMENTS_TITLE, statementSentence } from '../common/statements'

type Footnotes = Record<string, { children: Paragraph[] }>

/** Statements on record as real Word footnotes (word/footnotes.xml), numbered in report order, referenced from their clause (null: the whole draft). */
export function statementFootnotes(report: AssembledReport): { footnotes: Footnotes; refs: (clauseId: string | null) => FootnoteReferenceRun[] } {
  const footnotes: Footnotes = {}
  const byClause = new Map<string | null, number[]>()
  for (const [index, s] of (report.statements ?? []).entries()) {
    const id = index + 1
    footnotes[String(id)] = { children: [new Paragraph({ children: [new TextRun(cleanText(statementSentence(s)))] })] }
    byClause.set(s.clauseId, [...(byClause.get(s.clauseId) ?? []), id])
  }
  return { footnotes, refs: (clauseId) => (byClause.get(clauseId) ?? []).map((id) => new FootnoteReferenceRun(id)) }
}

/** The annex listing every statement on record. */
export function statementsSection(report: AssembledReport): Paragraph[] {
  const statements = report.statements ?? []
  const head = new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(STATEMENTS_TITLE)] })
  if (statements.length === 0) return [head, new Paragraph({ children: [new TextRun({ text: NO_STATEMENTS, italics: true })] })]
  return [head, ...statements.map((s) => new Paragraph({ children: [new TextRun(cleanText(statementSentence(s)))] }))]
}
