import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import type { ReportSummary, ReportView } from '../../../../shared/report/types'
import { buildGroup, buildUser, tokenFor } from '../../../testing/factories'
import { saveRevision } from '../../../services/revisions'
import { request } from '../../../testing/http'
import { reportFixture } from '../../../testing/reportFixture'

type ErrorBody = { error: { code: string; message: string } }
type ReportRes = { report: ReportView }

async function setup() {
  const f = await reportFixture()
  const other = await buildGroup(f.storage)
  const stranger = await buildUser(f.storage, { role: 'rapporteur', group: other })
  const tokens = {
    rapporteur: await tokenFor(f.storage, f.users.rapporteur),
    secretariat: await tokenFor(f.storage, f.users.secretariat),
    chair: await tokenFor(f.storage, f.users.chair),
    kenya: await tokenFor(f.storage, f.users.kenya),
    observer: await tokenFor(f.storage, f.users.observer),
    outsider: await tokenFor(f.storage, f.users.outsider),
    stranger: await tokenFor(f.storage, stranger),
  }
  const base = `${f.url}/api/drafts/${f.draft.id}/reports`
  const create = (token: string, body: unknown) => request<ReportRes & ErrorBody>(base, { method: 'POST', token, body })
  return { ...f, tokens, base, create }
}

/** Raw bytes and headers of an export. */
async function download(url: string, token: string) {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) }
}

