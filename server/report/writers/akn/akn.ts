/**
 * The report as Akoma Ntoso 3.0 XML (OASIS LegalDocML), valid against the official schema: the
 * report is a `doc` named "report" whose main body holds the free sections, the summary, the table of
 * changes and the comments clause by clause; its attachments are the provisions as a `bill` (one
 * `article` per article, with `num`, `heading` and `paragraph`s) and the comment history as a `doc`
 * named "annex". Byte-identical for the same assembled report: dates come from the report, never
 * from the clock. Every piece of user text is escaped.
 */
import { type Block, subparagraphLabel, optionLabel } from '../../../../shared/draft/blocks'
import { annexSentence, clauseProposals, clauseTitle, formatDate, formatTimestamp, isoDay, sourceLines } from '../common/format'
import { ANNEX_COLUMNS, NO_COMMENTS, TITLES, commentByline, declinedReason, draftLine, mastheadLines, proposalLine, proposedWording, statementLine, threadLine } from '../common/sentences'
import { type NumberedParagraph, numberedParagraphs } from '../common/paragraphs'
import type { RichParagraph } from '../common/richText'
import type { AssembledClause, AssembledReport, CommentGroup } from '../../../../shared/report/types'
import { changesSection } from './changes'
import { bracketed, clauseXmlLines, linkReferences, slug, xmlBlocks } from './lines'
import { suggestionReferences, suggestionsSection } from './suggestions'
import { blockList, container, content, el, p, text } from './xml'

export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0'
/** The FRBR "country" of an intergovernmental text: none of the States alone. */
const COUNTRY = 'int'


interface Frbr {
  readonly work: string
  readonly workDate: string
  readonly workDateName: string
  readonly expression: string
  readonly expressionDate: string
  readonly expressionDateName: string
  readonly version: string | null
  readonly component: string
  /** The document symbol, an alias of this expression (a revised version bears its own). */
  readonly symbol?: string | null
}

function identification(f: Frbr): string {
  const manifestation = `${f.expression}/!${f.component}.xml`
  return el(
    'identification',
    { source: '#provisio' },
    el(
      'FRBRWork',
      {},
      el('FRBRthis', { value: `${f.work}/!${f.component}` }),
      el('FRBRuri', { value: f.work }),
      el('FRBRdate', { date: f.workDate, name: f.workDateName }),
      el('FRBRauthor', { href: '#rapporteur' }),
      el('FRBRcountry', { value: COUNTRY }),
    ),
    el(
      'FRBRExpression',
      {},
      el('FRBRthis', { value: `${f.expression}/!${f.component}` }),
      el('FRBRuri', { value: f.expression }),
      f.symbol ? el('FRBRalias', { value: f.symbol, name: 'documentSymbol' }) : '',
      el('FRBRdate', { date: f.expressionDate, name: f.expressionDateName }),
      el('FRBRauthor', { href: '#rapporteur' }),
      f.version ? el('FRBRversionNumber', { value: f.version }) : '',
      el('FRBRlanguage', { language: 'eng' }),
    ),
    el(
      'FRBRManifestation',
      {},
      el('FRBRthis', { value: manifestation }),
      el('FRBRuri', { value: `${f.expression}.akn` }),
      el('FRBRdate', { date: f.expressionDate, name: 'generation' }),
      el('FRBRauthor', { href: '#provisio' }),
      el('FRBRformat', { value: 'application/akn+xml' }),
    ),
  )
}

function references(report: AssembledReport): string {
  return el(
    'references',
    { source: '#provisio' },
    el('TLCOrganization', { eId: 'provisio', href: '/ontology/organization/provisio', showAs: 'Provisio' }),
    report.place ? el('TLCLocation', { eId: 'place', href: `/ontology/location/${slug(report.place)}`, showAs: report.place }) : '',
    el('TLCRole', { eId: 'rapporteur', href: '/ontology/role/rapporteur', showAs: 'Rapporteur' }),
    ...suggestionReferences(report),
  )
}

// ---- The provisions as a bill ----

/** A clause's blocks (texts already inline XML) as AKN paragraphs; a paragraph followed by lettered sub-paragraphs becomes one list with an intro. */
function paragraphs(prefix: string, blocks: readonly Block[]): string {
  const out: string[] = []
  let n = 0
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Block
    const next = blocks[i + 1]
    const eId = `${prefix}__para_${++n}`
    if (block.type === 'paragraph' && next?.type === 'subparagraphs') {
      out.push(el('paragraph', { eId }, list(eId, next.items, block.text)))
      i++
    } else if (block.type === 'paragraph') {
      out.push(el('paragraph', { eId }, el('content', {}, p(block.text))))
    } else if (block.type === 'subparagraphs') {
      out.push(el('paragraph', { eId }, list(eId, block.items, null)))
    } else {
      const lines = block.options.map((option, k) => p(text(`Option ${optionLabel(k)}: `), option))
      out.push(el('paragraph', { eId, class: 'options' }, el('content', {}, ...lines)))
    }
  }
  if (out.length === 0) out.push(el('content', {}, p()))
  return out.join('')
}

