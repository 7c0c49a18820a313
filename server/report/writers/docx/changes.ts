/**
 * The "changes since" table of the Word report: per clause only what changed, as formatted text
 * (the tracked changes themselves live in the provisions). Each change is in its author's colour
 * and followed by the author's name in superscript, so the authors read in any print; a legend of
 * the colours comes first.
 */
import { Paragraph, type ParagraphChild, Table, TableCell, TableRow, TextRun, WidthType } from 'docx'
import { type AuthorColour, type ChangeLine, authorColours } from '../common/changeText'
import { cleanText as t } from '../common/escape'
import { changeAuthor } from '../common/format'
import { CHANGES_COLUMNS, NO_CHANGE, TITLES, changeRow } from '../common/sentences'
import type { AssembledReport } from '../../../../shared/report/types'

const para = (text: string, options: { bold?: boolean; italics?: boolean } = {}) => new Paragraph({ children: [new TextRun({ text: t(text), ...options })] })

function cell(children: Paragraph[], header = false): TableCell {
  return new TableCell({ children: children.length ? children : [new Paragraph('')], shading: header ? { fill: 'EEEEEE' } : undefined })
}

/** A table with a repeated header row. */
export function table(head: string[], rows: Paragraph[][][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell([para(h, { bold: true })], true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: false, children: r.map((c) => cell(c)) })),
    ],
  })
}

function runs(line: ChangeLine, colours: ReadonlyMap<string, AuthorColour>, bold = false): ParagraphChild[] {
  const colour = (author: string | null) => colours.get(changeAuthor(author))?.hex
  // Bold only where asked: a run that says `w:b="false"` would override the cell's own style.
  const b = bold || undefined
  return line.map((piece) => {
    if (piece.kind === 'elision') return new TextRun({ text: piece.text, color: '555555', bold: b })
    if (piece.kind === 'note') return new TextRun({ text: t(piece.author), superScript: true, italics: true, color: colours.get(piece.author)?.hex })
    const op = piece.op
    if (op.op === 'equal') return new TextRun({ text: t(op.text), bold: b })
    return new TextRun({ text: t(op.text), bold: b, underline: op.op === 'insert' ? {} : undefined, strike: op.op === 'delete' || undefined, color: colour(op.author) })
  })
}

export function changesSection(report: AssembledReport, heading: (text: string) => Paragraph): (Paragraph | Table)[] {
  if (!report.changes || !report.compare) return []
  const compareNumber = report.compare.number
  const out: (Paragraph | Table)[] = [heading(TITLES.changes(compareNumber))]
  if (report.changes.clauses.length === 0) return [...out, para(NO_CHANGE)]
  const colours = authorColours(report.changes.clauses)
  if (colours.size) {
    const legend: ParagraphChild[] = [new TextRun({ text: 'Authors of the changes, each in its colour and named after each change: ', italics: true })]
    ;[...colours.entries()].forEach(([author, c], i) => legend.push(new TextRun({ text: i ? '; ' : '' }), new TextRun({ text: t(author), bold: true, color: c.hex }), new TextRun(` (${c.name})`)))
    out.push(new Paragraph({ children: legend }))
  }
  out.push(para('Only what changed is shown: inserted words underlined, deleted words struck through, unchanged text left out marked “…”.', { italics: true }))
  const rows = report.changes.clauses.map((c) => {
    const { provision, kinds, authors: by, text } = changeRow(c, compareNumber)
    const what = [
      ...(text.heading ? [new Paragraph({ children: runs(text.heading, colours, true) })] : []),
      ...(text.status ? [para(text.status)] : []),
      ...text.body.map((line) => new Paragraph({ children: runs(line, colours) })),
    ]
    return [[para(provision)], [para(kinds), ...(by.length ? [para(by.join(', '), { italics: true })] : [])], what]
  })
  out.push(table([...CHANGES_COLUMNS], rows))
  return out
}
