import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { ClauseStatusView, ClauseStatusesResponse } from '../../../../shared/clauseStatusApi'
import { CloseCode } from '../../../../shared/closeCodes'
import { ClauseKey } from '../../../../shared/draft/format'
import { clausesMap, readClauses } from '../../../../shared/draft/ydoc'
import type { HistoryEvent } from '../../../../shared/threadsApi'
import { loadStoredDoc } from '../../../services/drafts'
import { sendRaw, storedCopy, updateOf } from '../../../testing/attack'
import { buildDraft, buildUser, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServer, newServerWithGroup } from '../../../testing/newServer'
import { waitFor } from '../../../testing/waitFor'
import { connectClient } from '../../../testing/yclient'

async function setup() {
  const t = await newServerWithGroup()
  const draft = await buildDraft(t.storage, t.users.rapporteur)
  const india = await buildUser(t.storage, { role: 'delegate', stateCode: 'IND', group: t.group })
  const tokens = {
    secretariat: await tokenFor(t.storage, t.users.secretariat),
    chair: await tokenFor(t.storage, t.users.chair),
    rapporteur: await tokenFor(t.storage, t.users.rapporteur),
    kenya: await tokenFor(t.storage, t.users.kenya),
    japan: await tokenFor(t.storage, t.users.japan),
    india: await tokenFor(t.storage, india),
    observer: await tokenFor(t.storage, t.users.observer),
  }
  const api = <T = unknown>(path: string, token: string, method = 'GET', body?: unknown) => request<T>(`${t.url}/api/drafts/${draft.id}${path}`, { method, token, ...(body !== undefined && { body }) })
  const doc = await loadStoredDoc(t.storage, draft.id)
  const [, art1, art2] = readClauses(doc).map((c) => c.id)
  doc.destroy()
  if (!art1 || !art2) throw new Error('the test draft has two articles')
  const status = (clauseId: string, token: string, body: unknown) => api<{ status: ClauseStatusView }>(`/clauses/${clauseId}/status`, token, 'PUT', body)
  return { ...t, draft, tokens, api, art1, art2, status }
}

const textOf = (doc: Y.Doc, clauseId: string): string => readClauses(doc).find((c) => c.id === clauseId)?.text ?? ''
const statusOf = (doc: Y.Doc, clauseId: string): unknown => clausesMap(doc).get(clauseId)?.get(ClauseKey.status)
const bodyOf = (doc: Y.Doc, clauseId: string): Y.XmlText => ((clausesMap(doc).get(clauseId)?.get(ClauseKey.body) as Y.XmlFragment).get(0) as Y.XmlElement).get(0) as Y.XmlText

