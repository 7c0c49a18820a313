/**
 * The minutes as one printable HTML page, like the report's: inline stylesheet, no script, no
 * external resource, the report's Content-Security-Policy, every piece of user text escaped, and
 * headings, lists and a captioned table a screen reader can walk.
 */
import type { Minutes, MinutesClause, MinutesTextClause } from '../../../shared/meetingMinutes'
import type { ReportStatement } from '../../../shared/report/types'
import type { ChangeLine } from '../../report/writers/common/changeText'
import { escapeXml as esc } from '../../report/writers/common/escape'
import { clauseTitle } from '../../report/writers/common/format'
import { bracketParts, clauseLines } from '../../report/writers/common/lines'
import { CHANGES_COLUMNS } from '../../report/writers/common/sentences'
import { statementSentence } from '../../report/writers/common/statements'
import { SUGGESTIONS_KEY } from '../../report/writers/common/suggestions'
import { REPORT_HTML_CSP } from '../../report/writers/html/html'
import { SUGGESTIONS_CSS, suggestedClauseText } from '../../report/writers/html/suggestions'
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

const STYLE = `
:root { color-scheme: light; }
body { font: 11pt/1.5 "Times New Roman", Georgia, serif; color: #111; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, h4 { color: #000; font-weight: bold; }
h1 { font-size: 1.5em; margin: .6em 0 .3em; }
h2 { font-size: 1.2em; margin: 1.6em 0 .5em; border-bottom: 1px solid #888; }
h3 { font-size: 1.05em; margin: 1.2em 0 .4em; }
h4 { font-size: 1em; margin: .8em 0 .2em; font-style: italic; }
.meta { color: #333; margin: .2em 0; }
.provisional { border: 2px solid #7a2a00; color: #7a2a00; padding: .4em .6em; font-weight: bold; }
.muted { color: #555; font-style: italic; }
.clause-text p { margin: .3em 0; }
.clause-text .sub { margin-left: 2em; }
.clause-text .option { margin-left: 1em; }
.bracket { font-weight: bold; }
.status { color: #333; font-size: .95em; }
ins { text-decoration: underline; background: none; }
del { text-decoration: line-through; }
.note { font-size: .72em; font-style: italic; margin-left: .15em; }
.elided { color: #555; }
ol.decisions li { margin: .2em 0; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: .95em; }
caption { text-align: left; font-style: italic; padding-bottom: .3em; }
th, td { border: 1px solid #888; padding: .3em .45em; vertical-align: top; text-align: left; }
th { background: #eee; }
td p { margin: .15em 0; }
@page { size: A4; margin: 2cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  h2, h3, h4 { break-after: avoid; }
  tr, li, .clause-text p { break-inside: avoid; }
  th { background: none; }
}
`

const bracketed = (text: string) =>
  bracketParts(text)
    .map((p) => (p.bracketed ? `<span class="bracket">${esc(p.text)}</span>` : esc(p.text)))
    .join('')

function clauseText(clause: MinutesTextClause): string {
  if (clause.suggested) return suggestedClauseText(clause.suggested)
  const lines = clauseLines(clause.text)
  if (lines.length === 0) return '<p class="muted">(no text)</p>'
  return lines.map((l) => (l.kind === 'paragraph' ? `<p>${bracketed(l.text)}</p>` : `<p class="${l.kind === 'subparagraph' ? 'sub' : 'option'}">${esc(l.label ?? '')} ${bracketed(l.text)}</p>`)).join('\n')
}

const list = (items: readonly string[], tag: 'ul' | 'ol' = 'ul', cls = '') => `<${tag}${cls ? ` class="${cls}"` : ''}>\n${items.map((i) => `<li>${i}</li>`).join('\n')}\n</${tag}>`

const statementItems = (statements: readonly ReportStatement[]) => statements.map((s) => `<span data-statement="${esc(s.id)}">${esc(statementSentence(s))}</span>`)

function clauseRecord(c: MinutesClause): string {
  const parts = [`<section class="clause" data-clause="${esc(c.clauseId)}" aria-labelledby="taken-${esc(c.clauseId)}">`, `<h3 id="taken-${esc(c.clauseId)}">${esc(clauseTitle(c.label, c.heading))}</h3>`, `<p class="muted">${esc(screenLine(c))}</p>`]
  if (c.speakers.length) parts.push('<h4>Speakers</h4>', list(c.speakers.map((s) => esc(speakerLine(s))), 'ol'))
  parts.push('<h4>Decisions</h4>')
  if (c.decisions.length === 0) parts.push(`<p class="muted">${NO_DECISIONS}</p>`)
  else parts.push(`<ol class="decisions">\n${c.decisions.map((d) => `<li value="${d.seq}" data-decision="${esc(d.id)}"><strong>${esc(d.label)}</strong> — ${esc(decisionDetail(d, c.label))}</li>`).join('\n')}\n</ol>`)
  if (c.statements.length) parts.push('<h4>Statements on record</h4>', list(statementItems(c.statements)))
  parts.push('</section>')
  return parts.join('\n')
}

