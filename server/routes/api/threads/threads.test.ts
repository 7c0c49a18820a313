import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readClauses } from '../../../../shared/draft/ydoc'
import { anchorInText, encodeRelative } from '../../../../shared/threads/anchor'
import type { ThreadView } from '../../../../shared/threadsApi'
import { loadStoredDoc } from '../../../services/drafts'
import { clauseBody } from '../../../services/threadViews'
import { buildDraft, movableClock, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'
import { waitFor } from '../../../testing/waitFor'
import { connectClient } from '../../../testing/yclient'

type ThreadRes = { thread: ThreadView }
type ErrorRes = { error: { code: string; message: string } }

async function setup() {
  const clock = movableClock()
  const t = await newServerWithGroup({}, { now: clock.now })
  const draft = await buildDraft(t.storage, t.users.rapporteur)
  const tokens = {
    kenya: await tokenFor(t.storage, t.users.kenya),
    japan: await tokenFor(t.storage, t.users.japan),
    observer: await tokenFor(t.storage, t.users.observer),
    rapporteur: await tokenFor(t.storage, t.users.rapporteur),
    chair: await tokenFor(t.storage, t.users.chair),
    secretariat: await tokenFor(t.storage, t.users.secretariat),
    outsider: await tokenFor(t.storage, t.users.outsider),
  }
  const doc = await loadStoredDoc(t.storage, draft.id)
  const clause = readClauses(doc)[1]
  if (!clause) throw new Error('no clause')
  /** An anchor on `word` in the clause's first paragraph. */
  const anchorOn = (word: string) => {
    const paragraph = clauseBody(doc, clause.id)?.get(0)
    const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
    if (!(text instanceof Y.XmlText)) throw new Error('no text')
    const from: number = text.toString().indexOf(word)
    const anchor = anchorInText(text, from, from + word.length)
    return { start: encodeRelative(anchor.start), end: encodeRelative(anchor.end) }
  }
  const post = <T>(path: string, token: string, body?: unknown) => request<T>(`${t.url}${path}`, { method: 'POST', token, body })
  return { t, clock, draft, clause, doc, tokens, anchorOn, post }
}

describe('threads API', () => {
  it('opens an anchored thread whose author and State come from the session, with replies, edits and a tombstone', async () => {
    const { t, draft, clause, tokens, anchorOn, post } = await setup()
    const created = await post<ThreadRes>(`/api/drafts/${draft.id}/threads`, tokens.kenya, {
      clauseId: clause.id,
      body: 'Kenya would prefer a narrower wording.',
      anchor: anchorOn('measures'),
      quote: 'whatever the client says',
    })
    expect(created.status).toBe(201)
    const thread = created.body.thread
    expect(thread).toMatchObject({ clauseId: clause.id, status: 'open', quote: 'measures', span: { state: 'ok', text: 'measures' } })
    expect(thread.author).toMatchObject({ id: t.users.kenya.id, state: 'KEN' })
    expect(thread.comments).toHaveLength(1)

    // Forged authorship is refused outright.
    const forged = await post<ErrorRes>(`/api/drafts/${draft.id}/threads`, tokens.kenya, { clauseId: clause.id, body: 'x', author: t.users.japan.id })
    expect(forged.status).toBe(400)

    const replied = await post<ThreadRes>(`/api/threads/${thread.id}/comments`, tokens.japan, { body: 'Japan supports the current text.' })
    expect(replied.status).toBe(201)
    const japanComment = replied.body.thread.comments[1]
    expect(japanComment?.author.state).toBe('JPN')

    const kenyaComment = thread.comments[0]
    const edited = await request<ThreadRes>(`${t.url}/api/comments/${kenyaComment?.id}`, { method: 'PATCH', token: tokens.kenya, body: { body: 'Kenya proposes a narrower wording.' } })
    expect(edited.status).toBe(200)
    expect(edited.body.thread.comments[0]).toMatchObject({ body: 'Kenya proposes a narrower wording.', versions: [{ body: 'Kenya would prefer a narrower wording.' }] })
    expect(edited.body.thread.comments[0]?.editedAt).not.toBeNull()

    // A delegate of Kenya may not edit or delete Japan's comment.
    const hijack = await request<ErrorRes>(`${t.url}/api/comments/${japanComment?.id}`, { method: 'PATCH', token: tokens.kenya, body: { body: 'Changed by Kenya' } })
    expect(hijack.status).toBe(403)
    expect((await request(`${t.url}/api/comments/${japanComment?.id}`, { method: 'DELETE', token: tokens.kenya })).status).toBe(403)

    const deleted = await request<ThreadRes>(`${t.url}/api/comments/${japanComment?.id}`, { method: 'DELETE', token: tokens.japan })
    expect(deleted.body.thread.comments[1]).toMatchObject({ deleted: true, body: '', versions: [], author: { state: 'JPN' } })
    expect((await request(`${t.url}/api/comments/${japanComment?.id}`, { method: 'PATCH', token: tokens.japan, body: { body: 'again' } })).status).toBe(409)

    const listed = await request<{ threads: ThreadView[] }>(`${t.url}/api/drafts/${draft.id}/threads?clause=${clause.id}&state=KEN&status=open`, { token: tokens.observer })
    expect(listed.body.threads.map((x) => x.id)).toEqual([thread.id])
    const none = await request<{ threads: ThreadView[] }>(`${t.url}/api/drafts/${draft.id}/threads?state=JPN`, { token: tokens.observer })
    expect(none.body.threads).toEqual([])
    expect((await request(`${t.url}/api/drafts/${draft.id}/threads?state=kenya`, { token: tokens.observer })).status).toBe(400)
  })

  it('refuses what the rules forbid: observers (403), outsiders (404), empty (400) and oversized (413) bodies, unknown clauses (404), bad anchors (400)', async () => {
    const { t, draft, clause, tokens, post, anchorOn, doc } = await setup()
    const path = `/api/drafts/${draft.id}/threads`
    expect((await post(path, tokens.observer, { clauseId: clause.id, body: 'An observer speaks.' })).status).toBe(403)
    expect((await post(path, tokens.outsider, { clauseId: clause.id, body: 'Hello' })).status).toBe(404)
    expect((await request(`${t.url}${path}`, { method: 'POST', body: { clauseId: clause.id, body: 'Hello' } })).status).toBe(401)
    const empty = await post<ErrorRes>(path, tokens.kenya, { clauseId: clause.id, body: '   ' })
    expect(empty.status).toBe(400)
    expect(empty.body.error.message).toContain('body')
    expect((await post(path, tokens.kenya, { clauseId: clause.id, body: 'x'.repeat(20_001) })).status).toBe(400)
    const nul = await post<ErrorRes>(path, tokens.kenya, { clauseId: clause.id, body: 'before\u0000after' })
    expect(nul.status).toBe(400)
    expect(nul.body.error.message).toBe('body: must not contain a NUL character')
    const huge = await post<ErrorRes>(path, tokens.kenya, { clauseId: clause.id, body: 'x'.repeat(100_000) })
    expect(huge.status).toBe(413)
    expect(huge.body.error.code).toBe('payload_too_large')
    expect((await post(path, tokens.kenya, { clauseId: 'nosuchclause', body: 'Hello' })).status).toBe(404)
    expect((await post(path, tokens.kenya, { clauseId: clause.id, body: 'Hello', anchor: { start: 'AAAA', end: '!!' } })).status).toBe(400)
    const elsewhere = readClauses(doc)[2]?.id ?? ''
    expect((await post(path, tokens.kenya, { clauseId: elsewhere, body: 'Hello', anchor: anchorOn('measures') })).status).toBe(400)
    expect((await post(`/api/threads/nosuch/comments`, tokens.kenya, { body: 'Hello' })).status).toBe(404)
  })

  it('lets the author, the chair, the rapporteur or the secretariat resolve and reopen, and nobody else', async () => {
    const { draft, clause, tokens, post } = await setup()
    const { body } = await post<ThreadRes>(`/api/drafts/${draft.id}/threads`, tokens.kenya, { clauseId: clause.id, body: 'A point.' })
    const id = body.thread.id
    expect((await post(`/api/threads/${id}/resolve`, tokens.japan)).status).toBe(403)
    expect((await post(`/api/threads/${id}/resolve`, tokens.observer)).status).toBe(403)
    const resolved = await post<ThreadRes>(`/api/threads/${id}/resolve`, tokens.chair)
    expect(resolved.body.thread).toMatchObject({ status: 'resolved', resolvedBy: { role: 'chair' } })
    expect((await post(`/api/threads/${id}/resolve`, tokens.rapporteur)).status).toBe(409)
    expect((await post<ThreadRes>(`/api/threads/${id}/reopen`, tokens.kenya)).body.thread.status).toBe('open')
    expect((await post<ThreadRes>(`/api/threads/${id}/resolve`, tokens.secretariat)).body.thread.status).toBe('resolved')
  })

  it('applies a proposal to the live document for a connected client, once, and records a declined one with its reason', async () => {
    const { t, draft, clause, tokens, anchorOn, post } = await setup()
    const client = connectClient(t.wsUrl, draft.id, tokens.japan)
    await client.synced()
    const path = `/api/drafts/${draft.id}/threads`
    const span = await post<ThreadRes>(path, tokens.kenya, { clauseId: clause.id, body: 'Say "steps".', anchor: anchorOn('measures'), proposal: { text: 'steps' } })
    const whole = await post<ThreadRes>(path, tokens.japan, { clauseId: clause.id, body: 'Shorter.', proposal: { text: 'Each State shall cooperate.' } })

    expect((await post(`/api/threads/${span.body.thread.id}/proposal/apply`, tokens.kenya)).status).toBe(403)
    const applied = await post<ThreadRes>(`/api/threads/${span.body.thread.id}/proposal/apply`, tokens.rapporteur)
    expect(applied.status).toBe(200)
    expect(applied.body.thread).toMatchObject({ status: 'resolved', proposal: { status: 'applied', decidedBy: { role: 'rapporteur' } } })
    await waitFor(() => readClauses(client.doc)[1]?.text.startsWith('Each State shall take the steps set out'), { message: 'the applied proposal at the client' })
    expect((await post(`/api/threads/${span.body.thread.id}/proposal/apply`, tokens.rapporteur)).status).toBe(409)

    expect((await post(`/api/threads/${whole.body.thread.id}/proposal/decline`, tokens.rapporteur, { reason: '' })).status).toBe(400)
    const declined = await post<ThreadRes>(`/api/threads/${whole.body.thread.id}/proposal/decline`, tokens.rapporteur, { reason: 'The Group prefers the detailed list.' })
    expect(declined.body.thread.proposal).toMatchObject({ status: 'declined', reason: 'The Group prefers the detailed list.' })
    expect(readClauses(client.doc)[1]?.text).toContain('(a) first measure;')

    // A proposal on the whole clause replaces its text.
    const again = await post<ThreadRes>(path, tokens.japan, { clauseId: clause.id, body: 'Replace it all.', proposal: { text: 'Each State shall cooperate.\n(a) fully;\n(b) promptly.' } })
    await post(`/api/threads/${again.body.thread.id}/proposal/apply`, tokens.rapporteur)
    await waitFor(() => readClauses(client.doc)[1]?.text === 'Each State shall cooperate.\n(a) fully;\n(b) promptly.', { message: 'whole-clause proposal at the client' })
    // The span of the first thread is gone with the old text.
    const listed = await request<{ threads: ThreadView[] }>(`${t.url}/api/drafts/${draft.id}/threads`, { token: tokens.observer })
    expect(listed.body.threads.find((x) => x.id === span.body.thread.id)?.span).toEqual({ state: 'removed' })
  })
})