describe('agreed language over the websocket', () => {
  it('refuses a delegate’s status change and any edit or deletion of an agreed clause (4422, nothing stored or broadcast, also after a restart); reopened, the rapporteur’s edit is taken', async () => {
    const t = await setup()
    expect((await t.status(t.art1, t.tokens.chair, { status: 'agreed' })).status).toBe(200)
    const watcher = connectClient(t.wsUrl, t.draft.id, t.tokens.observer)
    await watcher.synced()
    const agreedText = textOf(watcher.doc, t.art1)
    const ws = (token: string) => `${t.wsUrl}/collab/${t.draft.id}?token=${token}`
    const attempts: [string, string, (doc: Y.Doc) => void][] = [
      ['delegate sets a status', t.tokens.kenya, (d) => clausesMap(d).get(t.art2)?.set(ClauseKey.status, 'adopted')],
      ['chair sets a status over the websocket', t.tokens.chair, (d) => clausesMap(d).get(t.art2)?.set(ClauseKey.status, 'agreed')],
      ['delegate edits the agreed clause', t.tokens.kenya, (d) => bodyOf(d, t.art1).insert(0, 'All ')],
      ['rapporteur edits the agreed clause', t.tokens.rapporteur, (d) => bodyOf(d, t.art1).insert(0, 'All ')],
      ['rapporteur deletes the agreed clause', t.tokens.rapporteur, (d) => clausesMap(d).delete(t.art1)],
      ['delegate deletes an open clause', t.tokens.kenya, (d) => clausesMap(d).delete(t.art2)],
    ]
    for (const [name, token, edit] of attempts) {
      const copy = await storedCopy(t.storage, t.draft.id)
      expect({ name, code: await sendRaw(ws(token), [updateOf(copy, () => edit(copy))]) }).toEqual({ name, code: CloseCode.CHANGE_FORBIDDEN })
      copy.destroy()
    }
    // An honest edit of another clause passes meanwhile, so the watcher is current.
    const kenya = connectClient(t.wsUrl, t.draft.id, t.tokens.kenya)
    await kenya.synced()
    bodyOf(kenya.doc, t.art2).insert(0, 'Thereafter, ')
    await waitFor(() => textOf(watcher.doc, t.art2).startsWith('Thereafter, '), { message: "Kenya's edit of Article 2" })
    expect([textOf(watcher.doc, t.art1), statusOf(watcher.doc, t.art1), statusOf(watcher.doc, t.art2)]).toEqual([agreedText, 'agreed', 'proposed'])
    kenya.destroy()
    watcher.destroy()

    await t.server.close()
    const again = await newServer({}, t.dataDir)
    const stored = await loadStoredDoc(again.server.ctx.storage, t.draft.id)
    expect([textOf(stored, t.art1), statusOf(stored, t.art1), statusOf(stored, t.art2), readClauses(stored).length]).toEqual([agreedText, 'agreed', 'proposed', 3])
    stored.destroy()

    const api = (path: string, token: string, method: string, body: unknown) => request(`${again.url}/api/drafts/${t.draft.id}${path}`, { method, token, body })
    expect((await api(`/clauses/${t.art1}/reopen`, t.tokens.rapporteur, 'POST', { reason: 'Nope.' })).status).toBe(403)
    expect((await api(`/clauses/${t.art1}/reopen`, t.tokens.chair, 'POST', {})).status).toBe(400)
    const reopened = await api(`/clauses/${t.art1}/reopen`, t.tokens.chair, 'POST', { reason: 'Japan asks to revisit paragraph (b).' })
    expect(reopened).toMatchObject({ status: 200, body: { status: { status: 'under-discussion', locked: false } } })
    const rapporteur = connectClient(again.wsUrl, t.draft.id, t.tokens.rapporteur)
    await rapporteur.synced()
    bodyOf(rapporteur.doc, t.art1).insert(0, 'All ')
    await waitFor(async () => textOf(await loadStoredDoc(again.server.ctx.storage, t.draft.id), t.art1).startsWith('All '), { message: "the rapporteur's edit stored" })
    rapporteur.destroy()
    const events = await request<{ events: HistoryEvent[] }>(`${again.url}/api/drafts/${t.draft.id}/history`, { token: t.tokens.kenya })
    const reopenedEvent = events.body.events.find((e) => e.type === 'clause.reopened')
    expect(reopenedEvent).toMatchObject({ clauseId: t.art1, data: { reason: 'Japan asks to revisit paragraph (b).', previous: 'agreed', status: 'under-discussion' } })
  })
})

