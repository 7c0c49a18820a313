/**
 * The report as a Word document (the `docx` package). The provisions carry the changes since the
 * compared revision as real tracked changes (`w:ins` / `w:del`, paragraph marks included), each
 * attributed to the State whose applied proposal made it or else to the rapporteur, so delegates
 * can review them in Word or LibreOffice and accept or reject them. Track changes stays on for their
 * own edits. Brackets stay literal "[…]" (and bold) so disputed wording is visible in print.
 */
import { Bookmark, DeletedTextRun, Document, HeadingLevel, InsertedTextRun, Packer, Paragraph, type ParagraphChild, type Table, TextRun } from 'docx'
import { changeAuthorsInOrder } from '../common/changeText'
import { cleanText } from '../common/escape'
import { annexSentence, changeAuthor, clauseProposals, clauseTitle, formatTimestamp, occasionLine, sourceLines, versionLine } from '../common/format'
import { ANNEX_COLUMNS, NO_COMMENTS, TITLES, commentByline, declinedReason, draftLine, proposalLine, proposedWording, statementLine, threadLine } from '../common/sentences'
import { bracketParts, clauseLines, diffParagraphs } from '../common/lines'
import { numberedParagraphs } from '../common/paragraphs'
import type { AssembledChange, AssembledClause, AssembledReport, AttributedOp, CommentGroup, SuggestedOp } from '../../../../shared/report/types'
import { SUGGESTIONS_KEY, mergeTracked, suggestedLines } from '../common/suggestions'
import { changesSection, table } from './changes'
import { suggestionsSection } from './suggestions'
import { statementFootnotes, statementsSection } from './statements'
import { NUMBERING, STYLES, masthead, numberedParagraph, pageFurniture } from './styles'
import { EXPORT_PROPERTY, clauseBookmarkName } from '../../../word/exportMarkers'

const t = cleanText
/** w:date is an xsd:dateTime; Word writes it without fractions of a second. */
const wordDate = (iso: string) => iso.replace(/\.\d+Z$/, 'Z')

const INDENT = { left: 567 } // 1 cm

/** Hands out the ids Word needs for every insertion and deletion, unique in the document. */
class Revisions {
  private next = 1
  constructor(private readonly fallbackDate: string) {}

  mark(kind: 'insert' | 'delete', author: string | null, at: string | null) {
    return { kind, attrs: { id: this.next++, author: t(changeAuthor(author)), date: wordDate(at ?? this.fallbackDate) } }
  }

  run(op: AttributedOp, options: { bold?: boolean } = {}): ParagraphChild {
    const text = t(op.text)
    if (op.op === 'equal') return new TextRun({ text, ...options })
    const { attrs } = this.mark(op.op, op.author, op.at)
    return op.op === 'insert' ? new InsertedTextRun({ ...attrs, text, ...options }) : new DeletedTextRun({ ...attrs, text, ...options })
  }

  paragraphMark(op: AttributedOp | null) {
    if (!op || op.op === 'equal') return {}
    const { attrs } = this.mark(op.op, op.author, op.at)
    return { run: op.op === 'insert' ? { insertion: attrs } : { deletion: attrs } }
  }
}

function bracketRuns(text: string): TextRun[] {
  return bracketParts(t(text)).map((p) => new TextRun({ text: p.text, bold: p.bracketed }))
}

function para(text: string, options: { bold?: boolean; italics?: boolean; indent?: boolean } = {}): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: t(text), bold: options.bold, italics: options.italics })], indent: options.indent ? INDENT : undefined })
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph {
  return new Paragraph({ heading: level, children: [new TextRun(t(text))] })
}

/** Marks a clause's heading with its id, so a marked-up copy sent back lands on the same clause (server/word/markup). */
function clauseBookmark(clauseId: string): Bookmark {
  return new Bookmark({ id: clauseBookmarkName(clauseId), children: [] })
}

function bullet(children: ParagraphChild[], level = 0): Paragraph {
  return new Paragraph({ bullet: { level }, children })
}

/** A clause with open suggestions: each one a tracked change authored by its State. */
function suggestedParagraphs(ops: readonly SuggestedOp[], revisions: Revisions): Paragraph[] {
  return suggestedLines(ops).map(
    (line) =>
      new Paragraph({
        children: [...(line.label ? [new TextRun(`${line.label} `)] : []), ...line.ops.flatMap((op) => (op.op === 'equal' ? bracketRuns(op.text) : [revisions.run(op)]))],
        indent: line.kind === 'paragraph' ? undefined : INDENT,
      }),
  )
}

function clauseParagraphs(clause: Pick<AssembledClause, 'text' | 'suggested'>, revisions: Revisions): Paragraph[] {
  if (clause.suggested) return suggestedParagraphs(clause.suggested, revisions)
  const lines = clauseLines(clause.text)
  if (lines.length === 0) return [para('(no text)', { italics: true })]
  return lines.map(
    (line) =>
      new Paragraph({
        children: line.label ? [new TextRun(`${line.label} `), ...bracketRuns(line.text)] : bracketRuns(line.text),
        indent: line.kind === 'paragraph' ? undefined : INDENT,
      }),
  )
}

