import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DraftContent } from '../../../../shared/api'
import { clausesMap } from '../../../../shared/draft/ydoc'
import type { ThreadView } from '../../../../shared/threadsApi'
import type { MarkupImported, MarkupPreview } from '../../../../shared/wordImport'
import { buildDraft, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'
import { rowCounts, upload } from '../../../testing/wordUpload'
import { markUp } from '../../../testing/wordMarkup'
import { databaseFile } from '../../../app'
import { CLAUSES, exportedDraft } from './exportedDraft'

/** The rapporteur edits a clause's first paragraph live, after the export. */
async function editLive(t: Awaited<ReturnType<typeof exportedDraft>>['t'], draftId: string, clauseId: string, from: string, to: string) {
  await t.server.ctx.collab.withDoc(draftId, (doc) => {
    const body = clausesMap(doc).get(clauseId)?.get('body') as Y.XmlFragment
    const text = (body.get(0) as Y.XmlElement).get(0) as Y.XmlText
    const at = text.toString().indexOf(from)
    text.delete(at, from.length)
    text.insert(at, to)
  }, { id: t.users.rapporteur.id, stateCode: null })
}

const KENYA_EDITS = [
  { within: 'Each State shall afford the widest measure of mutual assistance.', edit: { kind: 'ins', after: 'mutual ', text: 'legal ' } },
  { within: 'Offences under these provisions shall be extraditable offences.', edit: { kind: 'del', text: 'under these provisions ' } },
  { within: 'They may be amended by consensus.', edit: { kind: 'ins', after: 'amended ', text: 'only ' } },
  { within: 'These provisions apply to offences committed online.', edit: { kind: 'del', text: ' online' } },
] as const

describe('POST /api/drafts/:id/import-markup: a marked-up export back in', () => {
  it('the export carries the draft id and revision; Kenya’s tracked changes become Kenya’s suggestions and its comment a thread on the words it covers; clauses edited since are flagged, rebased or proposed', async () => {
    const { t, draft, docx } = await exportedDraft()
    const marked = markUp(docx, 'Kenya', [
      ...KENYA_EDITS.slice(0, 2),
      { within: 'shall be extraditable offences.', edit: { kind: 'comment', text: 'extraditable offences', comment: 'Kenya asks whether dual criminality applies.' } },
      ...KENYA_EDITS.slice(2),
    ])
    // Meanwhile the rapporteur edits the first paragraph of "Final provisions" and the line of "Scope" Kenya changed.
    await editLive(t, draft.id, 'final', 'on adoption', 'upon adoption')
    await editLive(t, draft.id, 'scope', 'committed online', 'committed by means of a computer system online')
    const kenya = await tokenFor(t.storage, t.users.kenya)

    const preview = await upload<MarkupPreview>(`${t.url}/api/drafts/${draft.id}/import-markup?preview=1&filename=report-KEN.docx`, kenya, marked)
    expect(preview.status).toBe(200)
    expect(preview.body).toMatchObject({ draftId: draft.id, revision: 1, state: 'KEN' })
    expect(preview.body.clauses.map((c) => [c.label, c.matchedBy, c.changedSinceExport, c.outcome])).toEqual([
      ['Article 1', 'id', false, 'suggestions'],
      ['Article 2', 'id', false, 'suggestions'],
      ['Article 3', 'id', true, 'rebased'],
      ['Article 4', 'id', true, 'proposal'],
    ])
    expect(preview.body.clauses[0]?.changes).toEqual([{ kind: 'insert', text: 'legal ', author: 'Kenya' }])
    expect(preview.body.clauses[1]?.comments).toEqual([{ author: 'Kenya', text: 'Kenya asks whether dual criminality applies.', quote: 'extraditable offences' }])
    expect(preview.body.clauses[2]?.proposed).toBe('These provisions shall enter into force upon adoption.\nThey may be amended only by consensus.')

    // A preview writes nothing.
    const before = rowCounts(databaseFile(t.config))
    await upload(`${t.url}/api/drafts/${draft.id}/import-markup?preview=1`, kenya, marked)
    expect(rowCounts(databaseFile(t.config))).toEqual(before)

    const imported = await upload<MarkupImported>(`${t.url}/api/drafts/${draft.id}/import-markup?filename=report-KEN.docx`, kenya, marked)
    expect(imported.status).toBe(200)
    expect(imported.body.suggestions).toHaveLength(3)
    expect(imported.body.threads).toHaveLength(2)

    const content = await request<DraftContent>(`${t.url}/api/drafts/${draft.id}/content`, { token: kenya })
    const byId = new Map(content.body.clauses.map((c) => [c.id, c]))
    expect(byId.get('assist')?.suggestions.map((s) => [s.kind, s.inserted, s.deleted, s.state])).toEqual([['insert', 'legal ', '', 'KEN']])
    expect(byId.get('extra')?.suggestions.map((s) => [s.kind, s.deleted, s.state])).toEqual([['delete', 'under these provisions ', 'KEN']])
    expect(byId.get('final')?.suggestions.map((s) => [s.kind, s.inserted, s.state])).toEqual([['insert', 'only ', 'KEN']])
    expect(byId.get('scope')?.suggestions).toEqual([])
    // The base text is unchanged until the rapporteur decides.
    expect(byId.get('assist')?.text).toBe(CLAUSES[1]?.text)

    const threads = await request<{ threads: ThreadView[] }>(`${t.url}/api/drafts/${draft.id}/threads`, { token: kenya })
    const comment = threads.body.threads.find((th) => th.clauseId === 'extra')
    expect(comment).toMatchObject({ quote: 'extraditable offences', span: { state: 'ok', text: 'extraditable offences' }, author: { state: 'KEN' } })
    expect(comment?.comments[0]?.body).toContain('Kenya asks whether dual criminality applies.')
    const proposal = threads.body.threads.find((th) => th.clauseId === 'scope')
    expect(proposal?.proposal?.text).toBe('These provisions apply to offences committed.')
    expect(proposal?.author.state).toBe('KEN')
  })

  it('the secretariat imports naming the State; refusals: no State named (400), another role (403), another State (403), not an export (400), another draft (409), the draft of another group (403)', async () => {
    const { t, draft, docx } = await exportedDraft()
    const marked = markUp(docx, 'Kenya', [KENYA_EDITS[0]])
    const secretariat = await tokenFor(t.storage, t.users.secretariat)
    const url = `${t.url}/api/drafts/${draft.id}/import-markup`
    const tokens = { rapporteur: await tokenFor(t.storage, t.users.rapporteur), observer: await tokenFor(t.storage, t.users.observer), japan: await tokenFor(t.storage, t.users.japan) }
    const before = rowCounts(databaseFile(t.config))
    const refusals: [string, string, Uint8Array, number, string][] = [
      ['secretariat, no state', secretariat, marked, 400, 'bad_request'],
      ['rapporteur', tokens.rapporteur, marked, 403, 'forbidden'],
      ['observer', tokens.observer, marked, 403, 'forbidden'],
      ['not an export', secretariat, readFileSync(path.join(import.meta.dirname, '../../../../fixtures/word/docx-package.docx')), 400, 'not_an_export'],
    ]
    for (const [who, token, file, status, code] of refusals) {
      const query = who === 'not an export' ? '?state=KEN' : ''
      const res = await upload<{ error: { code: string } }>(`${url}${query}`, token, file)
      expect({ who, status: res.status, code: res.body.error.code }).toEqual({ who, status, code })
    }
    const japan = await upload<{ error: { code: string } }>(`${url}?state=KEN`, tokens.japan, marked)
    expect([japan.status, japan.body.error.code]).toEqual([403, 'forbidden'])
    expect(rowCounts(databaseFile(t.config))).toEqual(before)
    const other = await buildDraft(t.storage, t.users.rapporteur, { title: 'Another draft', clauses: CLAUSES })
    const beforeOther = rowCounts(databaseFile(t.config))
    const elsewhere = await upload<{ error: { code: string; message: string } }>(`${t.url}/api/drafts/${other.id}/import-markup?state=KEN`, secretariat, marked)
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([409, 'other_draft'])
    expect(elsewhere.body.error.message).toContain('Model provisions on cooperation against cybercrime')
    expect(rowCounts(databaseFile(t.config))).toEqual(beforeOther)

    const done = await upload<MarkupImported>(`${url}?state=KEN`, secretariat, marked)
    expect(done.status).toBe(200)
    const content = await request<DraftContent>(`${t.url}/api/drafts/${draft.id}/content`, { token: secretariat })
    expect(content.body.clauses.find((c) => c.id === 'assist')?.suggestions.map((s) => [s.inserted, s.state])).toEqual([['legal ', 'KEN']])
  })

  it('an export of a draft of another working group is refused with 403', async () => {
    const { docx } = await exportedDraft()
    const second = await newServerWithGroup()
    const draft = await buildDraft(second.storage, second.users.rapporteur, { title: 'Their draft', clauses: CLAUSES })
    const res = await upload<{ error: { code: string } }>(`${second.url}/api/drafts/${draft.id}/import-markup`, await tokenFor(second.storage, second.users.kenya), markUp(docx, 'Kenya', [KENYA_EDITS[0]]))
    expect([res.status, res.body.error.code]).toEqual([403, 'other_group'])
  })
})
