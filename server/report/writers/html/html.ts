/**
 * The report as one printable HTML page ("Save as PDF" from the browser's print dialog): inline
 * stylesheet with print rules, no script, no external resource, and a Content-Security-Policy that
 * forbids both. Every piece of user text is escaped.
 */
import { escapeXml as esc } from '../common/escape'
import { NO_STATEMENTS, STATEMENTS_TITLE, statementSentence } from '../common/statements'
import { annexSentence, clauseProposals, clauseTitle, formatTimestamp, occasionLine, sourceLines } from '../common/format'
import { ANNEX_COLUMNS, NO_COMMENTS, TITLES, commentByline, declinedReason, draftLine, mastheadLines, proposalLine, proposedWording, statementLine, threadLine } from '../common/sentences'
import { changesCss, changesSection } from './changes'
import { SUGGESTIONS_CSS, suggestedClauseText, suggestionsKey, suggestionsSection } from './suggestions'
import { bracketParts, clauseLines } from '../common/lines'
import { numberedParagraphs } from '../common/paragraphs'
import type { RichParagraph } from '../common/richText'
import type { AssembledClause, AssembledReport, CommentGroup } from '../../../../shared/report/types'

/** Nothing but inline styles may load: a report never runs script, whatever it contains. */
export const REPORT_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

const STYLE = `
:root { color-scheme: light; }
body { font: 11pt/1.5 "Times New Roman", Georgia, serif; color: #111; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, h4, h5 { color: #000; font-family: "Times New Roman", Georgia, serif; font-weight: bold; }
h1 { font-size: 1.5em; margin: .6em 0 .3em; }
h2 { font-size: 1.2em; margin: 1.6em 0 .5em; }
h3 { font-size: 1.05em; margin: 1.2em 0 .4em; }
h4 { font-size: 1em; margin: .9em 0 .3em; font-style: italic; }
.masthead { text-align: right; border-bottom: 1.5pt solid #000; padding-bottom: .4em; margin-bottom: 1.2em; }
.masthead p { margin: 0; }
.masthead .symbol { font-size: 1.15em; font-weight: bold; }
.meta { color: #333; margin: .2em 0; }
.para { display: flex; margin: .5em 0; }
.para-num { flex: 0 0 2.5em; }
.para-text { flex: 1; }
.clause-text p { margin: .3em 0; }
.clause-text .sub { margin-left: 2em; }
.clause-text .option { margin-left: 1em; }
.bracket { font-weight: bold; }
ins { text-decoration: underline; background: none; }
del { text-decoration: line-through; }
.note { font-size: .72em; font-style: italic; margin-left: .15em; }
.elided { color: #555; }
.legend ul { list-style: none; padding: 0; margin: .2em 0 .6em; display: flex; flex-wrap: wrap; gap: .3em 1.2em; }
.legend p { margin: .2em 0; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: .95em; }
th, td { border: 1px solid #888; padding: .3em .45em; vertical-align: top; text-align: left; }
th { background: #eee; }
td p, th p { margin: .15em 0; }
.comments ul { margin: .2em 0 .6em; padding-left: 1.2em; }
.comment-head { font-weight: bold; }
.tombstone, .muted { color: #555; font-style: italic; }
.quote { color: #333; }
.declined { color: #7a2a00; }
.toc { font-size: .95em; }
@page { size: A4; margin: 2cm 2cm 2.2cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  h2 { break-before: page; }
  h2.keep { break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  tr, .comment, .clause-text p, .para { break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: none; }
  /* Authors keep their colours on a colour printer; their names after each change serve in black and white. */
  ins, del, .note, .legend span { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`

function bracketed(text: string): string {
  return bracketParts(text)
    .map((p) => (p.bracketed ? `<span class="bracket">${esc(p.text)}</span>` : esc(p.text)))
    .join('')
}

function clauseText(clause: Pick<AssembledClause, 'text' | 'suggested'>): string {
  if (clause.suggested) return suggestedClauseText(clause.suggested)
  const lines = clauseLines(clause.text)
  if (lines.length === 0) return '<p class="muted">(no text)</p>'
  return lines
    .map((line) => {
      if (line.kind === 'paragraph') return `<p>${bracketed(line.text)}</p>`
      const cls = line.kind === 'subparagraph' ? 'sub' : 'option'
      return `<p class="${cls}">${esc(line.label ?? '')} ${bracketed(line.text)}</p>`
    })
    .join('\n')
}

function runs(paragraph: RichParagraph): string {
  return paragraph
    .map((run) => {
      let html = esc(run.text)
      if (run.italic) html = `<em>${html}</em>`
      if (run.bold) html = `<strong>${html}</strong>`
      return html
    })
    .join('')
}

/** A numbered paragraph: its number hangs in the margin, as in a secretariat's report. */
function numbered(number: number, html: string): string {
  return `<p class="para" id="para-${number}"><span class="para-num">${number}.</span><span class="para-text">${html}</span></p>`
}

/** Symbol, date and original language, top right of the first page. */
function masthead(report: AssembledReport): string {
  const m = mastheadLines(report)
  const lines = [m.symbol ? `<p class="symbol">${esc(m.symbol)}</p>` : '', `<p class="date">${esc(m.date)}</p>`, `<p class="original">${esc(m.original)}</p>`]
  return `<header class="masthead">
${lines.filter(Boolean).join('\n')}
</header>`
}