/**
 * A changed clause with tracked changes: accepting them all gives the base revision, rejecting them
 * the compared one; its open suggestions are tracked changes too, authored by their States.
 */
function trackedClause(change: AssembledChange, revisions: Revisions, suggested?: AssembledClause['suggested']): Paragraph[] {
  const whole = change.changes.includes('added') ? 'insert' : change.changes.includes('removed') ? 'delete' : null
  const wholeOp = (text: string): AttributedOp => ({ op: whole ?? 'equal', text, author: change.body.find((o) => o.op !== 'equal')?.author ?? null, at: change.body.find((o) => o.op !== 'equal')?.at ?? null })
  const headingRuns: ParagraphChild[] = []
  if (whole) headingRuns.push(revisions.run(wholeOp(change.labelAfter ?? change.labelBefore ?? '')))
  else if (change.labelBefore !== change.labelAfter) {
    headingRuns.push(revisions.run({ op: 'delete', text: change.labelBefore ?? '', author: null, at: null }), revisions.run({ op: 'insert', text: change.labelAfter ?? '', author: null, at: null }))
  } else headingRuns.push(new TextRun(t(change.labelAfter ?? '')))
  if (change.heading.some((op) => op.text.trim() !== '')) {
    headingRuns.push(whole ? revisions.run(wholeOp(' — ')) : new TextRun(' — '))
    for (const op of change.heading) headingRuns.push(revisions.run(op))
  }
  const out = [new Paragraph({ heading: HeadingLevel.HEADING_3, children: [clauseBookmark(change.id), ...headingRuns], ...(whole ? revisions.paragraphMark(wholeOp('\n')) : {}) })]
  const paragraphs = diffParagraphs(suggested ? mergeTracked(change.body, suggested) : change.body)
  paragraphs.forEach((p, i) => {
    const last = i === paragraphs.length - 1
    const text = p.ops.map((o) => o.text).join('')
    const mark = whole ? wholeOp('\n') : last ? null : p.breakAfter
    out.push(new Paragraph({ children: p.ops.map((op) => revisions.run(op)), indent: /^(\([a-z]{1,2}\)|Option [A-Z]{1,2}:)\s/.test(text) ? INDENT : undefined, ...revisions.paragraphMark(mark) }))
  })
  return out
}

function provisions(report: AssembledReport, revisions: Revisions): Paragraph[] {
  const changes = new Map((report.changes?.clauses ?? []).map((c) => [c.id, c]))
  const removedAfter = new Map<string | null, AssembledChange[]>()
  for (const c of report.changes?.clauses ?? []) {
    if (c.changes.includes('removed')) removedAfter.set(c.follows, [...(removedAfter.get(c.follows) ?? []), c])
  }
  const notes = statementFootnotes(report)
  // Statements on the whole draft are footnoted on the provisions' heading, the others on their clause's.
  const out: Paragraph[] = [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(t(TITLES.provisions(report.base.number))), ...notes.refs(null)] })]
  if (report.compare) {
    const authors = changeAuthorsInOrder(report.changes?.clauses ?? [])
    const by = authors.length ? ` by ${authors.join(', ')} (each change names its author, and the table of changes below names them in print)` : ''
    out.push(para(`Changes since revision ${report.compare.number} are shown as tracked changes${by}: accept them all to read revision ${report.base.number}, reject them all to read revision ${report.compare.number}.`, { italics: true }))
  }
  if (report.clauses.some((c) => c.suggested)) out.push(para(SUGGESTIONS_KEY, { italics: true }))
  for (const removed of removedAfter.get(null) ?? []) out.push(...trackedClause(removed, revisions))
  for (const clause of report.clauses) {
    const change = changes.get(clause.id)
    const refs = notes.refs(clause.id)
    if (change) out.push(...trackedClause(change, revisions, clause.suggested), ...(refs.length ? [new Paragraph({ children: [new TextRun({ text: 'Statements on record', italics: true }), ...refs] })] : []))
    else out.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: [clauseBookmark(clause.id), new TextRun(t(clauseTitle(clause.label, clause.heading))), ...refs] }), ...clauseParagraphs(clause, revisions))
    for (const removed of removedAfter.get(clause.id) ?? []) out.push(...trackedClause(removed, revisions))
  }
  return out
}

