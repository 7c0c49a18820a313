import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DraftContent } from '../../shared/api'
import { moveClause } from '../../shared/draft/clauseOps'
import { ClauseKey } from '../../shared/draft/format'
import { DANGLING_LABEL, REFERENCE_NODE } from '../../shared/draft/references'
import { clausesMap } from '../../shared/draft/ydoc'
import type { ReportInput } from '../../shared/report/types'
import { saveRevision } from '../services/revisions'
import { buildDraft, tokenFor } from '../testing/factories'
import { request } from '../testing/http'
import { newServerWithGroup } from '../testing/newServer'
import { assembleReport } from './assemble'
import { reportAkn } from './writers/akn/akn'
import { validateAkn } from './writers/akn/xmllint'
import { reportDocx } from './writers/docx/docx'
import { reportHtml } from './writers/html/html'
import { reportMarkdown } from './writers/markdown/markdown'

const CLAUSES = [
  { id: 'pre', kind: 'preamble' as const, heading: 'Preamble', text: 'The States adopting these model provisions,' },
  { id: 'scope', kind: 'article' as const, heading: 'Scope', text: 'These provisions apply to the offences they define.' },
  { id: 'terms', kind: 'article' as const, heading: 'Use of terms', text: 'Terms have the meanings given here.' },
  { id: 'access', kind: 'article' as const, heading: 'Illegal access', text: 'Each State shall make illegal access an offence.' },
  { id: 'seize', kind: 'article' as const, heading: 'Search and seizure', text: 'Each State shall empower its authorities to search.' },
  { id: 'preserve', kind: 'article' as const, heading: 'Expedited preservation', text: 'Each State shall enable the expedited preservation of stored data.' },
  { id: 'orders', kind: 'article' as const, heading: 'Production orders', text: 'Each State shall enable production orders.' },
]

/** Article 6 (orders) and Article 2 (terms) cite Article 5 (preserve), the first with a paragraph path. */
function cite(doc: Y.Doc): void {
  const add = (from: string, before: string, para: string | null, afterText: string) => {
    const body = clausesMap(doc).get(from)?.get(ClauseKey.body) as Y.XmlFragment
    const paragraph = new Y.XmlElement('paragraph')
    const ref = new Y.XmlElement(REFERENCE_NODE)
    ref.setAttribute('clause', 'preserve')
    if (para) ref.setAttribute('para', para)
    paragraph.insert(0, [new Y.XmlText(before), ref, new Y.XmlText(afterText)])
    body.insert(body.length, [paragraph])
  }
  add('orders', 'Orders may follow the measures referred to in ', '(2)(b)', '.')
  add('terms', 'Stored data is as described in ', null, '.')
}

describe('cross-references through the server', () => {
  it('move Article 5 to the end: the content API and every export of the new revision say Article 6, those of the earlier revision Article 5; delete it: flagged', { timeout: 30_000 }, async () => {
    const t = await newServerWithGroup()
    const { rapporteur, observer } = t.users
    const draft = await buildDraft(t.storage, rapporteur, { title: 'Model provisions on electronic evidence', clauses: CLAUSES })
    await t.server.ctx.collab.withDoc(draft.id, (doc) => doc.transact(() => cite(doc)))
    await saveRevision(t.server.ctx, draft, rapporteur, 'Before the move')
    await t.server.ctx.collab.withDoc(draft.id, (doc) => moveClause(doc, 'preserve', CLAUSES.length - 1))
    await saveRevision(t.server.ctx, draft, rapporteur, 'After the move')

    const token = await tokenFor(t.storage, observer)
    const content = await request<DraftContent>(`${t.url}/api/drafts/${draft.id}/content`, { token })
    expect(content.status).toBe(200)
    const byId = (id: string) => content.body.clauses.find((c) => c.id === id)
    expect(byId('preserve')?.label).toBe('Article 6')
    expect(byId('orders')?.text).toContain('referred to in Article 6(2)(b).')
    expect(byId('orders')?.html).toContain('>Article 6(2)(b)</a>')
    expect(byId('terms')?.text).toContain('as described in Article 6.')

    const input = (baseRevision: number): ReportInput => ({ title: 'Report', session: null, place: null, date: '2026-12-02', sections: [], baseRevision, compareTo: baseRevision === 2 ? 1 : null, rounds: [] })
    const meta = { reportId: 'rep1', version: 1, versionAt: '2026-12-02T10:00:00.000Z', authorId: rapporteur.id }
    for (const [revision, label] of [
      [2, 'Article 6'],
      [1, 'Article 5'],
    ] as const) {
      const report = await assembleReport(t.storage, draft, input(revision), meta)
      const html = reportHtml(report)
      expect(html).toContain(`measures referred to in ${label}(2)(b).`)
      expect(reportMarkdown(report)).toContain(`measures referred to in ${label}(2)(b).`)
      const docx = strFromU8(unzipSync(new Uint8Array(await reportDocx(report)))['word/document.xml'] ?? new Uint8Array())
      expect(docx).toContain(`${label}(2)(b)`)
      const akn = reportAkn(report)
      expect(akn).toContain(`<ref href="#art_${label.slice(-1)}">${label}(2)(b)</ref>`)
      expect(akn).not.toMatch(/[\uE000-\uE002]/)
      const check = validateAkn(akn)
      if (check.ran) expect(check.valid, check.output).toBe(true)
      else console.warn(`AKN schema validation skipped: ${check.why}`)
    }
    // Across the move the referring clauses' wording is unchanged.
    const report = await assembleReport(t.storage, draft, input(2), meta)
    expect(JSON.stringify(report.changes)).not.toContain('Article 5(2)(b)')
    const diff = await request<{ clauses: { id: string; changes: string[]; body: { op: string }[] }[] }>(`${t.url}/api/drafts/${draft.id}/diff?from=1&to=2`, { token })
    expect(diff.status).toBe(200)
    for (const id of ['orders', 'terms']) {
      const clause = diff.body.clauses.find((c) => c.id === id)
      expect(clause?.changes).not.toContain('body')
      expect(clause?.body.every((op) => op.op === 'equal')).toBe(true)
    }
    expect(diff.body.clauses.find((c) => c.id === 'preserve')?.changes).toContain('renumbered')

    await t.server.ctx.collab.withDoc(draft.id, (doc) => clausesMap(doc).delete('preserve'))
    const after = await request<DraftContent>(`${t.url}/api/drafts/${draft.id}/content`, { token })
    const orders = after.body.clauses.find((c) => c.id === 'orders')
    expect(orders?.text).toContain(`referred to in ${DANGLING_LABEL}.`)
    expect(orders?.references).toEqual([{ fromClauseId: 'orders', clauseId: 'preserve', para: '(2)(b)', label: DANGLING_LABEL, dangling: true }])
    expect(after.body.clauses.flatMap((c) => c.references).filter((r) => r.dangling)).toHaveLength(2)
  })
})
