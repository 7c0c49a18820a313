import { describe, expect, it } from 'vitest'
import { readClauses } from '../../../../shared/draft/ydoc'
import type { HistoryEvent, ThreadView } from '../../../../shared/threadsApi'
import { loadStoredDoc } from '../../../services/drafts'
import { buildDraft, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'
import { waitFor } from '../../../testing/waitFor'

/** Reads server-sent events from a real HTTP stream until `count` arrive. */
async function readEvents(url: string, token: string, count: number, signal: AbortSignal, onOpen: () => void): Promise<HistoryEvent[]> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal })
  expect(response.headers.get('content-type')).toContain('text/event-stream')
  onOpen()
  const reader = response.body?.getReader()
  if (!reader) throw new Error('no body')
  const decoder = new TextDecoder()
  const events: HistoryEvent[] = []
  let buffer = ''
  while (events.length < count) {
    const { value, done } = await reader.read()
    if (done) break
    buffer += decoder.decode(value, { stream: true })
    let end = buffer.indexOf('\n\n')
    while (end >= 0) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const data = block.split('\n').find((line) => line.startsWith('data: '))
      if (data) events.push(JSON.parse(data.slice(6)) as HistoryEvent)
      end = buffer.indexOf('\n\n')
    }
  }
  return events
}

describe('history API and the live event stream', () => {
  it('lists every event in time order with filters, and streams new ones live', async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const [, first, second] = readClauses(await loadStoredDoc(t.storage, draft.id))
    const kenya = await tokenFor(t.storage, t.users.kenya)
    const japan = await tokenFor(t.storage, t.users.japan)
    const chair = await tokenFor(t.storage, t.users.chair)
    const observer = await tokenFor(t.storage, t.users.observer)

    const abort = new AbortController()
    let streamOpen = false
    const live = readEvents(`${t.url}/api/drafts/${draft.id}/events`, observer, 3, abort.signal, () => {
      streamOpen = true
    })
    await waitFor(() => streamOpen && t.server.ctx.events.listenerCount(draft.id) === 1, { message: 'the stream to open' })

    const thread = await request<{ thread: ThreadView }>(`${t.url}/api/drafts/${draft.id}/threads`, { method: 'POST', token: kenya, body: { clauseId: first?.id, body: 'Kenya comments.' } })
    await request(`${t.url}/api/threads/${thread.body.thread.id}/comments`, { method: 'POST', token: japan, body: { body: 'Japan replies.' } })
    await request(`${t.url}/api/threads/${thread.body.thread.id}/resolve`, { method: 'POST', token: chair })
    await request(`${t.url}/api/drafts/${draft.id}/threads`, { method: 'POST', token: japan, body: { clauseId: second?.id, body: 'Japan on another clause.' } })

    const streamed = await live
    abort.abort()
    expect(streamed.map((e) => [e.type, e.actor.state])).toEqual([
      ['thread.created', 'KEN'],
      ['comment.replied', 'JPN'],
      ['thread.resolved', null],
    ])

    const all = await request<{ events: HistoryEvent[] }>(`${t.url}/api/drafts/${draft.id}/history`, { token: observer })
    expect(all.body.events.map((e) => e.type)).toEqual(['thread.created', 'comment.replied', 'thread.resolved', 'thread.created'])
    expect(all.body.events.map((e) => e.id)).toEqual([...all.body.events.map((e) => e.id)].sort((a, b) => a - b))
    const byJapan = await request<{ events: HistoryEvent[] }>(`${t.url}/api/drafts/${draft.id}/history?state=JPN`, { token: observer })
    expect(byJapan.body.events.map((e) => e.type)).toEqual(['comment.replied', 'thread.created'])
    const onSecond = await request<{ events: HistoryEvent[] }>(`${t.url}/api/drafts/${draft.id}/history?clause=${second?.id}`, { token: observer })
    expect(onSecond.body.events).toHaveLength(1)
    const resolvedOnly = await request<{ events: HistoryEvent[] }>(`${t.url}/api/drafts/${draft.id}/history?status=resolved`, { token: observer })
    expect(resolvedOnly.body.events.map((e) => e.threadId)).toEqual([thread.body.thread.id, thread.body.thread.id, thread.body.thread.id])
    const byAuthor = await request<{ events: HistoryEvent[] }>(`${t.url}/api/drafts/${draft.id}/history?author=${t.users.chair.id}`, { token: observer })
    expect(byAuthor.body.events.map((e) => e.type)).toEqual(['thread.resolved'])
    expect((await request(`${t.url}/api/drafts/${draft.id}/history?status=pending`, { token: observer })).status).toBe(400)
    expect((await request(`${t.url}/api/drafts/${draft.id}/history`, { token: await tokenFor(t.storage, t.users.outsider) })).status).toBe(404)
    expect((await request(`${t.url}/api/drafts/${draft.id}/events`)).status).toBe(401)
  })
})