function groups(list: readonly CommentGroup[], level = 4): string {
  return list
    .map((group) => {
      const threads = group.threads
        .map((thread) => {
          const comments = thread.comments
            .map((c) => {
              const head = `<span class="comment-head">C${c.number}</span> ${commentByline(c, esc, (e) => `<span class="muted">${e}</span>`)}: `
              const body = c.deleted
                ? '<span class="tombstone">(comment deleted)</span>'
                : c.body
                    .replace(/\r\n?/g, '\n')
                    .split('\n')
                    .map((l) => esc(l))
                    .join('<br>')
              return `<li class="comment" id="c${c.number}">${head}${body}</li>`
            })
            .join('\n')
          const proposal = thread.proposal ? `\n<li class="comment">${proposedWording(thread.proposal.text, esc)}</li>` : ''
          return `<li>${threadLine(thread, esc, (q) => `<span class="quote">“${q}”</span>`)}<ul>\n${comments}${proposal}\n</ul></li>`
        })
        .join('\n')
      return `<h${level}>${esc(group.label)}</h${level}>\n<ul>\n${threads}\n</ul>`
    })
    .join('\n')
}

function proposals(clause: Pick<AssembledClause, 'groups'>): string {
  const threads = clauseProposals(clause)
  if (threads.length === 0) return ''
  const items = threads
    .map((t) => {
      const p = t.proposal
      if (!p) return ''
      const declined = declinedReason(p)
      const reason = declined ? ` <span class="declined">Reason: ${esc(declined)}</span>` : ''
      return `<li>${proposalLine(p, esc)}${reason}</li>`
    })
    .join('\n')
  return `<p><strong>Proposals</strong></p>\n<ul class="proposals">\n${items}\n</ul>`
}

function commentsSection(report: AssembledReport): string {
  const parts = [`<h2 id="comments">${TITLES.comments}</h2>`]
  for (const clause of report.clauses) {
    const statements = clause.positions.statements.length
      ? `<ul>${clause.positions.statements.map((s) => `<li>${statementLine(s, esc)}</li>`).join('')}</ul>`
      : ''
    const body = clause.groups.length ? groups(clause.groups) : `<p class="muted">${NO_COMMENTS}</p>`
    parts.push(
      `<section class="comments" data-clause="${esc(clause.id)}">\n<h3>${esc(clauseTitle(clause.label, clause.heading))}</h3>\n<p><strong>Positions:</strong> ${esc(clause.positions.summary)}</p>${statements}\n${body}\n${proposals(clause)}\n</section>`,
    )
  }
  if (report.otherComments.length) {
    parts.push(`<h3>${TITLES.otherComments(report.base.number)}</h3>`)
    for (const other of report.otherComments) {
      parts.push(`<section class="comments" data-clause="${esc(other.clauseId)}">\n<h4>${esc(clauseTitle(other.label, other.heading))}</h4>\n${groups(other.groups, 5)}\n${proposals(other)}\n</section>`)
    }
  }
  return parts.join('\n')
}

function annexSection(report: AssembledReport): string {
  const head = `<h2 id="annex">${TITLES.annex}</h2>`
  if (report.annex.length === 0) return `${head}\n<p class="muted">${NO_COMMENTS}</p>`
  const rows = report.annex
    .map((e) => `<tr><td>${esc(formatTimestamp(e.at))}</td><td>${esc(annexSentence(e))}</td><td>${e.detail ? esc(e.detail) : ''}</td></tr>`)
    .join('\n')
  return `${head}\n<table class="annex"><thead><tr>${ANNEX_COLUMNS.map((c) => `<th>${c}</th>`).join('')}</tr></thead>\n<tbody>\n${rows}\n</tbody></table>`
}

function statementsAnnex(report: AssembledReport): string {
  const statements = report.statements ?? []
  const items = statements.map((s) => `<li data-clause="${esc(s.clauseId ?? '')}">${esc(statementSentence(s))}</li>`).join('\n')
  return `<h2 id="statements">${STATEMENTS_TITLE}</h2>\n${statements.length ? `<ul class="statements">\n${items}\n</ul>` : `<p class="muted">${NO_STATEMENTS}</p>`}`
}

/** The whole report as a standalone HTML document. */
export function reportHtml(report: AssembledReport): string {
  const occasion = occasionLine(report)
  const paragraphs = numberedParagraphs(report)
  const sections = paragraphs.sections.map((s) => `<h2 class="keep">${esc(s.heading)}</h2>\n${s.paragraphs.map((p) => numbered(p.number, runs(p.runs))).join('\n')}`).join('\n')
  const provisions = report.clauses
    .map((c) => `<section class="clause" data-clause="${esc(c.id)}">\n<h3>${esc(clauseTitle(c.label, c.heading))}</h3>\n<div class="clause-text">\n${clauseText(c)}\n</div>\n</section>`)
    .join('\n')
  const body = [
    masthead(report),
    `<h1>${esc(report.title)}</h1>`,
    occasion ? `<p class="meta">${esc(occasion)}</p>` : '',
    `<p class="meta">${draftLine(report, esc)}</p>`,
    `<p class="meta">${sourceLines(report).map(esc).join('<br>')}</p>`,
    sections,
    `<h2 class="keep" id="summary">Summary</h2>\n${paragraphs.summary.map((p) => numbered(p.number, esc(p.text))).join('\n')}`,
    `<h2 id="provisions">${TITLES.provisions(report.base.number)}</h2>\n${suggestionsKey(report)}${provisions}`,
    changesSection(report),
    suggestionsSection(report),
    commentsSection(report),
    annexSection(report),
    statementsAnnex(report),
  ]
    .filter(Boolean)
    .join('\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_HTML_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(report.title)}</title>
<style>${STYLE}${SUGGESTIONS_CSS}${changesCss(report)}
</style>
</head>
<body>
${body}
</body>
</html>
`
}