function attendance(m: Minutes): string {
  const { present, absent } = m.attendance
  const parts = [`<h2 id="attendance">${MINUTES_TITLES.attendance}</h2>`, `<h3>${MINUTES_TITLES.present} (${present.length})</h3>`]
  parts.push(present.length ? list(present.map((a) => `<span data-state="${esc(a.state)}">${esc(attendeeLine(a))}</span>`)) : `<p class="muted">${NO_STATES}</p>`)
  if (absent.length) parts.push(`<h3>${MINUTES_TITLES.absent} (${absent.length})</h3>`, list(absent.map((a) => `<span data-state="${esc(a.state)}">${esc(attendeeLine(a))}</span>`)))
  return parts.join('\n')
}

function record(m: Minutes): string {
  const parts = [`<h2 id="clauses">${MINUTES_TITLES.clauses}</h2>`, m.clauses.length ? m.clauses.map(clauseRecord).join('\n') : `<p class="muted">${NO_CLAUSES}</p>`]
  if (m.otherClauses.length) parts.push(`<h2 id="other">${MINUTES_TITLES.otherClauses}</h2>`, m.otherClauses.map(clauseRecord).join('\n'))
  const { speakers, statements } = m.general
  if (speakers.length || statements.length) {
    parts.push(`<h2 id="general">${MINUTES_TITLES.general}</h2>`)
    if (speakers.length) parts.push('<h3>Speakers</h3>', list(speakers.map((s) => esc(speakerLine(s))), 'ol'))
    if (statements.length) parts.push('<h3>Statements on record</h3>', list(statementItems(statements)))
  }
  return parts.join('\n')
}

function closingText(m: Minutes): string {
  const key = m.text.clauses.some((c) => c.suggested) ? `<p class="muted">${esc(SUGGESTIONS_KEY)}</p>\n` : ''
  const clauses = m.text.clauses.map((c) => `<section class="clause-final" data-clause="${esc(c.id)}">\n<h3>${esc(clauseTitle(c.label, c.heading))}</h3>\n<p class="status">Status: ${esc(c.status.replace(/-/g, ' '))}</p>\n<div class="clause-text">\n${clauseText(c)}\n</div>\n</section>`)
  const revision = m.text.revision ? `<p class="meta">Revision ${m.text.revision.number} (“${esc(m.text.revision.label)}”), saved at the close.</p>\n` : ''
  return `<h2 id="text">${esc(MINUTES_TITLES.text(m))}</h2>\n${revision}${key}${clauses.join('\n')}`
}

function changeLine(line: ChangeLine): string {
  return line
    .map((piece) => {
      if (piece.kind === 'elision') return `<span class="elided">${esc(piece.text)}</span>`
      if (piece.kind === 'note') return `<sup class="note">${esc(piece.author)}</sup>`
      const { op, text } = piece.op
      if (op === 'equal') return esc(text)
      return op === 'insert' ? `<ins>${esc(text)}</ins>` : `<del>${esc(text)}</del>`
    })
    .join('')
}

function changes(m: Minutes): string {
  const head = `<h2 id="changes">${MINUTES_TITLES.changes}</h2>\n<p class="meta">${esc(changesSourceLine(m))} ${esc(changesSummaryLine(m))}</p>`
  if (m.changes.clauses.length === 0) return `${head}\n<p>${NO_CHANGES}</p>`
  const rows = m.changes.clauses.map((change) => {
    const row = minutesChangeRow(change, m.changes.from?.number ?? 0)
    const cells = [row.text.heading ? `<p><strong>${changeLine(row.text.heading)}</strong></p>` : '', row.text.status ? `<p>${esc(row.text.status)}</p>` : '', ...row.text.body.map((l) => `<p>${changeLine(l)}</p>`)].join('')
    const states = row.states.length ? `<br><span class="muted">${esc(row.states.join(', '))}</span>` : ''
    return `<tr data-clause="${esc(change.id)}"><th scope="row">${esc(row.provision)}</th><td>${esc(row.kinds)}${states}</td><td>${cells}</td></tr>`
  })
  return `${head}\n<table class="changes">\n<caption>${esc(CHANGES_KEY)}</caption>\n<thead><tr>${CHANGES_COLUMNS.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table>`
}

/** The minutes as a standalone HTML document. */
export function minutesHtml(m: Minutes): string {
  const occasion = occasionLine(m)
  const body = [
    `<header>\n<h1>${esc(minutesHeading(m))}</h1>`,
    occasion ? `<p class="meta">${esc(occasion)}</p>` : '',
    m.provisional ? `<p class="provisional" role="note">${esc(PROVISIONAL)}</p>` : '',
    `<p class="meta">${particularLines(m).map(esc).join('<br>')}</p>\n</header>`,
    attendance(m),
    record(m),
    closingText(m),
    changes(m),
  ]
    .filter(Boolean)
    .join('\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_HTML_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(minutesHeading(m))}${m.provisional ? ' (provisional)' : ''}</title>
<style>${STYLE}${SUGGESTIONS_CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`
}
