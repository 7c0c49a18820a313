import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { DraftContent } from '../../../../shared/api'
import type { RevisionSummary } from '../../../../shared/revisions'
import type { ImportCreated, ImportPreview } from '../../../../shared/wordImport'
import { tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'
import { upload, uploadForm } from '../../../testing/wordUpload'

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../../../../fixtures/word', name))

describe('POST /api/drafts/import', () => {
  it('previews a docx-package file: articles, headings, Word lists, typed lists, brackets, options, footnotes, the table and the image warned', async () => {
    const t = await newServerWithGroup()
    const token = await tokenFor(t.storage, t.users.rapporteur)
    const res = await upload<ImportPreview>(`${t.url}/api/drafts/import?preview=1&filename=docx-package.docx`, token, fixture('docx-package.docx'))
    expect(res.status).toBe(200)
    const { body } = res
    expect(body.title).toBe('Model Provisions on Mutual Legal Assistance in Cybercrime Matters')
    expect(body.clauses.map((c) => [c.kind, c.heading])).toEqual([
      ['preamble', 'Preamble'],
      ['article', 'Definitions'],
      ['article', 'Central authorities'],
      ['article', 'Grounds for refusal'],
      ['article', 'Channels of communication'],
    ])
    expect(body.clauses[0]?.text).toBe(
      'The Member States of the Asian-African Legal Consultative Organization,\nRecalling the deliberations of the Working Group¹,\nHave agreed on the following model provisions:\nFootnote 1: See the report of the 57th annual session, Tokyo, 2018.',
    )
    expect(body.clauses[1]?.text).toBe(
      'For the purposes of these provisions:\n(a) “requesting State” means the State that asks for assistance;\n(b) “requested State” means the State [to which a request is addressed];\n(c) “stored data” means computer data held by a service provider.',
    )
    // The tracked change reads as accepted ("ten" struck, "fifteen" inserted).
    expect(body.clauses[2]?.text).toContain('within fifteen days².\nFootnote 2: Two delegations asked')
    expect(body.clauses[3]?.text).toBe(
      'Option A: Assistance may be refused only where the request concerns a political offence.\nOption B: Assistance may be refused where [the requested State considers that] execution would prejudice its sovereignty.',
    )
    expect(body.clauses[4]?.text).toContain('(a) diplomatic channels;\n(b) the central authorities; or\n(c) in urgent cases')
    expect(body.warnings.map((w) => [w.code, w.clause])).toEqual([
      ['table', 'Article 4'],
      ['image', 'Article 4'],
      ['tracked-changes', null],
      ['footnotes', null],
    ])
    expect(body.counts).toMatchObject({ articles: 4, footnotes: 2 })
    // A preview creates nothing.
    const list = await request<{ drafts: unknown[] }>(`${t.url}/api/drafts`, { token })
    expect(list.body.drafts).toEqual([])
  })

  it('creates the draft with revision 1 "Imported from <file name>"; brackets, bold and italic become marks, options nodes', async () => {
    const t = await newServerWithGroup()
    const token = await tokenFor(t.storage, t.users.secretariat)
    const res = await upload<ImportCreated>(`${t.url}/api/drafts/import?filename=MLA%20draft.docx`, token, fixture('docx-package.docx'))
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ title: 'Model Provisions on Mutual Legal Assistance in Cybercrime Matters', revision: 1 })
    const content = await request<DraftContent>(`${t.url}/api/drafts/${res.body.id}/content`, { token })
    expect(content.body.clauses.map((c) => c.label)).toEqual(['Preamble', 'Article 1', 'Article 2', 'Article 3', 'Article 4'])
    expect(content.body.clauses[1]?.html).toContain('<ol class="subparagraphs" type="a"><li><p><strong>“requesting State”</strong> means')
    expect(content.body.clauses[0]?.html).toContain('<p><em>Recalling</em> the deliberations')
    expect(content.body.clauses[1]?.html).toContain('<span class="bracket">[to which a request is addressed]</span>')
    expect(content.body.clauses[3]?.html).toContain('options')
    const revisions = await request<{ revisions: RevisionSummary[] }>(`${t.url}/api/drafts/${res.body.id}/revisions`, { token })
    expect(revisions.body.revisions.map((r) => [r.number, r.label])).toEqual([[1, 'Imported from MLA draft.docx']])
  })

  it('takes the file as a multipart/form-data upload too: the part’s file name names the revision; one file only, 10 MB at most', async () => {
    const t = await newServerWithGroup()
    const token = await tokenFor(t.storage, t.users.secretariat)
    const preview = await uploadForm<ImportPreview>(`${t.url}/api/drafts/import?preview=1`, token, fixture('docx-package.docx'), 'docx-package.docx')
    expect([preview.status, preview.body.clauses.length]).toEqual([200, 5])
    const created = await uploadForm<ImportCreated>(`${t.url}/api/drafts/import`, token, fixture('libreoffice.docx'), 'Preservation draft.docx')
    expect(created.status).toBe(201)
    const revisions = await request<{ revisions: RevisionSummary[] }>(`${t.url}/api/drafts/${created.body.id}/revisions`, { token })
    expect(revisions.body.revisions.map((r) => r.label)).toEqual(['Imported from Preservation draft.docx'])
    const big = await uploadForm<{ error: { code: string } }>(`${t.url}/api/drafts/import?preview=1`, token, new Uint8Array(10 * 1024 * 1024 + 1), 'big.docx')
    expect([big.status, big.body.error.code]).toEqual([413, 'file_too_large'])
    const empty = new FormData()
    empty.append('note', 'no file here')
    const none = await fetch(`${t.url}/api/drafts/import?preview=1`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: empty })
    expect([none.status, ((await none.json()) as { error: { code: string } }).error.code]).toEqual([400, 'file_missing'])
  })

  it('previews a LibreOffice file: its title, Word list numbering (nested levels flattened, warned), footnotes, the tracked changes accepted, the comment warned', async () => {
    const t = await newServerWithGroup()
    const token = await tokenFor(t.storage, t.users.rapporteur)
    const res = await upload<ImportPreview>(`${t.url}/api/drafts/import?preview=1&filename=libreoffice.docx`, token, fixture('libreoffice.docx'))
    expect(res.status).toBe(200)
    expect(res.body.title).toBe('Draft Model Provisions on the Preservation of Electronic Evidence')
    expect(res.body.clauses.map((c) => [c.kind, c.heading])).toEqual([
      ['preamble', ''],
      ['article', 'Expedited preservation'],
      ['article', 'Duration'],
      ['article', 'Confidentiality'],
    ])
    expect(res.body.clauses[0]?.text).toContain('easily altered¹,\nHave agreed as follows:\nFootnote 1: As noted by several delegations at the 56th annual session, Nairobi.')
    expect(res.body.clauses[1]?.text).toBe(
      'A competent authority may order the expedited preservation of specified stored data where:\n(a) there are grounds to believe that the data is vulnerable to loss or modification;\n(b) the data is needed for a specific criminal investigation; and\n(c) the investigation concerns a serious offence; or\n(d) a request for mutual assistance is foreseen.',
    )
    // Kenya's deletion of "reasonable " and insertion of ", renewable once" read as accepted.
    expect(res.body.clauses[2]?.text).toBe('The preservation order shall remain in force for a period of [ninety] days², renewable once.\nFootnote 2: One delegation proposed sixty days.')
    expect(res.body.clauses[3]?.text).toBe('Option A: The service provider shall keep the order confidential.\nOption B: The service provider shall keep the order confidential for the period the authority sets.')
    expect(res.body.warnings.map((w) => w.code)).toEqual(['nested-list', 'tracked-changes', 'comments', 'footnotes'])
  })

  it('is for the secretariat and the rapporteur: a delegate, the chair and an observer get 403, no session 401', async () => {
    const t = await newServerWithGroup()
    for (const who of ['kenya', 'chair', 'observer'] as const) {
      const res = await upload(`${t.url}/api/drafts/import?preview=1`, await tokenFor(t.storage, t.users[who]), fixture('docx-package.docx'))
      expect({ who, status: res.status }).toEqual({ who, status: 403 })
    }
    const anonymous = await fetch(`${t.url}/api/drafts/import`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: fixture('docx-package.docx') })
    expect(anonymous.status).toBe(401)
  })
})
