import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../../../shared/closeCodes'
import { CLAUSES_MAP } from '../../../../shared/draft/format'
import type { SuggestionAttrs } from '../../../../shared/draft/suggestions'
import { readClauses } from '../../../../shared/draft/ydoc'
import type { SuggestionView } from '../../../../shared/suggestionsApi'
import type { HistoryEvent } from '../../../../shared/threadsApi'
import { loadStoredDoc } from '../../../services/drafts'
import { buildDraft, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServer, newServerWithGroup } from '../../../testing/newServer'
import { waitFor } from '../../../testing/waitFor'
import { type TestClient, connectClient } from '../../../testing/yclient'

/** The first paragraph's text of a clause (Article 1 by default). */
function paragraph(doc: Y.Doc, index = 1): Y.XmlText {
  const clause = readClauses(doc)[index]
  const body = doc.getMap<Y.Map<unknown>>(CLAUSES_MAP).get(clause?.id ?? '')?.get('body') as Y.XmlFragment
  return (body.get(0) as Y.XmlElement).get(0) as Y.XmlText
}

const plain = (text: Y.XmlText): string => (text.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('')

function nextClose(client: TestClient): Promise<number> {
  return new Promise((resolve) => {
    client.provider.on('connection-close', (event: { code: number } | null) => {
      client.provider.shouldConnect = false
      resolve(event?.code ?? 0)
    })
  })
}

async function setup() {
  const t = await newServerWithGroup()
  const draft = await buildDraft(t.storage, t.users.rapporteur)
  const tokens = {
    secretariat: await tokenFor(t.storage, t.users.secretariat),
    rapporteur: await tokenFor(t.storage, t.users.rapporteur),
    kenya: await tokenFor(t.storage, t.users.kenya),
    japan: await tokenFor(t.storage, t.users.japan),
    observer: await tokenFor(t.storage, t.users.observer),
  }
  const api = (path: string, token: string, method = 'GET', body?: unknown) => request(`${t.url}/api/drafts/${draft.id}${path}`, { method, token, ...(body !== undefined && { body }) })
  return { ...t, draft, tokens, api }
}

describe('suggestions as a State', () => {
  it('a text mode set by the secretariat: shown in the draft, refused to others, validated', async () => {
    const { api, tokens } = await setup()
    expect((await api('', tokens.kenya, 'PATCH', { textMode: 'suggest' })).status).toBe(403)
    expect((await api('', tokens.secretariat, 'PATCH', { textMode: 'track' })).status).toBe(400)
    expect((await api('', tokens.secretariat, 'PATCH', {})).status).toBe(400)
    const set = await api('', tokens.secretariat, 'PATCH', { textMode: 'suggest' })
    expect(set.status).toBe(200)
    const kenya = await api('', tokens.kenya)
    expect(kenya.body).toMatchObject({ draft: { textMode: 'suggest', access: { canEdit: false, canSuggest: true, canDecide: false } } })
    expect((kenya.body as { draft: { access: { readOnlyReason: string } } }).draft.access.readOnlyReason).toMatch(/suggest mode/)
    expect((await api('', tokens.rapporteur)).body).toMatchObject({ draft: { textMode: 'suggest', access: { canEdit: true, canDecide: true } } })
  })

  it('refuses every forbidden change from a raw client (4422): nothing applied, stored or seen by another', async () => {
    const t = await setup()
    await t.api('', t.tokens.secretariat, 'PATCH', { textMode: 'suggest' })
    const kenyaMark: SuggestionAttrs = { id: 'ken1', user: t.users.kenya.id, name: 'Kenya delegate', state: 'KEN', at: '2026-12-03T14:02:00.000Z' }
    const japanMark: SuggestionAttrs = { id: 'jpn1', user: t.users.japan.id, name: 'Japan delegate', state: 'JPN', at: '2026-12-03T14:03:00.000Z' }
    const watcher = connectClient(t.wsUrl, t.draft.id, t.tokens.observer)
    const japan = connectClient(t.wsUrl, t.draft.id, t.tokens.japan)
    await Promise.all([watcher.synced(), japan.synced()])
    // Japan suggests an insertion: allowed, and the watcher sees it.
    paragraph(japan.doc).insert(0, 'Where possible, ', { insertion: japanMark })
    await waitFor(() => plain(paragraph(watcher.doc)).startsWith('Where possible, '), { message: "Japan's suggestion at the watcher" })
    const expected = plain(paragraph(watcher.doc))

    const attempts: [string, (doc: Y.Doc) => void][] = [
      ["a suggestion in Japan's name", (doc) => paragraph(doc).insert(30, ' plainly', { insertion: { ...japanMark, id: 'fake' } })],
      ['a direct edit in suggest mode', (doc) => paragraph(doc).insert(30, ' directly')],
      ["accepting Japan's suggestion", (doc) => paragraph(doc).format(0, 'Where possible, '.length, { insertion: null })],
      ["withdrawing Japan's suggestion", (doc) => paragraph(doc).delete(0, 'Where possible, '.length)],
      ['a State code not its own on its own user', (doc) => paragraph(doc).insert(30, ' x', { insertion: { ...kenyaMark, state: 'JPN' } })],
    ]
    for (const [name, attempt] of attempts) {
      const kenya = connectClient(t.wsUrl, t.draft.id, t.tokens.kenya)
      await kenya.synced()
      const closed = nextClose(kenya)
      attempt(kenya.doc)
      expect({ name, code: await closed }).toEqual({ name, code: CloseCode.CHANGE_FORBIDDEN })
      kenya.destroy()
    }
    // An honest suggestion afterwards is taken, and the watcher saw none of the refused changes.
    const kenya = connectClient(t.wsUrl, t.draft.id, t.tokens.kenya)
    await kenya.synced()
    paragraph(kenya.doc).insert(plain(paragraph(kenya.doc)).length, ' promptly', { insertion: kenyaMark })
    await waitFor(() => plain(paragraph(watcher.doc)).endsWith(' promptly'), { message: "Kenya's honest suggestion" })
    expect(plain(paragraph(watcher.doc))).toBe(`${expected} promptly`)
    const [, article] = readClauses(watcher.doc)
    expect(article?.suggestions.map((s) => [s.id, s.state, s.kind])).toEqual([
      ['jpn1', 'JPN', 'insert'],
      ['ken1', 'KEN', 'insert'],
    ])

    // After a restart the stored draft holds exactly that.
    for (const client of [watcher, japan, kenya]) client.destroy()
    await t.server.close()
    const again = await newServer({}, t.dataDir)
    const stored = await loadStoredDoc(again.server.ctx.storage, t.draft.id)
    expect(plain(paragraph(stored))).toBe(`${expected} promptly`)
    stored.destroy()
  })

  it('accept, reject with a reason and withdraw over HTTP: who may, once, recorded in the history and live', async () => {
    const t = await setup()
    await t.api('', t.tokens.secretariat, 'PATCH', { textMode: 'suggest' })
    const kenya = connectClient(t.wsUrl, t.draft.id, t.tokens.kenya)
    const japan = connectClient(t.wsUrl, t.draft.id, t.tokens.japan)
    await Promise.all([kenya.synced(), japan.synced()])
    const mark = (id: string, user: string, state: string): SuggestionAttrs => ({ id, user, name: 'x', state, at: '2026-12-03T14:02:00.000Z' })
    const text = paragraph(kenya.doc)
    text.insert(0, 'Where possible, ', { insertion: mark('k-ins', t.users.kenya.id, 'KEN') })
    const start = plain(text).indexOf('take')
    text.format(start, 'take '.length, { deletion: mark('k-del', t.users.kenya.id, 'KEN') })
    paragraph(japan.doc).insert(plain(paragraph(japan.doc)).length, ' Japan adds.', { insertion: mark('j-ins', t.users.japan.id, 'JPN') })
    const list = async (query = '') => ((await t.api(`/suggestions${query}`, t.tokens.rapporteur)).body as { suggestions: SuggestionView[] }).suggestions
    await waitFor(async () => (await list('?status=open')).length === 3, { message: 'three open suggestions' })
    expect((await list('?state=KEN')).map((s) => s.id).sort()).toEqual(['k-del', 'k-ins'])
    expect((await t.api('/suggestions?state=kenya', t.tokens.rapporteur)).status).toBe(400)

    // Who may decide.
    expect((await t.api('/suggestions/j-ins/accept', t.tokens.kenya, 'POST', {})).status).toBe(403)
    expect((await t.api('/suggestions/k-ins/withdraw', t.tokens.japan, 'POST', {})).status).toBe(403)
    expect((await t.api('/suggestions/nope/accept', t.tokens.rapporteur, 'POST', {})).status).toBe(404)
    expect((await t.api('/suggestions/k-ins/reject', t.tokens.rapporteur, 'POST', { reason: 7 })).status).toBe(400)

    const accepted = await t.api('/suggestions/k-del/accept', t.tokens.rapporteur, 'POST', {})
    expect(accepted.status).toBe(200)
    expect(accepted.body).toMatchObject({ suggestion: { id: 'k-del', status: 'accepted', stateCode: 'KEN', decidedBy: t.users.rapporteur.id } })
    const rejected = await t.api('/suggestions/k-ins/reject', t.tokens.rapporteur, 'POST', { reason: 'Outside the mandate.' })
    expect(rejected.body).toMatchObject({ suggestion: { status: 'rejected', reason: 'Outside the mandate.' } })
    expect((await t.api('/suggestions/k-ins/reject', t.tokens.rapporteur, 'POST', {})).status).toBe(409)
    const withdrawn = await t.api('/suggestions/j-ins/withdraw', t.tokens.japan, 'POST', {})
    expect(withdrawn.body).toMatchObject({ suggestion: { status: 'withdrawn' } })

    // Both browsers' documents show the result: "take " struck out, Kenya's and Japan's insertions gone.
    for (const client of [kenya, japan]) {
      await waitFor(() => !plain(paragraph(client.doc)).includes('take ') && !plain(paragraph(client.doc)).includes('Where possible') && !plain(paragraph(client.doc)).includes('Japan adds'), { message: 'the decisions in every document' })
    }
    const events = ((await t.api('/history', t.tokens.japan)).body as { events: HistoryEvent[] }).events
    const decisions = events.filter((e) => e.type.startsWith('suggestion.') && e.type !== 'suggestion.made').map((e) => [e.type, e.data.suggestionId, e.data.state])
    expect(decisions).toEqual([
      ['suggestion.accepted', 'k-del', 'KEN'],
      ['suggestion.rejected', 'k-ins', 'KEN'],
      ['suggestion.withdrawn', 'j-ins', 'JPN'],
    ])
    expect(events.filter((e) => e.type === 'suggestion.made')).toHaveLength(3)
    expect(events.find((e) => e.type === 'suggestion.rejected')?.data.reason).toBe('Outside the mandate.')
    // Kenya's delegate hears of both decisions on Kenya's suggestions; Japan's of none of them (it withdrew its own).
    const inbox = async (token: string) => ((await request(`${t.url}/api/notifications`, { token })).body as { notifications: { title: string }[] }).notifications.map((n) => n.title)
    await waitFor(async () => (await inbox(t.tokens.kenya)).filter((title) => title.startsWith('Suggestion ')).length === 2, { message: "Kenya's two notices" })
    expect((await inbox(t.tokens.kenya)).filter((title) => title.startsWith('Suggestion ')).map((title) => title.split(':')[0]).sort()).toEqual(['Suggestion accepted', 'Suggestion rejected'])
    expect((await inbox(t.tokens.japan)).filter((title) => title.startsWith('Suggestion '))).toEqual([])
  })

  it("decides all of a State's suggestions in a clause, or all in a clause, in one change", async () => {
    const t = await setup()
    const kenya = connectClient(t.wsUrl, t.draft.id, t.tokens.kenya)
    const japan = connectClient(t.wsUrl, t.draft.id, t.tokens.japan)
    await Promise.all([kenya.synced(), japan.synced()])
    const mark = (id: string, user: string, state: string): SuggestionAttrs => ({ id, user, name: 'x', state, at: '2026-12-03T14:02:00.000Z' })
    paragraph(kenya.doc).insert(0, 'First, ', { insertion: mark('k1', t.users.kenya.id, 'KEN') })
    paragraph(kenya.doc).insert(plain(paragraph(kenya.doc)).length, ' Second.', { insertion: mark('k2', t.users.kenya.id, 'KEN') })
    await waitFor(() => plain(paragraph(japan.doc)).includes('Second.'), { message: "Kenya's suggestions at Japan" })
    paragraph(japan.doc).insert(plain(paragraph(japan.doc)).length, ' Third.', { insertion: mark('j1', t.users.japan.id, 'JPN') })
    const clauseId = readClauses(kenya.doc)[1]?.id ?? ''
    const other = readClauses(kenya.doc)[2]?.id ?? ''
    await waitFor(() => plain(paragraph(kenya.doc)).includes('Third.'), { message: "Japan's suggestion at Kenya" })

    expect((await t.api(`/clauses/${clauseId}/suggestions/reject`, t.tokens.kenya, 'POST', { state: 'JPN' })).status).toBe(403)
    expect((await t.api(`/clauses/nope/suggestions/accept`, t.tokens.rapporteur, 'POST', {})).status).toBe(404)
    expect((await t.api(`/clauses/${clauseId}/suggestions/accept`, t.tokens.rapporteur, 'POST', { state: 'kenya' })).status).toBe(400)
    expect(((await t.api(`/clauses/${other}/suggestions/accept`, t.tokens.rapporteur, 'POST', {})).body as { suggestions: unknown[] }).suggestions).toEqual([])

    const kenyas = await t.api(`/clauses/${clauseId}/suggestions/reject`, t.tokens.rapporteur, 'POST', { state: 'KEN', reason: 'Not needed.' })
    expect(kenyas.status).toBe(200)
    expect((kenyas.body as { suggestions: SuggestionView[] }).suggestions.map((s) => [s.id, s.status, s.reason]).sort()).toEqual([
      ['k1', 'rejected', 'Not needed.'],
      ['k2', 'rejected', 'Not needed.'],
    ])
    await waitFor(() => !plain(paragraph(japan.doc)).includes('First, ') && plain(paragraph(japan.doc)).includes('Third.'), { message: "only Kenya's gone" })
    const rest = await t.api(`/clauses/${clauseId}/suggestions/accept`, t.tokens.rapporteur, 'POST', {})
    expect((rest.body as { suggestions: SuggestionView[] }).suggestions.map((s) => [s.id, s.status])).toEqual([['j1', 'accepted']])
    await waitFor(() => readClauses(japan.doc)[1]?.suggestions.length === 0 && plain(paragraph(japan.doc)).endsWith('Third.'), { message: "Japan's accepted" })
  })

  it('a decision made in the text by the rapporteur is recorded too', async () => {
    const t = await setup()
    const kenya = connectClient(t.wsUrl, t.draft.id, t.tokens.kenya)
    const rapporteur = connectClient(t.wsUrl, t.draft.id, t.tokens.rapporteur)
    await Promise.all([kenya.synced(), rapporteur.synced()])
    paragraph(kenya.doc).insert(0, 'Accordingly, ', { insertion: { id: 'k1', user: t.users.kenya.id, name: 'x', state: 'KEN', at: '2026-12-03T14:02:00.000Z' } })
    await waitFor(() => plain(paragraph(rapporteur.doc)).startsWith('Accordingly, '), { message: 'the suggestion at the rapporteur' })
    paragraph(rapporteur.doc).format(0, 'Accordingly, '.length, { insertion: null })
    await waitFor(async () => ((await t.api('/suggestions?status=accepted', t.tokens.kenya)).body as { suggestions: SuggestionView[] }).suggestions.length === 1, { message: 'the acceptance recorded' })
  })
})
