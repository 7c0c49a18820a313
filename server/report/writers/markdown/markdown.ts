/**
 * The report as Markdown (CommonMark + GFM tables). Byte-identical for the same assembled report:
 * no clock, no locale, everything in the order the assembler fixed. Every piece of user text is
 * backslash-escaped, so it renders exactly as typed and never as markup or raw HTML; the only HTML
 * written is our own `<ins>`/`<del>` around word-diff changes.
 */
import { type ChangeLine, authorColours, changeText } from '../common/changeText'
import { ORIGINAL_LANGUAGE } from '../../../../shared/report/defaults'
import { escapeMarkdown, escapeMarkdownInline, guardLineStart } from '../common/escape'
import {
  annexSentence,
  changeAuthors,
  changeLabel,
  changeKindsLabel,
  clauseProposals,
  clauseTitle,
  formatTimestamp,
  mastheadDate,
  occasionLine,
  personLabel,
  proposalOutcome,
  sourceLines,
  stanceLabel,
  versionLine,
} from '../common/format'
import { clauseLines } from '../common/lines'
import { numberedParagraphs } from '../common/paragraphs'
import type { RichParagraph } from '../common/richText'
import type { AssembledClause, AssembledReport, CommentGroup } from '../../../../shared/report/types'

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

function clauseText(clause: Pick<AssembledClause, 'text'>): string[] {
  const lines = clauseLines(clause.text)
  if (lines.length === 0) return ['*(no text)*', '']
  return lines.flatMap((line) => [line.label ? `${inline(line.label)} ${inline(line.text)}` : guardLineStart(inline(line.text)), ''])
}

function groupLines(groups: readonly CommentGroup[], level = 4): string[] {
  const out: string[] = []
  for (const group of groups) {
    out.push(`${'#'.repeat(level)} ${md(group.label)}`, '')
    for (const thread of group.threads) {
      const where = thread.quote ? ` on “${inline(thread.quote)}”` : ''
      const round = thread.round ? `, round “${inline(thread.round)}”` : ''
      out.push(`- Thread ${thread.status === 'resolved' ? '(resolved) ' : ''}opened ${md(formatTimestamp(thread.createdAt))}${where}${round}`)
      for (const comment of thread.comments) {
        const edited = comment.editedAt ? ` (edited ${inline(formatTimestamp(comment.editedAt))})` : ''
        const head = `  - **C${comment.number}** ${inline(personLabel(comment.author))}, ${inline(formatTimestamp(comment.createdAt))}${edited}:`
        if (comment.deleted) {
          out.push(`${head} *(comment deleted)*`)
          continue
        }
        const paragraphs = comment.body.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim()).filter(Boolean)
        out.push(`${head} ${inline(paragraphs[0] ?? '')}`)
        for (const more of paragraphs.slice(1)) out.push(`    ${guardLineStart(inline(more))}`)
      }
      if (thread.proposal) out.push(`  - Proposed wording: “${inline(thread.proposal.text)}”`)
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
    const reason = p.status === 'declined' && p.reason ? ` Reason: ${inline(p.reason)}` : ''
    out.push(`- ${inline(personLabel(p.by))}: “${inline(p.text)}” — ${inline(proposalOutcome(p))}.${reason}`)
  }
  out.push('')
  return out
}

function commentsSection(report: AssembledReport): string[] {
  const out = ['## Comments, proposals and positions, clause by clause', '']
  for (const clause of report.clauses) {
    out.push(`### ${md(clauseTitle(clause.label, clause.heading))}`, '')
    out.push(`**Positions:** ${inline(clause.positions.summary)}`, '')
    for (const s of clause.positions.statements) {
      out.push(`- ${inline(s.stateName)}: ${inline(stanceLabel(s.stance))}${s.statement ? ` — “${inline(s.statement)}”` : ''}`)
    }
    if (clause.positions.statements.length) out.push('')
    if (clause.groups.length === 0) out.push('No comments.', '')
    out.push(...groupLines(clause.groups), ...proposalLines(clause))
  }
  if (report.otherComments.length > 0) {
    out.push(`### Comments on provisions not in revision ${report.base.number}`, '')
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
  const out = [`## Changes since revision ${report.compare.number}`, '']
  if (report.changes.clauses.length === 0) return [...out, 'No provision changed.', '']
  const authors = [...authorColours(report.changes.clauses).keys()]
  if (authors.length) out.push(`Authors of the changes, each named after its change: ${authors.map(inline).join(', ')}.`, '')
  out.push('Only what changed is shown: inserted words <ins>underlined</ins>, deleted words <del>struck through</del>, unchanged text left out marked “…”.', '')
  out.push('| Provision | Change | What changed |', '| --- | --- | --- |')
  for (const change of report.changes.clauses) {
    const text = changeText(change)
    const cells = [text.heading ? `**${changeLine(text.heading)}**` : null, text.status ? inline(text.status) : null, ...text.body.map(changeLine)].filter((c): c is string => c !== null)
    const by = changeAuthors(change)
    const who = by.length ? ` (${inline(by.join(', '))})` : ''
    out.push(`| ${inline(changeLabel(change, compareNumber))} | ${inline(changeKindsLabel(change.changes))}${who} | ${cells.join('<br>')} |`)
  }
  out.push('')
  return out
}

function annexSection(report: AssembledReport): string[] {
  const out = ['## Annex: comment history', '']
  if (report.annex.length === 0) return [...out, 'No comments.', '']
  for (const entry of report.annex) {
    const detail = entry.detail ? `: “${inline(entry.detail)}”` : ''
    out.push(`- ${inline(formatTimestamp(entry.at))} — ${inline(annexSentence(entry))}${detail}`)
  }
  out.push('')
  return out
}

export function reportMarkdown(report: AssembledReport): string {
  // The first page's masthead: symbol, date, original language.
  const out: string[] = [...(report.symbol ? [`**${inline(report.symbol)}**  `] : []), `${inline(mastheadDate(report))}  `, `Original: ${inline(ORIGINAL_LANGUAGE)}`, '', `# ${md(report.title)}`, '']
  const occasion = occasionLine(report)
  if (occasion) out.push(inline(occasion), '')
  out.push(`Report on the draft “${inline(report.draft.title)}”. ${inline(versionLine(report))}.`, '')
  for (const line of sourceLines(report)) out.push(`${inline(line)}  `)
  out.push('')
  // Numbered paragraphs as ordered-list items: each keeps its number, continuing across sections.
  const paragraphs = numberedParagraphs(report)
  for (const section of paragraphs.sections) {
    out.push(`## ${md(section.heading)}`, '')
    for (const p of section.paragraphs) out.push(`${p.number}. ${richParagraph(p.runs)}`, '')
  }
  out.push('## Summary', '', ...paragraphs.summary.flatMap((p) => [`${p.number}. ${inline(p.text)}`, '']))
  out.push(`## Provisions as of revision ${report.base.number}`, '')
  for (const clause of report.clauses) out.push(`### ${md(clauseTitle(clause.label, clause.heading))}`, '', ...clauseText(clause))
  out.push(...changesSection(report), ...commentsSection(report), ...annexSection(report))
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`
}
