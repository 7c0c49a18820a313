/**
 * The report as Markdown (CommonMark + GFM tables). Byte-identical for the same assembled report:
 * no clock, no locale, everything in the order the assembler fixed. Every piece of user text is
 * backslash-escaped, so it renders exactly as typed and never as markup or raw HTML; the only HTML
 * written is our own `<ins>`/`<del>` around word-diff changes (open suggestions: CriticMarkup, see suggestions.ts).
 */
import { type ChangeLine, authorColours } from '../common/changeText'
import { escapeMarkdown, escapeMarkdownInline, guardLineStart } from '../common/escape'
import { NO_STATEMENTS, STATEMENTS_TITLE, statementSentence } from '../common/statements'
import { annexSentence, clauseProposals, clauseTitle, formatTimestamp, occasionLine, sourceLines } from '../common/format'
import {
  CHANGES_COLUMNS,
  NO_CHANGE,
  NO_COMMENTS,
  TITLES,
  changeRow,
  commentByline,
  declinedReason,
  draftLine,
  mastheadLines,
  proposalLine,
  proposedWording,
  statementLine,
  threadLine,
} from '../common/sentences'
import { clauseLines } from '../common/lines'
import { numberedParagraphs } from '../common/paragraphs'
import type { RichParagraph } from '../common/richText'
import type { AssembledClause, AssembledReport, CommentGroup } from '../../../../shared/report/types'
import { suggestedClauseText, suggestionsKey, suggestionsSection } from './suggestions'

const inline = escapeMarkdownInline
const md = escapeMarkdown

function richParagraph(paragraph: RichParagraph): string {
  const line = paragraph
    .map((run) => {
      const text = inline(run.text)
      if (text.trim() === '') return text
      // Markers hug the text: surrounding spaces stay outside them.
      const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text) ?? ['', '', text, '']
      const mark = run.bold && run.italic ? '***' : run.bold ? '**' : run.italic ? '*' : ''
      return `${lead}${mark}${core}${mark}${trail}`
    })
    .join('')
    .trim()
  return guardLineStart(line)
}

function clauseText(clause: Pick<AssembledClause, 'text' | 'suggested'>): string[] {
  if (clause.suggested) return suggestedClauseText(clause.suggested)
  const lines = clauseLines(clause.text)
  if (lines.length === 0) return ['*(no text)*', '']
  return lines.flatMap((line) => [line.label ? `${inline(line.label)} ${inline(line.text)}` : guardLineStart(inline(line.text)), ''])
}

function groupLines(groups: readonly CommentGroup[], level = 4): string[] {
  const out: string[] = []
  for (const group of groups) {
    out.push(`${'#'.repeat(level)} ${md(group.label)}`, '')
    for (const thread of group.threads) {
      out.push(`- ${threadLine(thread, inline)}`)
      for (const comment of thread.comments) {
        const head = `  - **C${comment.number}** ${commentByline(comment, inline)}:`
        if (comment.deleted) {
          out.push(`${head} *(comment deleted)*`)
          continue
        }
        const paragraphs = comment.body.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim()).filter(Boolean)
        out.push(`${head} ${inline(paragraphs[0] ?? '')}`)
        for (const more of paragraphs.slice(1)) out.push(`    ${guardLineStart(inline(more))}`)
      }
      if (thread.proposal) out.push(`  - ${proposedWording(thread.proposal.text, inline)}`)
    }
    out.push('')
  }
  return out
}

function proposalLines(clause: Pick<AssembledClause, 'groups'>): string[] {
  const threads = clauseProposals(clause)
  if (threads.length === 0) return []
  const out = ['**Proposals**', '']
  for (const thread of threads) {
    const p = thread.proposal
    if (!p) continue
    const declined = declinedReason(p)
    out.push(`- ${proposalLine(p, inline)}${declined ? ` Reason: ${inline(declined)}` : ''}`)
  }
  out.push('')
  return out
}

function commentsSection(report: AssembledReport): string[] {
  const out = [`## ${TITLES.comments}`, '']
  for (const clause of report.clauses) {
    out.push(`### ${md(clauseTitle(clause.label, clause.heading))}`, '')
    out.push(`**Positions:** ${inline(clause.positions.summary)}`, '')
    for (const s of clause.positions.statements) {
      out.push(`- ${statementLine(s, inline)}`)
    }
    if (clause.positions.statements.length) out.push('')
    if (clause.groups.length === 0) out.push(NO_COMMENTS, '')
    out.push(...groupLines(clause.groups), ...proposalLines(clause))
  }
  if (report.otherComments.length > 0) {
    out.push(`### ${TITLES.otherComments(report.base.number)}`, '')
    for (const other of report.otherComments) {
      out.push(`#### ${md(clauseTitle(other.label, other.heading))}`, '', ...groupLines(other.groups, 5), ...proposalLines(other))
    }
  }
  return out
}

