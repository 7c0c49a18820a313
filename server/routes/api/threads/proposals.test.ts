import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { charsOf } from '../../../../shared/draft/textEdit'
import { readClauses } from '../../../../shared/draft/ydoc'
import { anchorInText, encodeRelative } from '../../../../shared/threads/anchor'
import type { ThreadView } from '../../../../shared/threadsApi'
import { clauseBody } from '../../../services/threadViews'
import { buildDraft, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'
import { waitFor } from '../../../testing/waitFor'
import { connectClient } from '../../../testing/yclient'

type ThreadRes = { thread: ThreadView }
type StaleRes = { error: { code: string; message: string; details: { base: string; current: string; proposed: string } } }

const ARTICLE = [
  'Each Party shall, upon request, preserve stored computer data for a period of [ninety days].',
  'The requested Party may refuse a request where its execution would prejudice its sovereignty.',
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
    kenya: await tokenFor(t.storage, t.users.kenya),
    japan: await tokenFor(t.storage, t.users.japan),
    rapporteur: await tokenFor(t.storage, t.users.rapporteur),
    observer: await tokenFor(t.storage, t.users.observer),
  }
  const client = connectClient(t.wsUrl, draft.id, tokens.rapporteur)
  await client.synced()
  const clauseId = readClauses(client.doc)[1]?.id ?? ''
  /** The XmlText of the article's n-th paragraph in the client's replica. */
  const paragraph = (n: number) => {
    const element = clauseBody(client.doc, clauseId)?.get(n)
    const text = element instanceof Y.XmlElement ? element.get(0) : null
    if (!(text instanceof Y.XmlText)) throw new Error('no text')
    return text
  }
  const anchorOn = (n: number, words: string) => {
    const text = paragraph(n)
    const from = charsOf(text).text.indexOf(words)
    const anchor = anchorInText(text, from, from + words.length)
    return { start: encodeRelative(anchor.start), end: encodeRelative(anchor.end) }
  }
  const post = <T>(path: string, token: string, body?: unknown) => request<T>(`${t.url}${path}`, { method: 'POST', token, body })
  const articleText = () => readClauses(client.doc)[1]?.text
  const getThreads = async () => (await request<{ threads: ThreadView[] }>(`${t.url}/api/drafts/${draft.id}/threads`, { token: tokens.observer })).body.threads
  return { t, draft, tokens, client, clauseId, paragraph, anchorOn, post, articleText, getThreads }
}

describe('amendment proposals', () => {
  it('applies a whole-clause proposal as minimal edits: the other paragraphs, the bracket and other anchors survive', async () => {
    const { t, draft, tokens, clauseId, paragraph, anchorOn, post, articleText } = await setup()
    const path = `/api/drafts/${draft.id}/threads`
    const third = paragraph(2)
    const other = await post<ThreadRes>(path, tokens.japan, { clauseId, body: 'Japan asks what "sovereignty" covers.', anchor: anchorOn(1, 'sovereignty') })
    const proposed = ARTICLE.replace('without delay', 'in writing without undue delay')
    const created = await post<ThreadRes>(path, tokens.kenya, { clauseId, body: 'Kenya asks for reasons in writing.', proposal: { text: proposed } })
    expect(created.body.thread.proposal).toMatchObject({ base: ARTICLE, current: ARTICLE, stale: false, status: 'pending' })

    const applied = await post<ThreadRes>(`/api/threads/${created.body.thread.id}/proposal/apply`, tokens.rapporteur)
    expect(applied.status).toBe(200)
    await waitFor(() => articleText() === proposed, { message: 'the applied proposal at the client' })
    // The third paragraph was edited in place, word by word: the same node, not a new one.
    expect(paragraph(2)).toBe(third)
    expect(articleText()).toContain('[ninety days]')
    const listed = await request<{ threads: ThreadView[] }>(`${t.url}/api/drafts/${draft.id}/threads`, { token: tokens.observer })
    expect(listed.body.threads.find((x) => x.id === other.body.thread.id)?.span).toEqual({ state: 'ok', text: 'sovereignty' })
    const history = await request<{ events: { type: string; data: Record<string, unknown> }[] }>(`${t.url}/api/drafts/${draft.id}/history`, { token: tokens.observer })
    expect(history.body.events.find((e) => e.type === 'proposal.applied')?.data).toMatchObject({ proposerState: 'KEN' })
  })

  it('applies a span proposal word by word and keeps the bracket it does not touch', async () => {
    const { draft, tokens, clauseId, anchorOn, post, articleText } = await setup()
    const created = await post<ThreadRes>(`/api/drafts/${draft.id}/threads`, tokens.kenya, {
      clauseId,
      body: 'Kenya would preserve for longer.',
      anchor: anchorOn(0, 'preserve stored computer data for a period of ninety days'),
      proposal: { text: 'preserve stored computer data and traffic data for a period of [ninety days]' },
    })
    expect(created.body.thread.proposal).toMatchObject({ base: 'preserve stored computer data for a period of [ninety days]', stale: false })
    expect((await post(`/api/threads/${created.body.thread.id}/proposal/apply`, tokens.rapporteur)).status).toBe(200)
    await waitFor(() => articleText()?.startsWith('Each Party shall, upon request, preserve stored computer data and traffic data for a period of [ninety days].'), {
      message: 'the span proposal at the client',
    })
  })

  it('refuses to apply a stale proposal silently (409 with the three texts) and applies it once the rapporteur confirms the current text', async () => {
    const { draft, tokens, clauseId, paragraph, post, articleText, client, getThreads } = await setup()
    const proposed = ARTICLE.replace('Any refusal', 'Every refusal')
    const created = await post<ThreadRes>(`/api/drafts/${draft.id}/threads`, tokens.kenya, { clauseId, body: 'Kenya: every refusal.', proposal: { text: proposed } })
    const threadId = created.body.thread.id
    // The rapporteur edits the clause after the proposal was made.
    const second = paragraph(1)
    client.doc.transact(() => second.insert(charsOf(second).text.indexOf('sovereignty'), 'essential '))
    const edited = ARTICLE.replace('its sovereignty', 'its essential sovereignty')
    let view: ThreadView | undefined
    await waitFor(async () => {
      view = (await getThreads()).find((x) => x.id === threadId)
      return view?.proposal?.stale === true
    }, { message: 'the proposal shown as stale' })
    expect(view?.proposal).toMatchObject({ base: ARTICLE, current: edited })

    const refused = await post<StaleRes>(`/api/threads/${threadId}/proposal/apply`, tokens.rapporteur)
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe('proposal_stale')
    expect(refused.body.error.details).toEqual({ base: ARTICLE, current: edited, proposed })
    expect(articleText()).toBe(edited)
    // Confirming a text that is not the current one is refused too.
    expect((await post(`/api/threads/${threadId}/proposal/apply`, tokens.rapporteur, { expected: ARTICLE })).status).toBe(409)
    expect((await post(`/api/threads/${threadId}/proposal/apply`, tokens.rapporteur, { expected: 42 })).status).toBe(400)
    const confirmed = await post<ThreadRes>(`/api/threads/${threadId}/proposal/apply`, tokens.rapporteur, { expected: edited })
    expect(confirmed.status).toBe(200)
    await waitFor(() => articleText() === proposed, { message: 'the confirmed proposal at the client' })
  })
})