function list(parent: string, items: readonly string[], intro: string | null): string {
  const eId = `${parent}__list_1`
  const points = items.map((item, k) => {
    const label = subparagraphLabel(k)
    return el('point', { eId: `${eId}__point_${label}` }, el('num', {}, `(${label})`), el('content', {}, p(item)))
  })
  return el('list', { eId }, intro === null ? '' : el('intro', {}, p(intro)), ...points)
}

function bill(report: AssembledReport): string {
  const day = isoDay(report.base.createdAt)
  const work = `/akn/${COUNTRY}/bill/${day}/${report.draft.id}`
  const frbr: Frbr = {
    work,
    workDate: day,
    workDateName: 'revision',
    expression: `${work}/eng@r${report.base.number}`,
    expressionDate: day,
    expressionDateName: 'revision',
    version: String(report.base.number),
    component: 'main',
  }
  const leading: AssembledClause[] = []
  let i = 0
  while (i < report.clauses.length && report.clauses[i]?.kind === 'preamble') leading.push(report.clauses[i++] as AssembledClause)
  const rest = report.clauses.slice(i)
  const preambleLines = leading.flatMap(clauseXmlLines).map((line) => p(line.label ? `${text(line.label)} ` : '', line.xml))
  const preamble = leading.length ? el('preamble', {}, ...(preambleLines.length ? preambleLines : [p()])) : ''
  let hcontainers = 0
  const body = rest.map((c) => {
    if (c.kind === 'article') {
      const eId = `art_${c.number ?? 0}`
      return el('article', { eId }, el('num', {}, text(c.label)), c.heading.trim() ? el('heading', {}, bracketed(c.heading)) : '', paragraphs(eId, xmlBlocks(clauseXmlLines(c))))
    }
    // A preamble-kind clause after the first article: kept in place, as a generic container.
    const eId = `hcontainer_${++hcontainers}`
    const lines = clauseXmlLines(c)
    return el('hcontainer', { eId, name: 'preamble' }, c.heading.trim() ? el('heading', {}, bracketed(c.heading)) : '', el('content', {}, ...(lines.length ? [p(lines.map((l) => (l.label ? `${text(l.label)} ${l.xml}` : l.xml)).join(' '))] : [p()])))
  })
  if (body.length === 0) body.push(el('hcontainer', { eId: 'hcontainer_empty', name: 'noProvisions' }, el('content', {}, p('No articles.'))))
  const eIds = new Map(rest.filter((c) => c.kind === 'article').map((c) => [c.id, `art_${c.number ?? 0}`]))
  return linkReferences(el(
    'bill',
    { name: 'modelProvisions' },
    // The references live in the report's own meta; the attachments point to them.
    el('meta', {}, identification(frbr)),
    el('preface', {}, el('longTitle', {}, p(el('docTitle', {}, text(report.draft.title)))), p(text(`Revision ${report.base.number}: ${report.base.label} (${formatDate(report.base.createdAt)})`))),
    preamble,
    el('body', {}, ...body),
  ), eIds)
}

// ---- The report ----

function groups(prefix: string, list: readonly CommentGroup[]): string[] {
  return list.map((group, g) => {
    const eId = `${prefix}__hcontainer_${g + 1}`
    const items = group.threads.map((thread) => {
      const lines = [p(el('i', {}, text(threadLine(thread))))]
      for (const c of thread.comments) {
        const head = `${el('b', {}, `C${c.number}`)} ${text(`${commentByline(c)}: `)}`
        const body = c.deleted
          ? el('i', {}, '(comment deleted)')
          : c.body
              .replace(/\r\n?/g, '\n')
              .split('\n')
              .map((l) => text(l))
              .join('<eol/>')
        lines.push(el('p', { class: 'comment' }, head, body))
      }
      if (thread.proposal) lines.push(p(text(proposedWording(thread.proposal.text))))
      return lines
    })
    return container(eId, 'state', group.label, content(blockList(`${eId}__list_1`, items)))
  })
}

function proposals(prefix: string, clause: Pick<AssembledClause, 'groups'>): string {
  const threads = clauseProposals(clause)
  if (threads.length === 0) return ''
  const items = threads.flatMap((th) => {
    const prop = th.proposal
    if (!prop) return []
    const declined = declinedReason(prop)
    return [[p(text(`${proposalLine(prop)}${declined ? ` Reason: ${declined}` : ''}`))]]
  })
  return container(`${prefix}__proposals`, 'proposals', 'Proposals', content(blockList(`${prefix}__proposals__list_1`, items)))
}

