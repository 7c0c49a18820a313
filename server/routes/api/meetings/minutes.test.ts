import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { clausesMap, readClauses } from '../../../../shared/draft/ydoc'
import type { MeetingView } from '../../../../shared/meetingApi'
import type { Minutes } from '../../../../shared/meetingMinutes'
import { loadStoredDoc } from '../../../services/drafts'
import { buildDraft, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'
import { waitFor } from '../../../testing/waitFor'
import { connectClient } from '../../../testing/yclient'

/** Types `word ` before `before` in the clause's first paragraph, as a delegate's editor would. */
function typeWord(doc: Y.Doc, clauseId: string, before: string, word: string): void {
  const body = clausesMap(doc).get(clauseId)?.get('body')
  const paragraph = body instanceof Y.XmlFragment ? body.get(0) : null
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
  if (!(text instanceof Y.XmlText)) throw new Error(`no first paragraph in ${clauseId}`)
  text.insert(text.toJSON().indexOf(before), `${word} `)
}

describe('GET /api/meetings/:id/minutes', () => {
  it('assembles every decision once, the clauses taken up, the closing revision and the changes; as JSON, HTML and DOCX', async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur, {
      clauses: [
        { kind: 'preamble', heading: 'Preamble', text: 'The participating States, desiring to cooperate,' },
        { kind: 'article', heading: 'Channels', text: 'Requests shall be transmitted through the central authority.' },
        { kind: 'article', heading: 'Costs', text: 'The requested State shall bear the ordinary costs.' },
      ],
    })
    const [pre, art1, art2] = readClauses(await loadStoredDoc(t.storage, draft.id)).map((c) => c.id)
    const token = async (who: keyof typeof t.users) => tokenFor(t.storage, t.users[who])
    const call = async <T>(who: keyof typeof t.users, method: string, path: string, body?: unknown) => request<T>(`${t.url}${path}`, { method, token: await token(who), ...(body !== undefined && { body }) })

    const opened = (await call<MeetingView>('chair', 'POST', `/api/drafts/${draft.id}/meetings`, { title: 'Second meeting', place: 'Nairobi', date: '2027-03-02' })).body
    const m = `/api/meetings/${opened.id}`
    await call('kenya', 'GET', m)
    await call('japan', 'GET', m)
    await call('chair', 'PUT', `${m}/screen`, { clauseId: art1 })
    await call('kenya', 'POST', `${m}/floor`)
    await call('chair', 'PUT', `${m}/speaker`, { state: 'KEN' })
    // Kenya's delegate types a word into Article 1 during the meeting.
    const kenya = connectClient(t.wsUrl, draft.id, await token('kenya'))
    await kenya.synced()
    typeWord(kenya.doc, art1 ?? '', 'central', 'designated')
    await waitFor(async () => (await t.server.ctx.collab.readDoc(draft.id, (doc) => readClauses(doc).find((c) => c.id === art1)?.text ?? '')).includes('designated central'), { message: 'the word on the server' })
    await call('chair', 'POST', `${m}/decisions`, { clauseId: art1, kind: 'agreed-ad-referendum', state: 'JPN' })
    await call('chair', 'PUT', `${m}/screen`, { clauseId: art2 })
    await call('secretariat', 'POST', `${m}/decisions`, { clauseId: art2, kind: 'kept-in-brackets', note: 'The word "ordinary" stays under discussion.' })
    await call('chair', 'POST', `${m}/decisions`, { clauseId: pre, kind: 'deferred' })

    const provisional = await call<Minutes>('observer', 'GET', `${m}/minutes`)
    expect(provisional.status).toBe(200)
    expect(provisional.body).toMatchObject({ provisional: true, status: 'open', decisionCount: 3 })

    const closed = (await call<MeetingView>('chair', 'POST', `${m}/close`)).body
    const minutes = await call<Minutes>('kenya', 'GET', `${m}/minutes?format=json`)
    expect(minutes.headers.get('content-type')).toContain('application/json')
    const body = minutes.body
    expect(body).toMatchObject({ provisional: false, status: 'closed', title: 'Second meeting', place: 'Nairobi', date: '2027-03-02', decisionCount: 3 })
    expect(body.attendance.present.map((a) => a.state)).toEqual(expect.arrayContaining(['KEN', 'JPN']))
    expect(body.clauses.map((c) => c.clauseId)).toEqual([art1, art2])
    expect(body.clauses[0]?.speakers.map((s) => s.state)).toEqual(['KEN'])
    const decisions = [...body.clauses, ...body.otherClauses].flatMap((c) => c.decisions)
    expect(decisions.map((d) => d.seq).sort()).toEqual([1, 2, 3])
    expect(decisions.find((d) => d.seq === 1)?.label).toBe('Agreed ad referendum (JPN)')
    expect(body.otherClauses.map((c) => c.clauseId)).toEqual([pre])
    expect(body.text.revision?.number).toBe(closed.closeRevision)
    expect(body.text.clauses.find((c) => c.id === art1)).toMatchObject({ status: 'agreed-ad-referendum' })
    expect(body.text.clauses.find((c) => c.id === art1)?.text).toContain('designated central authority')
    expect(body.changes.from?.number).toBe(opened.openRevision)
    expect(body.changes.to?.number).toBe(closed.closeRevision)
    expect(body.changes.clauses.map((c) => c.id)).toContain(art1)

    const html = await fetch(`${t.url}${m}/minutes?format=html`, { headers: { authorization: `Bearer ${await token('observer')}` } })
    expect(html.headers.get('content-type')).toContain('text/html')
    const page = await html.text()
    expect(page).toContain('Agreed ad referendum (JPN)')
    expect(page.match(/Agreed ad referendum \(JPN\)/g)).toHaveLength(1)
    const docx = await fetch(`${t.url}${m}/minutes?format=docx`, { headers: { authorization: `Bearer ${await token('observer')}` } })
    expect(docx.headers.get('content-disposition')).toMatch(/^attachment; filename="Minutes-Second-meeting-2027-03-02\.docx"/)
    const xml = strFromU8(unzipSync(new Uint8Array(await docx.arrayBuffer()))['word/document.xml'] ?? new Uint8Array())
    expect(xml).toContain('Agreed ad referendum (JPN)')
    expect(xml).toContain('designated')

    expect((await call('observer', 'GET', `${m}/minutes?format=pdf`)).status).toBe(400)
    expect((await call('outsider', 'GET', `${m}/minutes`)).status).toBe(404)
  })
})