function changeLine(pieces: ChangeLine): string {
  const text = pieces
    .map((piece) => {
      if (piece.kind === 'elision') return piece.text
      if (piece.kind === 'note') return `<sup>${inline(piece.author)}</sup>`
      const t = inline(piece.op.text)
      if (piece.op.op === 'equal') return t
      return piece.op.op === 'insert' ? `<ins>${t}</ins>` : `<del>${t}</del>`
    })
    .join('')
  return guardLineStart(text)
}

function changesSection(report: AssembledReport): string[] {
  if (!report.changes || !report.compare) return []
  const compareNumber = report.compare.number
  const out = [`## ${TITLES.changes(compareNumber)}`, '']
  if (report.changes.clauses.length === 0) return [...out, NO_CHANGE, '']
  const authors = [...authorColours(report.changes.clauses).keys()]
  if (authors.length) out.push(`Authors of the changes, each named after its change: ${authors.map(inline).join(', ')}.`, '')
  out.push('Only what changed is shown: inserted words <ins>underlined</ins>, deleted words <del>struck through</del>, unchanged text left out marked “…”.', '')
  out.push(`| ${CHANGES_COLUMNS.join(' | ')} |`, `|${CHANGES_COLUMNS.map(() => ' --- |').join('')}`)
  for (const change of report.changes.clauses) {
    const { provision, kinds, authors: by, text } = changeRow(change, compareNumber)
    const cells = [text.heading ? `**${changeLine(text.heading)}**` : null, text.status ? inline(text.status) : null, ...text.body.map(changeLine)].filter((c): c is string => c !== null)
    const who = by.length ? ` (${inline(by.join(', '))})` : ''
    out.push(`| ${inline(provision)} | ${inline(kinds)}${who} | ${cells.join('<br>')} |`)
  }
  out.push('')
  return out
}

function annexSection(report: AssembledReport): string[] {
  const out = [`## ${TITLES.annex}`, '']
  if (report.annex.length === 0) return [...out, NO_COMMENTS, '']
  for (const entry of report.annex) {
    const detail = entry.detail ? `: “${inline(entry.detail)}”` : ''
    out.push(`- ${inline(formatTimestamp(entry.at))} — ${inline(annexSentence(entry))}${detail}`)
  }
  out.push('')
  return out
}

export function reportMarkdown(report: AssembledReport): string {
  // The first page's masthead: symbol, date, original language.
  const m = mastheadLines(report)
  const out: string[] = [...(m.symbol ? [`**${inline(m.symbol)}**  `] : []), `${inline(m.date)}  `, inline(m.original), '', `# ${md(report.title)}`, '']
  const occasion = occasionLine(report)
  if (occasion) out.push(inline(occasion), '')
  out.push(draftLine(report, inline), '')
  for (const line of sourceLines(report)) out.push(`${inline(line)}  `)
  out.push('')
  // Numbered paragraphs as ordered-list items: each keeps its number, continuing across sections.
  const paragraphs = numberedParagraphs(report)
  for (const section of paragraphs.sections) {
    out.push(`## ${md(section.heading)}`, '')
    for (const p of section.paragraphs) out.push(`${p.number}. ${richParagraph(p.runs)}`, '')
  }
  out.push('## Summary', '', ...paragraphs.summary.flatMap((p) => [`${p.number}. ${inline(p.text)}`, '']))
  out.push(`## ${TITLES.provisions(report.base.number)}`, '', ...suggestionsKey(report))
  for (const clause of report.clauses) out.push(`### ${md(clauseTitle(clause.label, clause.heading))}`, '', ...clauseText(clause))
  out.push(...changesSection(report), ...suggestionsSection(report), ...commentsSection(report), ...annexSection(report), `## ${STATEMENTS_TITLE}`, '', ...((report.statements ?? []).length ? (report.statements ?? []).map((s) => `- ${inline(statementSentence(s))}`) : [NO_STATEMENTS]), '')
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`
}
