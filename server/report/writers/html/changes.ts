/**
 * The "changes since" section of the HTML report: one row per changed clause holding only what
 * changed, each change in its author's colour and followed by the author's name (a note that
 * survives black-and-white printing), and a legend of the colours above the table.
 */
import { type ChangeLine, authorColours } from '../common/changeText'
import { escapeXml as esc } from '../common/escape'
import { changeAuthor } from '../common/format'
import { CHANGES_COLUMNS, NO_CHANGE, TITLES, changeRow } from '../common/sentences'
import type { AssembledReport } from '../../../../shared/report/types'

/** One class per author: `by-1`, `by-2` … in legend order. */
function authorClasses(report: AssembledReport): { classOf: (author: string) => string; css: string; legend: string } {
  const colours = authorColours(report.changes?.clauses ?? [])
  const index = new Map([...colours.keys()].map((a, i) => [a, i + 1]))
  const classOf = (author: string) => `by-${index.get(author) ?? 0}`
  const css = [...colours.entries()].map(([author, c]) => `.${classOf(author)} { color: #${c.hex}; }`).join('\n')
  const items = [...colours.entries()].map(([author, c]) => `<li><span class="${classOf(author)}">${esc(author)}</span> (${esc(c.name)})</li>`)
  const legend = items.length ? `<div class="legend"><p>Authors of the changes, each in its colour and named after each change:</p><ul>${items.join('')}</ul></div>` : ''
  return { classOf, css, legend }
}

function line(pieces: ChangeLine, classOf: (author: string) => string): string {
  return pieces
    .map((piece) => {
      if (piece.kind === 'elision') return `<span class="elided">${esc(piece.text)}</span>`
      if (piece.kind === 'note') return `<sup class="note ${classOf(piece.author)}">${esc(piece.author)}</sup>`
      const op = piece.op
      if (op.op === 'equal') return esc(op.text)
      const tag = op.op === 'insert' ? 'ins' : 'del'
      const author = changeAuthor(op.author)
      return `<${tag} class="${classOf(author)}" title="${esc(author)}">${esc(op.text)}</${tag}>`
    })
    .join('')
}

/** The section's styles that depend on the report: one colour per author. */
export function changesCss(report: AssembledReport): string {
  return authorClasses(report).css
}

export function changesSection(report: AssembledReport): string {
  if (!report.changes || !report.compare) return ''
  const compareNumber = report.compare.number
  const head = `<h2 id="changes">${TITLES.changes(compareNumber)}</h2>`
  if (report.changes.clauses.length === 0) return `${head}\n<p>${NO_CHANGE}</p>`
  const { classOf, legend } = authorClasses(report)
  const rows = report.changes.clauses
    .map((change) => {
      const { provision, kinds, authors: by, text } = changeRow(change, compareNumber)
      const cells = [
        text.heading ? `<p class="heading-change"><strong>${line(text.heading, classOf)}</strong></p>` : '',
        text.status ? `<p>${esc(text.status)}</p>` : '',
        ...text.body.map((l) => `<p>${line(l, classOf)}</p>`),
      ].join('')
      const who = by.length ? `<br><span class="muted">${esc(by.join(', '))}</span>` : ''
      return `<tr data-clause="${esc(change.id)}"><td>${esc(provision)}</td><td>${esc(kinds)}${who}</td><td>${cells}</td></tr>`
    })
    .join('\n')
  const key = '<p class="muted">Only what changed is shown: inserted words <ins>underlined</ins>, deleted words <del>struck through</del>, unchanged text left out marked “…”; a renumbered clause whose text did not change has a line of its own and no text.</p>'
  return `${head}\n${legend}\n${key}\n<table class="changes"><thead><tr>${CHANGES_COLUMNS.map((c) => `<th>${c}</th>`).join('')}</tr></thead>\n<tbody>\n${rows}\n</tbody></table>`
}