describe('reports API', () => {
  it('saves a report as version 1, revises it accordingly as version 2, and keeps both', async () => {
    const t = await setup()
    const created = await t.create(t.tokens.rapporteur, t.input)
    expect(created.status).toBe(201)
    const v1 = created.body.report
    expect(v1).toMatchObject({
      draftId: t.draft.id,
      version: 1,
      title: t.input.title,
      session: '57th session',
      place: 'Tokyo',
      date: '2026-11-30',
      baseRevision: 3,
      compareTo: 1,
      rounds: [t.round.id],
      sections: t.input.sections,
      createdBy: { id: t.users.rapporteur.id },
      counts: { clauses: 5, comments: 7, proposals: { applied: 1, declined: 1, pending: 1 } },
    })
    expect(v1.versions.map((v) => v.version)).toEqual([1])

    // The secretariat revises it: compareTo left out means the revision saved when the round opened (2).
    const revised = await request<ReportRes>(`${t.url}/api/reports/${v1.id}`, {
      method: 'PUT',
      token: t.tokens.secretariat,
      body: { title: 'Report revised accordingly', baseRevision: 3, sections: [{ heading: 'Introduction', body: 'Revised.' }] },
    })
    expect(revised.status).toBe(200)
    expect(revised.body.report).toMatchObject({ id: v1.id, version: 2, title: 'Report revised accordingly', compareTo: 2, rounds: null, session: null, versionCreatedBy: { id: t.users.secretariat.id }, createdBy: { id: t.users.rapporteur.id } })
    expect(revised.body.report.versions.map((v) => [v.version, v.title])).toEqual([
      [1, t.input.title],
      [2, 'Report revised accordingly'],
    ])

    for (const token of [t.tokens.kenya, t.tokens.observer]) {
      const latest = await request<ReportRes>(`${t.url}/api/reports/${v1.id}`, { token })
      expect([latest.status, latest.body.report.version]).toEqual([200, 2])
      const first = await request<ReportRes>(`${t.url}/api/reports/${v1.id}?version=1`, { token })
      expect(first.body.report).toMatchObject({ version: 1, title: t.input.title, compareTo: 1 })
      const list = await request<{ reports: ReportSummary[] }>(t.base, { token })
      expect(list.body.reports.map((r) => [r.id, r.version, r.title])).toEqual([[v1.id, 2, 'Report revised accordingly']])
    }
  })

  it('exports every format with its content type and a download name; Markdown and AKN byte-identical each time', async () => {
    const t = await setup()
    const { id } = (await t.create(t.tokens.rapporteur, { ...t.input, title: 'Rapport « Genève »' })).body.report
    const expected = {
      html: ['text/html; charset=utf-8', 'html'],
      md: ['text/markdown; charset=utf-8', 'md'],
      akn: ['application/akn+xml; charset=utf-8', 'akn.xml'],
      docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
    } as const
    for (const [format, [type, extension]] of Object.entries(expected)) {
      const res = await download(`${t.url}/api/reports/${id}/export?format=${format}`, t.tokens.kenya)
      expect({ format, status: res.status, type: res.headers.get('content-type') }).toEqual({ format, status: 200, type })
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Rapport-Geneve-v1.${extension}"; filename*=UTF-8''Rapport%20%C2%AB%20Gen%C3%A8ve%20%C2%BB-v1.${extension}`)
    }
    const docx = await download(`${t.url}/api/reports/${id}/export?format=docx`, t.tokens.observer)
    expect(strFromU8(unzipSync(docx.bytes)['word/document.xml'] ?? new Uint8Array())).toMatch(/<w:ins w:id="\d+" w:author="Kenya"/)
    const html = await download(`${t.url}/api/reports/${id}/export?format=html`, t.tokens.observer)
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'")
    for (const format of ['md', 'akn'] as const) {
      const a = await download(`${t.url}/api/reports/${id}/export?format=${format}`, t.tokens.kenya)
      const b = await download(`${t.url}/api/reports/${id}/export?format=${format}&version=1`, t.tokens.rapporteur)
      expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes))).toBe(true)
    }
  })

  it('previews a report as HTML without saving anything', async () => {
    const t = await setup()
    const res = await fetch(`${t.base}/preview`, { method: 'POST', headers: { authorization: `Bearer ${t.tokens.rapporteur}`, 'content-type': 'application/json' }, body: JSON.stringify({ ...t.input, title: 'Preview <b>&</b>' }) })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    const html = await res.text()
    expect(html).toContain('<h1>Preview &lt;b&gt;&amp;&lt;/b&gt;</h1>')
    expect(html).toContain('Preview (not saved)')
    expect((await request<{ reports: unknown[] }>(t.base, { token: t.tokens.rapporteur })).body.reports).toEqual([])
  })

  it('answers 401 without a session, 403 to roles that may not assemble, 404 to non-members and for unknown reports', async () => {
    const t = await setup()
    const { id } = (await t.create(t.tokens.rapporteur, t.input)).body.report
    expect((await request(t.base)).status).toBe(401)
    expect((await request(`${t.url}/api/reports/${id}`)).status).toBe(401)
    for (const token of [t.tokens.kenya, t.tokens.observer, t.tokens.chair]) {
      for (const [url, method] of [[t.base, 'POST'], [`${t.base}/preview`, 'POST'], [`${t.url}/api/reports/${id}`, 'PUT']] as const) {
        const res = await request<ErrorBody>(url, { method, token, body: t.input })
        expect({ url, status: res.status, code: res.body.error.code }).toEqual({ url, status: 403, code: 'forbidden' })
      }
    }
    for (const token of [t.tokens.outsider, t.tokens.stranger]) {
      for (const [url, method] of [[`${t.url}/api/reports/${id}`, 'GET'], [`${t.url}/api/reports/${id}`, 'PUT'], [`${t.url}/api/reports/${id}/export?format=md`, 'GET']] as const) {
        const res = await request<ErrorBody>(url, { method, token, body: method === 'PUT' ? t.input : undefined })
        expect({ url, method, status: res.status, body: res.body }).toEqual({ url, method, status: 404, body: { error: { code: 'not_found', message: 'Report not found.' } } })
      }
      expect((await request<ErrorBody>(t.base, { token })).status).toBe(404)
    }
    for (const path of ['/api/reports/nosuchreport', '/api/reports/bad%20id', '/api/reports/nosuchreport/export?format=md']) {
      expect((await request(`${t.url}${path}`, { token: t.tokens.kenya })).status).toBe(404)
    }
    const missingVersion = await request<ErrorBody>(`${t.url}/api/reports/${id}?version=2`, { token: t.tokens.kenya })
    expect([missingVersion.status, missingVersion.body.error.message]).toEqual([404, 'Report version not found.'])
    expect((await request(`${t.url}/api/reports/${id}/export?format=md&version=9`, { token: t.tokens.kenya })).status).toBe(404)
  })

  it('validates every body with 400 naming the field, unknown revisions and rounds included', async () => {
    const t = await setup()
    const cases: [unknown, string][] = [
      [{ ...t.input, title: '  ' }, 'title'],
      [{ ...t.input, title: undefined }, 'title'],
      [{ ...t.input, baseRevision: undefined }, 'baseRevision'],
      [{ ...t.input, baseRevision: 0 }, 'baseRevision'],
      [{ ...t.input, baseRevision: '3' }, 'baseRevision'],
      [{ ...t.input, baseRevision: 9 }, 'baseRevision'],
      [{ ...t.input, compareTo: 3 }, 'compareTo'],
      [{ ...t.input, compareTo: 1.5 }, 'compareTo'],
      [{ ...t.input, baseRevision: 2, compareTo: 7 }, 'compareTo'],
      [{ ...t.input, rounds: ['nosuchround'] }, 'rounds.0'],
      [{ ...t.input, rounds: ['bad id!'] }, 'rounds.0'],
      [{ ...t.input, date: '2026-02-30' }, 'date'],
      [{ ...t.input, date: '30/11/2026' }, 'date'],
      [{ ...t.input, sections: [{ heading: '', body: 'x' }] }, 'sections.0.heading'],
      [{ ...t.input, sections: [{ heading: 'x', body: 'y', html: '<b>' }] }, 'sections.0'],
      [{ ...t.input, author: t.users.kenya.id }, 'author'],
      [{ ...t.input, symbol: 'AALCO/\u0007' }, 'symbol'],
      [{ ...t.input, symbol: 'x'.repeat(121) }, 'symbol'],
    ]
    for (const [body, field] of cases) {
      const res = await t.create(t.tokens.rapporteur, body)
      expect({ field, status: res.status, code: res.body.error.code }).toEqual({ field, status: 400, code: 'validation_failed' })
      expect(res.body.error.message).toContain(field)
    }
    const badFormat = await request<ErrorBody>(`${t.url}/api/reports/x/export?format=pdf`, { token: t.tokens.rapporteur })
    expect(badFormat.status).toBe(404) // the report is looked up first
    const { id } = (await t.create(t.tokens.rapporteur, t.input)).body.report
    for (const query of ['format=pdf', '', 'format=md&version=0', 'format=md&extra=1']) {
      const res = await request<ErrorBody>(`${t.url}/api/reports/${id}/export?${query}`, { token: t.tokens.rapporteur })
      expect({ query, status: res.status }).toEqual({ query, status: 400 })
    }
    expect((await request<{ reports: unknown[] }>(t.base, { token: t.tokens.rapporteur })).body.reports).toHaveLength(1)
  })

  it('numbers reports with an automatic symbol (R.1, R.2; /Rev.1 when revised), or keeps the one typed', async () => {
    const t = await setup()
    const group = await t.storage.getGroup(t.draft.groupId)
    const prefix = `AALCO/${group?.slug.toUpperCase()}/${new Date().getUTCFullYear()}`
    const first = (await t.create(t.tokens.rapporteur, t.input)).body.report
    expect([first.symbol, first.documentSymbol]).toEqual([null, `${prefix}/R.1`])
    const second = (await t.create(t.tokens.rapporteur, { ...t.input, symbol: '  AALCO/WG-CYBER/2026/R.7  ' })).body.report
    expect([second.symbol, second.documentSymbol]).toEqual(['AALCO/WG-CYBER/2026/R.7', 'AALCO/WG-CYBER/2026/R.7'])
    const third = (await t.create(t.tokens.rapporteur, t.input)).body.report
    expect(third.documentSymbol).toBe(`${prefix}/R.3`)

    const revise = (id: string, body: unknown) => request<ReportRes>(`${t.url}/api/reports/${id}`, { method: 'PUT', token: t.tokens.rapporteur, body })
    expect((await revise(first.id, t.input)).body.report.documentSymbol).toBe(`${prefix}/R.1/Rev.1`)
    expect((await revise(first.id, { ...t.input, symbol: '' })).body.report.documentSymbol).toBe(`${prefix}/R.1/Rev.2`)
    expect((await revise(second.id, { ...t.input, symbol: null })).body.report.documentSymbol).toBe('AALCO/WG-CYBER/2026/R.7/Rev.1')
    // Version 1 keeps its own symbol; the exports bear it on the first page.
    expect((await request<ReportRes>(`${t.url}/api/reports/${first.id}?version=1`, { token: t.tokens.kenya })).body.report.documentSymbol).toBe(`${prefix}/R.1`)
    const md = await download(`${t.url}/api/reports/${first.id}/export?format=md&version=2`, t.tokens.kenya)
    expect(strFromU8(md.bytes).startsWith(`**${prefix}/R.1/Rev.1**  \n`)).toBe(true)

    // The preview shows the symbol the save would give: a new report's, or the next version's of the one being revised.
    const preview = async (query: string, token = t.tokens.rapporteur) => {
      const res = await fetch(`${t.base}/preview${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(t.input) })
      return { status: res.status, symbol: /<p class="symbol">([^<]*)<\/p>/.exec(await res.text())?.[1] }
    }
    expect(await preview('')).toEqual({ status: 200, symbol: `${prefix}/R.4` })
    expect(await preview(`?revising=${first.id}`)).toEqual({ status: 200, symbol: `${prefix}/R.1/Rev.3` })
    expect((await preview('?revising=nosuchreport')).status).toBe(404)
    expect((await preview('?other=1')).status).toBe(400)
  })

  it('counts the changes from the revision saved when the round opened, so what was applied during the round is in the report', async () => {
    const t = await setup()
    // Revision 2 was saved when the round opened, 3 when it closed; the rapporteur saves 4 afterwards.
    await saveRevision(t.server.ctx, t.draft, t.users.rapporteur, 'Revised after the round')
    const withRound = (await t.create(t.tokens.rapporteur, { title: 'Report', baseRevision: 4, rounds: [t.round.id] })).body.report
    expect(withRound.compareTo).toBe(2)
    // Kenya's proposal, applied during the round, is among the changes.
    const md = strFromU8((await download(`${t.url}/api/reports/${withRound.id}/export?format=md`, t.tokens.rapporteur)).bytes)
    expect(md).toContain('## Changes since revision 2')
    expect(md).toContain('mutual <ins>legal</ins><sup>Kenya</sup>')
    // Without rounds: the last round opened before the base revision; explicit choices stay as given.
    expect((await t.create(t.tokens.rapporteur, { title: 'Report', baseRevision: 4 })).body.report.compareTo).toBe(2)
    expect((await t.create(t.tokens.rapporteur, { title: 'Report', baseRevision: 4, compareTo: 3 })).body.report.compareTo).toBe(3)
    expect((await t.create(t.tokens.rapporteur, { title: 'Report', baseRevision: 4, compareTo: null })).body.report.compareTo).toBeNull()
  })
})