function groupParagraphs(groups: readonly CommentGroup[]): Paragraph[] {
  const out: Paragraph[] = []
  for (const group of groups) {
    out.push(heading(group.label, HeadingLevel.HEADING_4))
    for (const thread of group.threads) {
      out.push(para(threadLine(thread), { italics: true }))
      for (const c of thread.comments) {
        const lines = c.deleted ? [] : c.body.replace(/\r\n?/g, '\n').split('\n')
        const body: ParagraphChild[] = c.deleted
          ? [new TextRun({ text: '(comment deleted)', italics: true })]
          : lines.map((line, i) => new TextRun({ text: t(line), break: i > 0 ? 1 : undefined }))
        out.push(bullet([new TextRun({ text: `C${c.number} `, bold: true }), new TextRun(t(`${commentByline(c)}: `)), ...body]))
      }
      if (thread.proposal) out.push(bullet([new TextRun(t(proposedWording(thread.proposal.text)))]))
    }
  }
  return out
}

function proposalParagraphs(clause: Pick<AssembledClause, 'groups'>): Paragraph[] {
  const threads = clauseProposals(clause)
  if (threads.length === 0) return []
  return [
    para('Proposals', { bold: true }),
    ...threads.flatMap((th) => {
      const p = th.proposal
      if (!p) return []
      const declined = declinedReason(p)
      const reason = declined ? [new TextRun({ text: t(` Reason: ${declined}`), italics: true })] : []
      return [bullet([new TextRun(t(proposalLine(p))), ...reason])]
    }),
  ]
}

function commentsSection(report: AssembledReport): Paragraph[] {
  const out = [heading(TITLES.comments, HeadingLevel.HEADING_1)]
  for (const clause of report.clauses) {
    out.push(heading(clauseTitle(clause.label, clause.heading), HeadingLevel.HEADING_2))
    out.push(new Paragraph({ children: [new TextRun({ text: 'Positions: ', bold: true }), new TextRun(t(clause.positions.summary))] }))
    for (const s of clause.positions.statements) out.push(bullet([new TextRun(t(statementLine(s)))]))
    if (clause.groups.length === 0) out.push(para(NO_COMMENTS, { italics: true }))
    out.push(...groupParagraphs(clause.groups), ...proposalParagraphs(clause))
  }
  if (report.otherComments.length) {
    out.push(heading(TITLES.otherComments(report.base.number), HeadingLevel.HEADING_2))
    for (const other of report.otherComments) out.push(heading(clauseTitle(other.label, other.heading), HeadingLevel.HEADING_3), ...groupParagraphs(other.groups), ...proposalParagraphs(other))
  }
  return out
}

function annexSection(report: AssembledReport): (Paragraph | Table)[] {
  const head = heading(TITLES.annex, HeadingLevel.HEADING_1)
  if (report.annex.length === 0) return [head, para(NO_COMMENTS, { italics: true })]
  return [head, table([...ANNEX_COLUMNS], report.annex.map((e) => [[para(formatTimestamp(e.at))], [para(annexSentence(e))], e.detail ? [para(e.detail)] : []]))]
}

/** The report as a .docx file. */
export async function reportDocx(report: AssembledReport): Promise<Buffer> {
  const revisions = new Revisions(report.base.createdAt)
  const occasion = occasionLine(report)
  const paragraphs = numberedParagraphs(report)
  const children: (Paragraph | Table)[] = [
    ...masthead(report),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(t(report.title))] }),
    ...(occasion ? [para(occasion, { bold: true })] : []),
    para(draftLine(report)),
    ...sourceLines(report).map((l) => para(l)),
  ]
  for (const section of paragraphs.sections) {
    children.push(heading(section.heading, HeadingLevel.HEADING_1))
    for (const p of section.paragraphs) children.push(numberedParagraph(p.runs.map((run) => new TextRun({ text: t(run.text), bold: run.bold, italics: run.italic }))))
  }
  children.push(heading('Summary', HeadingLevel.HEADING_1), ...paragraphs.summary.map((p) => numberedParagraph([new TextRun(t(p.text))])))
  const h1 = (text: string) => heading(text, HeadingLevel.HEADING_1)
  children.push(...provisions(report, revisions), ...changesSection(report, h1), ...suggestionsSection(report, h1), ...commentsSection(report), ...annexSection(report), ...statementsSection(report))
  const doc = new Document({
    creator: 'Provisio',
    lastModifiedBy: t(report.author.name),
    title: t(report.title),
    description: t(`Report on the draft “${report.draft.title}”, ${versionLine(report)}`),
    // Delegates' own edits are tracked too, beside the ones the report carries.
    features: { trackRevisions: true },
    // Which draft and revision this is, read back when the file returns marked up (import-markup).
    customProperties: [
      { name: EXPORT_PROPERTY.draftId, value: report.draft.id },
      { name: EXPORT_PROPERTY.revision, value: String(report.base.number) },
      { name: EXPORT_PROPERTY.exportedAt, value: report.versionAt },
    ],
    styles: STYLES,
    numbering: NUMBERING,
    footnotes: statementFootnotes(report).footnotes,
    sections: [{ ...pageFurniture(report), children }],
  })
  return Packer.toBuffer(doc)
}
