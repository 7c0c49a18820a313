/**
 * The "changes since" table of the Akoma Ntoso report, as in the other formats: per clause only
 * what changed (`ins`/`del` titled with their author, a `sup` note naming the author after each
 * change, "…" for unchanged text left out), after a line naming the authors.
 */
import { type ChangeLine, authorColours } from '../common/changeText'
import { changeAuthor } from '../common/format'
import { CHANGES_COLUMNS, NO_CHANGE, TITLES, changeRow } from '../common/sentences'
import type { AssembledReport } from '../../../../shared/report/types'
import { container, content, el, p, text } from './xml'

function line(pieces: ChangeLine): string {
  return pieces
    .map((piece) => {
      if (piece.kind === 'elision') return text(piece.text)
      if (piece.kind === 'note') return el('sup', { class: 'author' }, text(piece.author))
      const op = piece.op
      if (op.op === 'equal') return text(op.text)
      return el(op.op === 'insert' ? 'ins' : 'del', { title: changeAuthor(op.author) }, text(op.text))
    })
    .join('')
}

export function changesSection(report: AssembledReport): string {
  if (!report.changes || !report.compare) return ''
  const compareNumber = report.compare.number
  const title = TITLES.changes(compareNumber)
  if (report.changes.clauses.length === 0) return container('hcontainer_changes', 'changes', title, content(p(NO_CHANGE)))
  const colours = authorColours(report.changes.clauses)
  const legend = colours.size ? [el('p', { class: 'legend' }, text(`Authors of the changes, each named after its change: ${[...colours.entries()].map(([a, c]) => `${a} (${c.name})`).join(', ')}.`))] : []
  const cell = (tag: 'td' | 'th', ...children: string[]) => el(tag, {}, ...(children.length ? children : [p()]))
  const rows = report.changes.clauses.map((c) => {
    const { provision, kinds, authors: by, text: what } = changeRow(c, compareNumber)
    const cells = [...(what.heading ? [p(el('b', {}, line(what.heading)))] : []), ...(what.status ? [p(text(what.status))] : []), ...what.body.map((l) => p(line(l)))]
    return el('tr', {}, cell('td', p(text(provision))), cell('td', p(text(kinds)), ...(by.length ? [p(el('i', {}, text(by.join(', '))))] : [])), cell('td', ...cells))
  })
  const head = el('tr', {}, ...CHANGES_COLUMNS.map((c) => cell('th', p(c))))
  return container('hcontainer_changes', 'changes', title, content(...legend, el('table', { eId: 'hcontainer_changes__table_1' }, head, ...rows)))
}