describe('clause statuses over HTTP', () => {
  it('lets only the chair and the secretariat set a status; the rapporteur proposes, the chair confirms or declines', async () => {
    const t = await setup()
    for (const token of [t.tokens.kenya, t.tokens.rapporteur, t.tokens.observer]) expect((await t.status(t.art1, token, { status: 'agreed' })).status).toBe(403)
    expect((await t.status(t.art1, t.tokens.chair, { status: 'settled' })).status).toBe(400)
    expect((await t.status('nope', t.tokens.chair, { status: 'agreed' })).status).toBe(404)
    expect((await t.status(t.art1, t.tokens.secretariat, { status: 'under-discussion' })).body.status.status).toBe('under-discussion')
    const asked = await t.api<{ request: { id: string } }>(`/clauses/${t.art1}/status-requests`, t.tokens.rapporteur, 'POST', { status: 'agreed', reason: 'No objection heard.' })
    expect(asked.status).toBe(201)
    expect((await t.api(`/clauses/${t.art1}/status-requests`, t.tokens.kenya, 'POST', { status: 'agreed' })).status).toBe(403)
    const listed = await t.api<ClauseStatusesResponse>('/statuses', t.tokens.kenya)
    expect(listed.body.statuses.find((s) => s.clauseId === t.art1)?.requests).toMatchObject([{ status: 'agreed', outcome: 'pending', reason: 'No objection heard.' }])
    expect((await t.api(`/status-requests/${asked.body.request.id}/confirm`, t.tokens.rapporteur, 'POST', {})).status).toBe(403)
    expect((await t.api(`/status-requests/${asked.body.request.id}/confirm`, t.tokens.chair, 'POST', {})).body).toMatchObject({ request: { outcome: 'confirmed' } })
    expect((await t.api(`/status-requests/${asked.body.request.id}/decline`, t.tokens.chair, 'POST', {})).status).toBe(409)
    expect((await t.api<ClauseStatusesResponse>('/statuses', t.tokens.kenya)).body.statuses.find((s) => s.clauseId === t.art1)).toMatchObject({ status: 'agreed', locked: true, requests: [] })
    // Leaving agreed language is reopening: with a reason, to under-discussion.
    expect((await t.status(t.art1, t.tokens.chair, { status: 'proposed', reason: 'Restart.' })).status).toBe(400)
    expect((await t.status(t.art1, t.tokens.chair, { status: 'under-discussion' })).status).toBe(400)
    const audit = await request<{ entries: { action: string }[] }>(`${t.url}/api/audit?action=clause.status`, { token: t.tokens.secretariat })
    expect(audit.body.entries.length).toBeGreaterThanOrEqual(2)
  })

  it('agreed ad referendum: only a holding State confirms or withdraws; the last confirmation makes it agreed, a withdrawal reopens it', async () => {
    const t = await setup()
    expect((await t.status(t.art1, t.tokens.chair, { status: 'agreed-ad-referendum' })).status).toBe(400)
    expect((await t.status(t.art1, t.tokens.chair, { status: 'agreed-ad-referendum', states: ['XYZ'] })).status).toBe(400)
    const set = await t.status(t.art1, t.tokens.chair, { status: 'agreed-ad-referendum', states: ['KEN', 'JPN'], expected: '2026-12-20' })
    expect(set.body.status).toMatchObject({ status: 'agreed-ad-referendum', locked: true })
    expect(set.body.status.holds.map((h) => [h.stateCode, h.expectedBy])).toEqual([['JPN', '2026-12-20'], ['KEN', '2026-12-20']])
    const answer = (token: string, confirm: boolean, body: unknown = {}) => t.api<{ status: ClauseStatusView }>(`/clauses/${t.art1}/ad-referendum/${confirm ? 'confirm' : 'withdraw'}`, token, 'POST', body)
    expect((await answer(t.tokens.india, true)).status).toBe(403)
    expect((await answer(t.tokens.chair, true)).status).toBe(403)
    expect((await answer(t.tokens.kenya, true, { reason: 'Nairobi approved.' })).body.status).toMatchObject({ status: 'agreed-ad-referendum', holds: [{ stateCode: 'JPN' }] })
    expect((await answer(t.tokens.kenya, true)).status).toBe(409)
    expect((await answer(t.tokens.japan, true)).body.status).toMatchObject({ status: 'agreed', holds: [] })

    await t.api(`/clauses/${t.art1}/reopen`, t.tokens.chair, 'POST', { reason: 'One more round.' })
    await t.status(t.art1, t.tokens.chair, { status: 'agreed-ad-referendum', states: ['KEN', 'JPN'] })
    expect((await answer(t.tokens.japan, false)).status).toBe(400)
    expect((await answer(t.tokens.japan, false, { reason: 'Tokyo cannot accept paragraph (b).' })).body.status).toMatchObject({ status: 'under-discussion', locked: false, holds: [] })
    expect((await answer(t.tokens.kenya, true)).status).toBe(409)
    const history = await t.api<{ events: HistoryEvent[] }>('/history', t.tokens.kenya)
    expect(history.body.events.filter((e) => e.clauseId === t.art1).map((e) => e.type)).toEqual(
      expect.arrayContaining(['clause.holdConfirmed', 'clause.holdWithdrawn', 'clause.status', 'clause.reopened']),
    )
  })

  it('answers 409 on locked text for proposal apply, restore and suggestion accept, and will not agree over open suggestions', async () => {
    const t = await setup()
    await t.api('/revisions', t.tokens.rapporteur, 'POST', { label: 'Before' })
    const thread = await t.api<{ thread: { id: string } }>('/threads', t.tokens.kenya, 'POST', { clauseId: t.art1, body: 'Simpler.', proposal: { text: 'Each State shall act.' } })
    expect(thread.status).toBe(201)
    const kenya = connectClient(t.wsUrl, t.draft.id, t.tokens.kenya)
    await kenya.synced()
    const mark = { id: 'ken1', user: t.users.kenya.id, name: 'Kenya', state: 'KEN', at: '2026-12-03T10:00:00.000Z' }
    await t.api('', t.tokens.secretariat, 'PATCH', { textMode: 'suggest' })
    await waitFor(async () => {
      const again = connectClient(t.wsUrl, t.draft.id, t.tokens.kenya)
      await again.synced()
      bodyOf(again.doc, t.art1).insert(0, 'Promptly, ', { insertion: mark })
      again.destroy()
      return (await t.api<{ suggestions: unknown[] }>(`/suggestions?clause=${t.art1}`, t.tokens.kenya)).body.suggestions.length === 1
    }, { message: "Kenya's suggestion" })
    kenya.destroy()
    expect((await t.status(t.art1, t.tokens.chair, { status: 'agreed' })).body).toMatchObject({ error: { code: 'open_suggestions' } })
    // Agreed anyway (as a silence adopts): the suggestion is then frozen with the text.
    await t.server.ctx.collab.withDoc(t.draft.id, (doc) => clausesMap(doc).get(t.art1)?.set(ClauseKey.status, 'adopted'))
    const locked = { error: { code: 'clause_locked' } }
    expect((await request(`${t.url}/api/threads/${thread.body.thread.id}/proposal/apply`, { method: 'POST', token: t.tokens.rapporteur, body: {} })).body).toMatchObject(locked)
    expect((await t.api('/revisions/1/restore', t.tokens.rapporteur, 'POST', { clauseId: t.art1 })).body).toMatchObject(locked)
    expect((await t.api('/revisions/1/restore', t.tokens.rapporteur, 'POST', {})).body).toMatchObject(locked)
    expect((await t.api('/suggestions/ken1/accept', t.tokens.rapporteur, 'POST', {})).body).toMatchObject(locked)
    expect((await t.api(`/clauses/${t.art1}/suggestions/reject`, t.tokens.rapporteur, 'POST', {})).body).toMatchObject(locked)
    // A restore of another clause passes and leaves the statuses as they are.
    expect((await t.api('/revisions/1/restore', t.tokens.rapporteur, 'POST', { clauseId: t.art2 })).status).toBe(200)
    const stored = await loadStoredDoc(t.storage, t.draft.id)
    expect([statusOf(stored, t.art1), textOf(stored, t.art1).startsWith('Each State shall take')]).toEqual(['adopted', true])
    stored.destroy()
  })
})
