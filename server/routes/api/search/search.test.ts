import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { RevisionSummary } from '../../../../shared/api'
import { ClauseKey } from '../../../../shared/draft/format'
import { clausesMap, readClauses } from '../../../../shared/draft/ydoc'
import type { SearchHitView, SearchResponse } from '../../../../shared/search/api'
import type { ThreadView } from '../../../../shared/threadsApi'
import { buildDraft, buildGroup, buildUser, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'
import { waitFor } from '../../../testing/waitFor'
import { connectClient } from '../../../testing/yclient'

type ErrorBody = { error: { code: string; message: string } }

const CLAUSES = [
  { kind: 'preamble' as const, heading: 'Preamble', text: 'The States participating in the Working Group,\nHave agreed as follows:' },
  { kind: 'article' as const, heading: 'Use of terms', text: 'For the purposes of these provisions, electronic evidence means any data stored in a computer system.' },
  { kind: 'article' as const, heading: 'Preservation', text: 'Each State shall enable the expedited preservation of traffic data, whether evidence is electronic or not.' },
]

async function setup() {
  const t = await newServerWithGroup({}, { searchIndexDelayMs: 30 })
  const draft = await buildDraft(t.storage, t.users.rapporteur, { title: 'Model provisions on cooperation', clauses: CLAUSES })
  const tokens = {
    rapporteur: await tokenFor(t.storage, t.users.rapporteur),
    kenya: await tokenFor(t.storage, t.users.kenya),
    observer: await tokenFor(t.storage, t.users.observer),
    outsider: await tokenFor(t.storage, t.users.outsider),
  }
  const search = (query: Record<string, string>, token = tokens.observer) =>
    request<SearchResponse>(`${t.url}/api/search?${new URLSearchParams(query).toString()}`, { token })
  const hits = async (query: Record<string, string>, token = tokens.observer): Promise<(SearchHitView & { label: string; draftId: string })[]> => {
    const res = await search(query, token)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body.drafts.flatMap((d) => d.clauses.flatMap((c) => c.hits.map((h) => ({ ...h, label: c.label, draftId: d.draft.id }))))
  }
  const clauseIds = () => t.server.ctx.collab.readDoc(draft.id, (doc) => readClauses(doc).map((c) => c.id))
  const marked = (hit: SearchHitView | undefined) => (hit?.snippet ?? []).filter((p) => p.hit).map((p) => p.text)
  return { ...t, draft, tokens, search, hits, clauseIds, marked }
}

/** Replaces the first paragraph's text of a clause body, as the server writes a change for a user. */
function setFirstParagraph(doc: Y.Doc, clauseId: string, text: string): void {
  const body = clausesMap(doc).get(clauseId)?.get(ClauseKey.body)
  if (!(body instanceof Y.XmlFragment)) throw new Error('no body')
  const paragraph = body.get(0)
  const node = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
  if (!(node instanceof Y.XmlText)) throw new Error('no text')
  node.delete(0, node.length)
  node.insert(0, text)
}

describe('GET /api/search', () => {
  it('finds clause text by phrase, prefix and any case, the exact phrase first, with the words marked and a link to the clause', async () => {
    const t = await setup()
    const [, terms, preservation] = await t.clauseIds()
    const found = await t.hits({ q: 'Electronic EVIDENCE' })
    expect(found.map((h) => [h.source, h.label, h.exact])).toEqual([
      ['clause', 'Article 1', true],
      ['clause', 'Article 2', false],
    ])
    expect(t.marked(found[0])).toEqual(['electronic evidence'])
    expect(found[0]?.link).toBe(`/drafts/${t.draft.id}?clause=${terms}`)
    expect((await t.hits({ q: '"electronic evidence"' })).map((h) => h.label)).toEqual(['Article 1'])
    const prefix = await t.hits({ q: 'expedit preserv' })
    expect(prefix.map((h) => h.link)).toEqual([`/drafts/${t.draft.id}?clause=${preservation}`])
    expect(t.marked(prefix[0])).toEqual(['expedited preservation'])
    const body = (await t.search({ q: 'evidence' })).body
    expect(body.drafts).toHaveLength(1)
    expect(body.drafts[0]?.draft).toEqual({ id: t.draft.id, title: 'Model provisions on cooperation' })
  })

  it('keeps the live text current: a clause edited over the websocket is found by its new words shortly after, not its old ones', async () => {
    const t = await setup()
    expect(await t.hits({ q: 'terms' })).toHaveLength(1) // indexed whole on the first search
    const client = connectClient(t.wsUrl, t.draft.id, t.tokens.rapporteur)
    await client.synced()
    const id = readClauses(client.doc)[1]?.id ?? ''
    const heading = clausesMap(client.doc).get(id)?.get(ClauseKey.heading) as Y.Text
    heading.delete(0, heading.length)
    heading.insert(0, 'Definitions of cyberspace')
    await waitFor(async () => (await t.hits({ q: 'cyberspace', kind: 'text' })).length === 1, { message: 'the new heading found' })
    expect(await t.hits({ q: '"use of terms"', kind: 'text' })).toEqual([])
  })

  it('is current after a restore, and finds the wording of revisions (one hit for revisions with the same wording)', async () => {
    const t = await setup()
    const [, terms = ''] = await t.clauseIds()
    const rapporteur = { id: t.users.rapporteur.id, stateCode: null }
    for (const label of ['First reading', 'Second reading']) {
      const saved = await request<RevisionSummary>(`${t.url}/api/drafts/${t.draft.id}/revisions`, { method: 'POST', token: t.tokens.rapporteur, body: { label } })
      expect(saved.status).toBe(201)
    }
    await t.server.ctx.collab.withDoc(t.draft.id, (doc) => setFirstParagraph(doc, terms, 'Digital proof is any information held by a device.'), rapporteur)
    await waitFor(async () => (await t.hits({ q: 'digital proof' })).length === 1, { message: 'the edit indexed' })
    const old = await t.hits({ q: '"electronic evidence"' })
    expect(old.map((h) => [h.source, h.revisions, h.link])).toEqual([['revision', [1, 2], `/drafts/${t.draft.id}/revisions?from=1&to=current&clause=${terms}`]])
    const restored = await request(`${t.url}/api/drafts/${t.draft.id}/revisions/1/restore`, { method: 'POST', token: t.tokens.rapporteur, body: { clauseId: terms } })
    expect(restored.status).toBe(200)
    await waitFor(async () => (await t.hits({ q: '"electronic evidence"', kind: 'text' })).some((h) => h.source === 'clause'), { message: 'the restored text indexed' })
    expect(await t.hits({ q: 'digital proof', kind: 'text' })).toEqual([])
  })

  it('finds comments, replies and proposals by their words and by the State (code or name), with a link to the thread; a deleted comment is gone', async () => {
    const t = await setup()
    const [, terms] = await t.clauseIds()
    const created = await request<{ thread: ThreadView }>(`${t.url}/api/drafts/${t.draft.id}/threads`, {
      method: 'POST',
      token: t.tokens.kenya,
      body: { clauseId: terms, body: 'Kenya asks that biometric records be covered too.', proposal: { text: 'electronic evidence means any data, biometric records included' } },
    })
    expect(created.status).toBe(201)
    const thread = created.body.thread
    await t.server.ctx.search.settled()
    const found = await t.hits({ q: 'biometric', kind: 'comment' })
    expect(found.map((h) => h.source).sort()).toEqual(['comment', 'proposal'])
    expect(found.every((h) => h.link === `/drafts/${t.draft.id}?clause=${terms}&thread=${thread.id}` && h.stateCode === 'KEN')).toBe(true)
    expect((await t.hits({ q: 'Kenya biometric', state: 'KEN' })).length).toBe(2)
    expect((await t.hits({ q: 'biometric', state: 'JPN' })).length).toBe(0)
    expect((await t.hits({ q: 'biometric', kind: 'event' })).length).toBe(0)
    expect((await request(`${t.url}/api/threads/${thread.id}/proposal/decline`, { method: 'POST', token: t.tokens.rapporteur, body: { reason: 'Biometrics are out of scope.' } })).status).toBe(200)
    await t.server.ctx.search.settled()
    const declined = await t.hits({ q: 'declined scope', kind: 'event' })
    expect(declined.map((h) => [h.link, h.heading])).toEqual([[`/drafts/${t.draft.id}/history?clause=${terms}`, 'proposal.declined']])
    expect(await t.hits({ q: 'commented', kind: 'event' })).toEqual([]) // the comment itself is indexed, not its event
    const commentId = thread.comments[0]?.id ?? ''
    expect((await request(`${t.url}/api/comments/${commentId}`, { method: 'DELETE', token: t.tokens.kenya })).status).toBe(200)
    await t.server.ctx.search.settled()
    expect((await t.hits({ q: 'biometric', kind: 'comment' })).map((h) => h.source)).toEqual(['proposal'])
  })

  it('shows nothing of another working group, and answers 404 for its draft', async () => {
    const t = await setup()
    const other = await buildGroup(t.storage)
    const stranger = await buildUser(t.storage, { role: 'rapporteur', group: other })
    const theirs = await buildDraft(t.storage, stranger, { title: 'Secret draft', clauses: [{ kind: 'article', heading: 'Secret', text: 'Electronic evidence of the other group.' }] })
    const strangerToken = await tokenFor(t.storage, stranger)
    const mine = await t.hits({ q: 'electronic evidence' })
    expect(mine.every((h) => h.draftId === t.draft.id)).toBe(true)
    const res = await t.search({ q: 'secret' })
    expect(res.body.drafts).toEqual([])
    expect(JSON.stringify((await t.search({ q: 'electronic' })).body)).not.toContain(theirs.id)
    expect((await t.hits({ q: 'electronic evidence' }, strangerToken)).map((h) => h.draftId)).toEqual([theirs.id])
    const foreign = await t.search({ q: 'electronic', draft: theirs.id })
    expect([foreign.status, (foreign.body as unknown as ErrorBody).error.code]).toEqual([404, 'not_found'])
    expect((await t.search({ q: 'electronic' }, t.tokens.outsider)).body.drafts).toEqual([])
  })

  it('answers 401 signed out and 400 naming the field for a bad query', async () => {
    const t = await setup()
    expect((await request(`${t.url}/api/search?q=x`)).status).toBe(401)
    const cases: [Record<string, string>, string][] = [
      [{}, 'q'],
      [{ q: '   ' }, 'q'],
      [{ q: '"" ... !!' }, 'q'],
      [{ q: 'x'.repeat(201) }, 'q'],
      [{ q: 'x', kind: 'all' }, 'kind'],
      [{ q: 'x', state: 'ken' }, 'state'],
      [{ q: 'x', state: 'XYZ' }, 'state'],
      [{ q: 'x', limit: '0' }, 'limit'],
      [{ q: 'x', other: '1' }, 'other'],
    ]
    for (const [query, field] of cases) {
      const res = await t.search(query)
      expect({ query, status: res.status, code: (res.body as unknown as ErrorBody).error.code }).toEqual({ query, status: 400, code: expect.stringMatching(/validation_failed|bad_request/) as string })
      expect((res.body as unknown as ErrorBody).error.message).toContain(field)
    }
  })
})
