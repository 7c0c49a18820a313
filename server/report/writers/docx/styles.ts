/**
 * The Word document's house style, as a secretariat circulates a report: black serif headings (not
 * Word's default blue), paragraphs numbered 1, 2, 3 … straight through, the symbol, date and
 * "Original: English" top right of the first page, the symbol in the header of the pages after it,
 * and page numbers.
 */
import { AlignmentType, BorderStyle, Footer, Header, type IStylesOptions, type INumberingOptions, LevelFormat, PageNumber, Paragraph, type ParagraphChild, TextRun } from 'docx'
import { cleanText as t } from '../common/escape'
import { mastheadLines } from '../common/sentences'
import type { AssembledReport } from '../../../../shared/report/types'

export const FONT = 'Times New Roman'
const HEADING_RUN = { font: FONT, color: '000000', bold: true }
// Sizes are in half-points; spacing in twentieths of a point.
const heading = (size: number, before: number, extra: { italics?: boolean } = {}) => ({
  run: { ...HEADING_RUN, size, ...extra },
  paragraph: { spacing: { before, after: 120 }, keepNext: true, keepLines: true },
})

export const STYLES: IStylesOptions = {
  default: {
    document: { run: { font: FONT, size: 22, color: '000000' } },
    title: heading(32, 240),
    heading1: heading(26, 360),
    heading2: heading(24, 280),
    heading3: heading(22, 240),
    heading4: heading(22, 200, { italics: true }),
    heading5: heading(22, 160, { italics: true }),
    heading6: heading(22, 160, { italics: true }),
  },
}

/** The one numbering of the report's own paragraphs (introduction, other sections, summary). */
export const PARAGRAPH_NUMBERING = 'report-paragraphs'

export const NUMBERING: INumberingOptions = {
  config: [
    {
      reference: PARAGRAPH_NUMBERING,
      levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 567, hanging: 567 } } } }],
    },
  ],
}

/** A paragraph numbered in the report's sequence; Word counts, so the numbers follow any edit. */
export function numberedParagraph(children: ParagraphChild[]): Paragraph {
  return new Paragraph({ numbering: { reference: PARAGRAPH_NUMBERING, level: 0 }, children, spacing: { after: 120 } })
}

/** Symbol, date and original language, right-aligned above a rule at the top of the first page. */
export function masthead(report: AssembledReport): Paragraph[] {
  const line = (children: TextRun[], last = false) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      children,
      ...(last ? { border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: '000000', space: 4 } }, spacing: { after: 360 } } : {}),
    })
  const m = mastheadLines(report)
  return [
    ...(m.symbol ? [line([new TextRun({ text: t(m.symbol), bold: true, size: 28 })])] : []),
    line([new TextRun(t(m.date))]),
    line([new TextRun(m.original)], true),
  ]
}

const pageNumber = () => new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] })] })

/** The first page carries the masthead in its text; the pages after it carry the symbol in their header. */
export function pageFurniture(report: AssembledReport) {
  return {
    properties: { titlePage: true },
    headers: {
      first: new Header({ children: [new Paragraph('')] }),
      default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: t(report.symbol ?? ''), bold: true })] })] }),
    },
    footers: { first: pageNumber(), default: pageNumber() },
  }
}
