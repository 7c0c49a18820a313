/**
 * The minutes as a Word document (the `docx` package), in the report's house style (its styles and
 * table). Changes and open suggestions are formatted text (underlined, struck through), not tracked
 * changes: minutes record what happened, they are not a text to review.
 */
import { Document, HeadingLevel, type IRunOptions, Packer, Paragraph, type ParagraphChild, type Table, TextRun } from 'docx'
import type { Minutes, MinutesClause, MinutesTextClause } from '../../../shared/meetingMinutes'
import type { SuggestedOp } from '../../../shared/report/types'
import type { ChangeLine } from '../../report/writers/common/changeText'
import { cleanText as t } from '../../report/writers/common/escape'
import { clauseTitle, formatTimestamp } from '../../report/writers/common/format'
import { bracketParts, clauseLines } from '../../report/writers/common/lines'
import { CHANGES_COLUMNS } from '../../report/writers/common/sentences'
import { statementSentence } from '../../report/writers/common/statements'
import { SUGGESTIONS_KEY, suggestedLines } from '../../report/writers/common/suggestions'
import { table } from '../../report/writers/docx/changes'
import { STYLES } from '../../report/writers/docx/styles'
import {
  CHANGES_KEY,
  MINUTES_TITLES,
  NO_CHANGES,
  NO_CLAUSES,
  NO_DECISIONS,
  NO_STATES,
  PROVISIONAL,
  attendeeLine,
  changesSourceLine,
  changesSummaryLine,
  decisionDetail,
  minutesChangeRow,
  minutesHeading,
  occasionLine,
  particularLines,
  screenLine,
  speakerLine,
} from './words'

type Block = Paragraph | Table
type Level = (typeof HeadingLevel)[keyof typeof HeadingLevel]

const INDENT = { left: 567 } // 1 cm
const SUGGESTION_COLOUR = '5B3FA8'

// Options typed as run options only: docx's TextRun also takes a string, and lint would read `bold` as String#bold.
const run = (options: IRunOptions) => new TextRun(options)
const para = (text: string, options: { bold?: boolean; italics?: boolean } = {}) => new Paragraph({ children: [run({ text: t(text), ...options })] })
const heading = (text: string, level: Level) => new Paragraph({ heading: level, children: [new TextRun(t(text))] })
const bullet = (children: ParagraphChild[]) => new Paragraph({ bullet: { level: 0 }, children })
const bracketRuns = (text: string) => bracketParts(t(text)).map((p) => run({ text: p.text, bold: p.bracketed || undefined }))

function suggestedRun(op: SuggestedOp, note: boolean): ParagraphChild[] {
  if (op.op === 'equal') return bracketRuns(op.text)
  const marked = run({ text: t(op.text), color: SUGGESTION_COLOUR, underline: op.op === 'insert' ? {} : undefined, strike: op.op === 'delete' || undefined })
  return note ? [marked, run({ text: t(op.author ?? ''), superScript: true, italics: true, color: SUGGESTION_COLOUR })] : [marked]
}

function clauseParagraphs(clause: MinutesTextClause): Paragraph[] {
  if (clause.suggested) {
    return suggestedLines(clause.suggested).map(
      (line) =>
        new Paragraph({
          children: [...(line.label ? [new TextRun(`${line.label} `)] : []), ...line.ops.flatMap((op, i) => suggestedRun(op, line.ops[i + 1]?.suggestion !== op.suggestion))],
          indent: line.kind === 'paragraph' ? undefined : INDENT,
        }),
    )
  }
  const lines = clauseLines(clause.text)
  if (lines.length === 0) return [para('(no text)', { italics: true })]
  return lines.map((l) => new Paragraph({ children: l.label ? [new TextRun(`${l.label} `), ...bracketRuns(l.text)] : bracketRuns(l.text), indent: l.kind === 'paragraph' ? undefined : INDENT }))
}

function clauseRecord(c: MinutesClause): Paragraph[] {
  const out = [heading(clauseTitle(c.label, c.heading), HeadingLevel.HEADING_3), para(screenLine(c), { italics: true })]
  if (c.speakers.length) out.push(para('Speakers', { italics: true }), ...c.speakers.map((s) => bullet([new TextRun(t(speakerLine(s)))])))
  out.push(para('Decisions', { italics: true }))
  if (c.decisions.length === 0) out.push(para(NO_DECISIONS, { italics: true }))
  for (const d of c.decisions) out.push(new Paragraph({ indent: INDENT, children: [new TextRun(`${d.seq}. `), run({ text: t(d.label), bold: true }), new TextRun(t(` — ${decisionDetail(d, c.label)}`))] }))
  if (c.statements.length) out.push(para('Statements on record', { italics: true }), ...c.statements.map((s) => bullet([new TextRun(t(statementSentence(s)))])))
  return out
}

