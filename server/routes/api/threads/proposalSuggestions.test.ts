import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { charsOf } from '../../../../shared/draft/textEdit'
import { type ClauseView, readClauses } from '../../../../shared/draft/ydoc'
import { anchorInText, encodeRelative } from '../../../../shared/threads/anchor'
import type { SuggestionView } from '../../../../shared/suggestionsApi'
import type { HistoryEvent, ThreadView } from '../../../../shared/threadsApi'
import { clauseBody } from '../../../services/threadViews'
import { assembleReport } from '../../../report/assemble'
import { proposalOutcome } from '../../../report/writers/common/format'
import { buildDraft, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'
import { waitFor } from '../../../testing/waitFor'
import { connectClient } from '../../../testing/yclient'

type ThreadRes = { thread: ThreadView }
type ErrorRes = { error: { code: string; message: string; details?: { current: string } } }

const ARTICLE = [
  'Each Party shall, upon request, preserve stored computer data for a period of [ninety days].',
  'The requested Party may refuse a request where its execution would prejudice its sovereignty.',
  '(a) the request concerns a political offence;',
  '(b) the request concerns a fiscal offence.',
  'Any refusal shall be communicated with reasons without delay.',
].join('\n')

async function setup() {
  const t = await newServerWithGroup()
  const draft = await buildDraft(t.storage, t.users.rapporteur, {
    clauses: [
      { kind: 'preamble', heading: '', text: 'The Parties, recognising the need for cooperation,' },
      { kind: 'article', heading: 'Expedited preservation', text: ARTICLE },
    ],
  })
  const tokens = {
    secretariat: await tokenFor(t.storage, t.users.secretariat),
    rapporteur: await tokenFor(t.storage, t.users.rapporteur),
    kenya: await tokenFor(t.storage, t.users.kenya),
    japan: await tokenFor(t.storage, t.users.japan),
    observer: await tokenFor(t.storage, t.users.observer),
  }
  const watcher = connectClient(t.wsUrl, draft.id, tokens.observer)
  await watcher.synced()
  const clauseId = readClauses(watcher.doc)[1]?.id ?? ''
  const post = <T>(path: string, token: string, body?: unknown) => request<T>(`${t.url}${path}`, { method: 'POST', token, body })
  const get = <T>(path: string, token = tokens.observer) => request<T>(`${t.url}/api/drafts/${draft.id}${path}`, { token })
  const propose = async (token: string, text: string) => (await post<ThreadRes>(`/api/drafts/${draft.id}/threads`, token, { clauseId, body: 'A proposal.', proposal: { text } })).body.thread
  const article = async () => (await get<{ clauses: ClauseView[] }>('/content')).body.clauses.find((c) => c.id === clauseId)
  return { t, draft, tokens, watcher, clauseId, post, get, propose, article }
}

describe('turning a proposal into suggestions', () => {
  it("writes the proposal's word changes as its author's suggestions: the content shows them by the State, accepting them gives the proposal", async () => {
    const { t, draft, tokens, watcher, clauseId, post, get, propose, article } = await setup()
    const proposed = ARTICLE.replace('[ninety days]', '[one hundred and eighty days]').replace('a fiscal offence', 'a fiscal or customs offence').replace('with reasons ', '')
    const thread = await propose(tokens.kenya, proposed)
    const turned = await post<ThreadRes>(`/api/threads/${thread.id}/proposal/suggest`, tokens.rapporteur, { expected: ARTICLE })
    expect(turned.status).toBe(200)
    expect(turned.body.thread).toMatchObject({ status: 'resolved', proposal: { status: 'suggested', decidedBy: { id: t.users.rapporteur.id } } })

    // The base text is unchanged; the suggestions are Kenya's, one per change, a replacement once.
    const clause = await article()
    expect(clause?.text).toBe(ARTICLE)
    expect(clause?.suggestions.map((s) => [s.kind, s.deleted, s.inserted, s.user, s.state])).toEqual([
      ['replace', 'ninety ', 'one hundred and eighty ', t.users.kenya.id, 'KEN'],
      ['insert', '', 'or customs ', t.users.kenya.id, 'KEN'],
      ['delete', 'with reasons ', '', t.users.kenya.id, 'KEN'],
    ])
    expect(clause?.html).toContain('data-state="KEN"')
    await waitFor(() => readClauses(watcher.doc)[1]?.suggestions.length === 3, { message: 'the suggestions at a connected client' })

    // The record lists them as Kenya's, open; the history says who turned whose proposal.
    const listed = (await get<{ suggestions: SuggestionView[] }>(`/suggestions?state=KEN&clause=${clauseId}`)).body.suggestions
    expect(listed.map((s) => [s.userId, s.status])).toEqual(Array.from({ length: 3 }, () => [t.users.kenya.id, 'open']))
    const events = (await get<{ events: HistoryEvent[] }>('/history')).body.events
    const event = events.find((e) => e.type === 'proposal.suggested')
    expect(event).toMatchObject({ threadId: thread.id, actor: { id: t.users.rapporteur.id }, data: { proposerState: 'KEN', suggestions: clause?.suggestions.map((s) => s.id) } })
    expect(events.filter((e) => e.type === 'suggestion.made').map((e) => e.actor.id)).toEqual(Array.from({ length: 3 }, () => t.users.kenya.id))

    // A report counts it as turned into suggestions, not as a proposal still pending.
    const saved = await post<{ number: number }>(`/api/drafts/${draft.id}/revisions`, tokens.rapporteur, { label: 'With the suggestions' })
    const report = await assembleReport(t.storage, draft, { title: 'Report', session: null, place: null, date: '2026-12-02', sections: [], baseRevision: saved.body.number, compareTo: null, rounds: null }, { reportId: 'r1', version: 1, versionAt: '2026-12-02T10:00:00.000Z', authorId: t.users.rapporteur.id })
    expect(report.counts.proposals).toEqual({ total: 1, applied: 0, declined: 0, pending: 0, suggested: 1 })
    const assembled = report.clauses[1]?.groups[0]?.threads[0]?.proposal
    expect(assembled && proposalOutcome(assembled)).toMatch(/^Turned into suggestions by .+ \(Rapporteur\) on /)

    for (const s of listed) expect((await post(`/api/drafts/${draft.id}/suggestions/${s.id}/accept`, tokens.rapporteur, {})).status).toBe(200)
    expect((await article())?.text).toBe(proposed)
  })

  it('refuses: 403 for another delegate and an observer, 404 unknown, 409 paragraphs, turned twice, applied, stale', async () => {
    const { t, draft, tokens, post, propose, article } = await setup()
    const thread = await propose(tokens.kenya, ARTICLE.replace('without delay', 'promptly'))
    const path = `/api/threads/${thread.id}/proposal/suggest`
    expect((await post(path, tokens.japan, {})).status).toBe(403)
    expect((await post(path, tokens.observer, {})).status).toBe(403)
    expect((await post('/api/threads/nosuchthread/proposal/suggest', tokens.rapporteur, {})).status).toBe(404)
    expect((await post(path, tokens.rapporteur, { expected: 42 })).status).toBe(400)
    const stale = await post<ErrorRes>(path, tokens.rapporteur, { expected: 'Another text.' })
    expect(stale.status).toBe(409)
    expect(stale.body.error).toMatchObject({ code: 'proposal_stale', details: { current: ARTICLE } })

    const added = await propose(tokens.japan, `${ARTICLE}\nA new paragraph on costs.`)
    const paragraphs = await post<ErrorRes>(`/api/threads/${added.id}/proposal/suggest`, tokens.rapporteur, {})
    expect(paragraphs.status).toBe(409)
    expect(paragraphs.body.error.message).toMatch(/changes the paragraphs; apply it instead/)
    const lettered = await propose(tokens.japan, ARTICLE.replace('(b) the request', 'The request'))
    expect((await post(`/api/threads/${lettered.id}/proposal/suggest`, tokens.rapporteur, {})).status).toBe(409)
    expect((await article())?.suggestions).toEqual([])

    // The author itself may; then it is turned, and neither turned nor applied again.
    expect((await post(path, tokens.kenya, {})).status).toBe(200)
    const again = await post<ErrorRes>(path, tokens.rapporteur, {})
    expect(again.status).toBe(409)
    expect(again.body.error.message).toMatch(/already turned into suggestions/)
    expect((await post(`/api/threads/${thread.id}/proposal/apply`, tokens.rapporteur, {})).status).toBe(409)
    const applied = await propose(tokens.japan, ARTICLE.replace('Any refusal', 'Every refusal'))
    expect((await post(`/api/threads/${applied.id}/proposal/apply`, tokens.rapporteur, {})).status).toBe(200)
    expect((await post(`/api/threads/${applied.id}/proposal/suggest`, tokens.rapporteur, {})).status).toBe(409)

    // A closed draft is read-only to its author: 403.
    const late = await propose(tokens.kenya, ARTICLE.replace('its sovereignty', 'its essential interests'))
    expect((await request(`${t.url}/api/drafts/${draft.id}`, { method: 'PATCH', token: tokens.secretariat, body: { phase: 'closed' } })).status).toBe(200)
    expect((await post(`/api/threads/${late.id}/proposal/suggest`, tokens.kenya, {})).status).toBe(403)
  })

  it('turns a proposal on selected words into suggestions within the selection', async () => {
    const { t, tokens, watcher, clauseId, post, article, draft } = await setup()
    const element = clauseBody(watcher.doc, clauseId)?.get(1)
    const text = element instanceof Y.XmlElement ? element.get(0) : null
    if (!(text instanceof Y.XmlText)) throw new Error('no text')
    const words = 'would prejudice its sovereignty'
    const from = charsOf(text).text.indexOf(words)
    const anchor = anchorInText(text, from, from + words.length)
    const created = await post<ThreadRes>(`/api/drafts/${draft.id}/threads`, tokens.japan, {
      clauseId,
      body: 'Japan: essential interests too.',
      anchor: { start: encodeRelative(anchor.start), end: encodeRelative(anchor.end) },
      proposal: { text: 'would prejudice its sovereignty or essential interests' },
    })
    expect((await post(`/api/threads/${created.body.thread.id}/proposal/suggest`, tokens.rapporteur, {})).status).toBe(200)
    expect((await article())?.suggestions).toMatchObject([{ kind: 'insert', inserted: ' or essential interests', user: t.users.japan.id, state: 'JPN' }])
  })
})