function commentsSection(report: AssembledReport): string {
  const clauses = report.clauses.map((clause, k) => {
    const eId = `hcontainer_comments__hcontainer_${k + 1}`
    const statements = clause.positions.statements.map((s) => [p(text(statementLine(s)))])
    const positions = container(`${eId}__positions`, 'positions', 'Positions', content(p(text(clause.positions.summary)), ...(statements.length ? [blockList(`${eId}__positions__list_1`, statements)] : [])))
    const comments = clause.groups.length ? groups(eId, clause.groups) : [container(`${eId}__none`, 'noComments', null, content(p(NO_COMMENTS)))]
    return el('hcontainer', { eId, name: 'clause' }, el('heading', {}, text(clauseTitle(clause.label, clause.heading))), positions, ...comments, proposals(eId, clause))
  })
  const others = report.otherComments.map((other, k) => {
    const eId = `hcontainer_comments__hcontainer_other_${k + 1}`
    return el('hcontainer', { eId, name: 'otherClause' }, el('heading', {}, text(clauseTitle(other.label, other.heading))), ...groups(eId, other.groups), proposals(eId, other))
  })
  return container('hcontainer_comments', 'comments', TITLES.comments, ...clauses, ...others)
}

function annex(report: AssembledReport, frbr: Frbr): string {
  const annexFrbr: Frbr = { ...frbr, component: 'annex_1' }
  const body = report.annex.length
    ? el(
        'table',
        { eId: 'annex__table_1' },
        el('tr', {}, ...ANNEX_COLUMNS.map((c) => el('th', {}, p(c)))),
        ...report.annex.map((e) => el('tr', {}, el('td', {}, p(text(formatTimestamp(e.at)))), el('td', {}, p(text(annexSentence(e)))), el('td', {}, p(e.detail ? text(e.detail) : '')))),
      )
    : p(NO_COMMENTS)
  return el(
    'doc',
    { name: 'annex' },
    el('meta', {}, identification(annexFrbr)),
    el('preface', {}, el('longTitle', {}, p(el('docTitle', {}, TITLES.annex)))),
    el('mainBody', {}, el('tblock', { eId: 'annex__tblock_1' }, el('heading', {}, 'Comment history'), body)),
  )
}

function richRuns(runs: RichParagraph): string[] {
  return runs.map((run) => {
    let x = text(run.text)
    if (run.italic) x = el('i', {}, x)
    if (run.bold) x = el('b', {}, x)
    return x
  })
}

/** One of the report's numbered paragraphs, its number as the paragraph's `num`. */
function numberedParagraph(prefix: string, par: NumberedParagraph): string {
  return el('paragraph', { eId: `${prefix}__para_${par.number}` }, el('num', {}, `${par.number}.`), content(p(...richRuns(par.runs))))
}

/** The report as an Akoma Ntoso XML document. */
export function reportAkn(report: AssembledReport): string {
  const versionDay = isoDay(report.versionAt)
  const workDay = report.date ?? versionDay
  const work = `/akn/${COUNTRY}/doc/report/${workDay}/${report.reportId ?? 'preview'}`
  const frbr: Frbr = {
    work,
    workDate: workDay,
    workDateName: report.date ? 'report' : 'version',
    expression: `${work}/eng@v${report.version ?? 0}`,
    expressionDate: versionDay,
    expressionDateName: 'version',
    version: report.version === null ? null : String(report.version),
    component: 'main',
    symbol: report.symbol,
  }
  const occasion = [
    report.session ? el('session', { value: report.session }, text(report.session)) : '',
    report.place ? el('location', { refersTo: '#place' }, text(report.place)) : '',
    report.date ? el('docDate', { date: report.date }, text(formatDate(report.date))) : '',
  ].filter(Boolean)
  const m = mastheadLines(report)
  const masthead = [
    m.symbol ? el('p', { class: 'symbol' }, el('docNumber', {}, text(m.symbol))) : '',
    el('p', { class: 'date' }, text(m.date)),
    el('p', { class: 'originalLanguage' }, text(m.original)),
  ]
  const preface = el(
    'preface',
    {},
    ...masthead,
    el('longTitle', {}, p(el('docTitle', {}, text(report.title)))),
    occasion.length ? p(occasion.join(', ')) : '',
    p(text(draftLine(report))),
    ...sourceLines(report).map((l) => p(text(l))),
  )
  const numbered = numberedParagraphs(report)
  const sections = numbered.sections.map((s, k) => {
    const eId = `hcontainer_section_${k + 1}`
    return container(eId, 'section', s.heading, ...(s.paragraphs.length ? s.paragraphs.map((par) => numberedParagraph(eId, par)) : [content(p())]))
  })
  const summary = container('hcontainer_summary', 'summary', 'Summary', ...numbered.summary.map((par) => numberedParagraph('hcontainer_summary', { number: par.number, runs: [{ text: par.text, bold: false, italic: false }] })))
  const mainBody = el('mainBody', {}, ...sections, summary, changesSection(report), suggestionsSection(report), commentsSection(report))
  const attachments = el('attachments', {}, el('attachment', { eId: 'att_1' }, bill(report)), el('attachment', { eId: 'att_2' }, annex(report, frbr)))
  const doc = el('doc', { name: 'report' }, el('meta', {}, identification(frbr), references(report)), preface, mainBody, attachments)
  return `<?xml version="1.0" encoding="UTF-8"?>\n${el('akomaNtoso', { xmlns: AKN_NAMESPACE }, '\n', doc)}`
}