function attendance(m: Minutes): Paragraph[] {
  const { present, absent } = m.attendance
  const out = [heading(MINUTES_TITLES.attendance, HeadingLevel.HEADING_1), heading(`${MINUTES_TITLES.present} (${present.length})`, HeadingLevel.HEADING_2)]
  out.push(...(present.length ? present.map((a) => bullet([new TextRun(t(attendeeLine(a)))])) : [para(NO_STATES, { italics: true })]))
  if (absent.length) out.push(heading(`${MINUTES_TITLES.absent} (${absent.length})`, HeadingLevel.HEADING_2), ...absent.map((a) => bullet([new TextRun(t(attendeeLine(a)))])))
  return out
}

function record(m: Minutes): Paragraph[] {
  const out = [heading(MINUTES_TITLES.clauses, HeadingLevel.HEADING_1), ...(m.clauses.length ? m.clauses.flatMap(clauseRecord) : [para(NO_CLAUSES, { italics: true })])]
  if (m.otherClauses.length) out.push(heading(MINUTES_TITLES.otherClauses, HeadingLevel.HEADING_1), ...m.otherClauses.flatMap(clauseRecord))
  const { speakers, statements } = m.general
  if (speakers.length || statements.length) {
    out.push(heading(MINUTES_TITLES.general, HeadingLevel.HEADING_1))
    if (speakers.length) out.push(para('Speakers', { italics: true }), ...speakers.map((s) => bullet([new TextRun(t(speakerLine(s)))])))
    if (statements.length) out.push(para('Statements on record', { italics: true }), ...statements.map((s) => bullet([new TextRun(t(statementSentence(s)))])))
  }
  return out
}

function closingText(m: Minutes): Paragraph[] {
  const out = [heading(MINUTES_TITLES.text(m), HeadingLevel.HEADING_1)]
  if (m.text.revision) out.push(para(`Revision ${m.text.revision.number} (“${m.text.revision.label}”), saved at the close.`))
  if (m.text.clauses.some((c) => c.suggested)) out.push(para(SUGGESTIONS_KEY, { italics: true }))
  for (const c of m.text.clauses) out.push(heading(clauseTitle(c.label, c.heading), HeadingLevel.HEADING_3), para(`Status: ${c.status.replace(/-/g, ' ')}`, { italics: true }), ...clauseParagraphs(c))
  return out
}

function changeRuns(line: ChangeLine, bold = false): ParagraphChild[] {
  // Bold only where asked: a run that says `w:b="false"` would override the cell's own style.
  const b = bold || undefined
  return line.map((piece) => {
    if (piece.kind === 'elision') return run({ text: piece.text, color: '555555', bold: b })
    if (piece.kind === 'note') return run({ text: t(piece.author), superScript: true, italics: true })
    const { op, text } = piece.op
    return run({ text: t(text), bold: b, underline: op === 'insert' ? {} : undefined, strike: op === 'delete' || undefined })
  })
}

function changes(m: Minutes): Block[] {
  const out: Block[] = [heading(MINUTES_TITLES.changes, HeadingLevel.HEADING_1), para(`${changesSourceLine(m)} ${changesSummaryLine(m)}`)]
  if (m.changes.clauses.length === 0) return [...out, para(NO_CHANGES)]
  out.push(para(CHANGES_KEY, { italics: true }))
  const rows = m.changes.clauses.map((change) => {
    const row = minutesChangeRow(change, m.changes.from?.number ?? 0)
    const what = [
      ...(row.text.heading ? [new Paragraph({ children: changeRuns(row.text.heading, true) })] : []),
      ...(row.text.status ? [para(row.text.status)] : []),
      ...row.text.body.map((line) => new Paragraph({ children: changeRuns(line) })),
    ]
    return [[para(row.provision)], [para(row.kinds), ...(row.states.length ? [para(row.states.join(', '), { italics: true })] : [])], what]
  })
  out.push(table([...CHANGES_COLUMNS], rows))
  return out
}

/** The minutes as a .docx file. */
export async function minutesDocx(m: Minutes): Promise<Buffer> {
  const occasion = occasionLine(m)
  const children: Block[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(t(minutesHeading(m)))] }),
    ...(occasion ? [para(occasion, { bold: true })] : []),
    ...(m.provisional ? [para(PROVISIONAL, { bold: true })] : []),
    ...particularLines(m).map((l) => para(l)),
    ...attendance(m),
    ...record(m),
    ...closingText(m),
    ...changes(m),
  ]
  const doc = new Document({
    creator: 'Provisio',
    title: t(minutesHeading(m)),
    description: t(`Minutes of a meeting on the draft “${m.draft.title}”${m.provisional ? ' (provisional)' : ''}, assembled ${formatTimestamp(m.assembledAt)}`),
    styles: STYLES,
    sections: [{ children }],
  })
  return Packer.toBuffer(doc)
}
