import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DraftContent, RestoreResult } from '../../../../shared/api'
import { applyTextEdit, deleteClause } from '../../../../shared/draft/clauseOps'
import { DRAFT_MAP } from '../../../../shared/draft/format'
import { clausesMap, readClauses } from '../../../../shared/draft/ydoc'
import type { HistoryEvent } from '../../../../shared/threadsApi'
import { buildClauses, buildDraft, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'
import { waitFor } from '../../../testing/waitFor'
import { connectClient } from '../../../testing/yclient'

async function setup() {
  const t = await newServerWithGroup()
  const draft = await buildDraft(t.storage, t.users.rapporteur, { title: 'Model provisions on cooperation', clauses: buildClauses(5) })
  const tokens = { rapporteur: await tokenFor(t.storage, t.users.rapporteur), kenya: await tokenFor(t.storage, t.users.kenya), chair: await tokenFor(t.storage, t.users.chair), observer: await tokenFor(t.storage, t.users.observer) }
  const base = `${t.url}/api/drafts/${draft.id}`
  const content = async () => (await request<DraftContent>(`${base}/content`, { token: tokens.observer })).body
  const history = async (query = '') => (await request<{ events: HistoryEvent[] }>(`${base}/history${query}`, { token: tokens.observer })).body.events
  return { ...t, draft, tokens, base, content, history }
}

const headingOf = (doc: Y.Doc, id: string) => clausesMap(doc).get(id)?.get('heading') as Y.Text
const count = (events: readonly HistoryEvent[], type: string) => events.filter((e) => e.type === type).length

describe('who changed what, per clause (issue 24, point 5)', () => {
  it("records the chair's deletions and heading change over the websocket under her name (delegates suggest deletions), in the update log and the history; a whole restore brings clauses and title back", async () => {
    const t = await setup()
    expect((await request(`${t.base}/revisions`, { method: 'POST', token: t.tokens.rapporteur, body: { label: 'before' } })).status).toBe(201)
    const before = await t.content()

    const client = connectClient(t.wsUrl, t.draft.id, t.tokens.chair)
    await client.synced()
    const [kept, ...doomed] = readClauses(client.doc)
    for (const clause of doomed.slice(0, 3)) deleteClause(client.doc, clause.id)
    const renamed = doomed[3]
    applyTextEdit(headingOf(client.doc, renamed?.id ?? ''), 'Nothing applies')
    // Typing goes on in the same clause: still one clause.edited.
    headingOf(client.doc, renamed?.id ?? '').insert(0, 'Really: ')
    deleteClause(client.doc, kept?.id ?? '')

    const events = (await waitFor(
      async () => {
        const all = await t.history()
        return count(all, 'clause.deleted') === 4 && count(all, 'clause.edited') === 1 ? all : null
      },
      { message: "the chair's clause events" },
    )) ?? []
    const textEvents = events.filter((e) => e.type.startsWith('clause.'))
    expect(textEvents.every((e) => e.actor.id === t.users.chair.id && e.actor.state === null)).toBe(true)
    expect(new Set(events.filter((e) => e.type === 'clause.deleted').map((e) => e.clauseId))).toEqual(new Set([kept?.id, ...doomed.slice(0, 3).map((c) => c.id)]))
    expect(events.find((e) => e.type === 'clause.edited')).toMatchObject({ clauseId: renamed?.id, data: { fields: ['heading'] } })
    // Filtered by author and by clause like every event.
    expect(count(await t.history(`?author=${t.users.chair.id}`), 'clause.deleted')).toBe(4)
    expect((await t.history(`?clause=${renamed?.id ?? ''}`)).map((e) => e.type)).toEqual(['clause.edited'])

    // Every stored update of the log carries her id, and the update's id is on each event.
    const rows = await t.storage.docs.listUpdates(t.draft.id)
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => r.authorId === t.users.chair.id)).toBe(true)
    const rowIds = new Set(rows.map((r) => r.id))
    expect(textEvents.every((e) => typeof e.data.updateId === 'number' && rowIds.has(e.data.updateId))).toBe(true)

    // The title is renamed too (by the rapporteur: a delegate may not), then everything is restored.
    await t.server.ctx.collab.withDoc(t.draft.id, (doc) => doc.getMap(DRAFT_MAP).set('title', 'Vandalised'), t.users.rapporteur)
    expect((await t.content()).title).toBe('Vandalised')
    const restored = await request<RestoreResult>(`${t.base}/revisions/1/restore`, { method: 'POST', token: t.tokens.rapporteur })
    expect(restored.status).toBe(200)
    const after = await t.content()
    expect(after.title).toBe(before.title)
    expect(after.clauses.map((c) => [c.id, c.heading, c.text])).toEqual(before.clauses.map((c) => [c.id, c.heading, c.text]))
    await waitFor(() => readClauses(client.doc).length === 5 && client.doc.getMap(DRAFT_MAP).get('title') === before.title, { message: 'the restore at the client' })

    // The restore is the rapporteur's: his rows, and the clauses he brought back.
    const added =
      (await waitFor(
        async () => {
          const all = (await t.history()).filter((e) => e.type === 'clause.added')
          return all.length === 4 ? all : null
        },
        { message: "the restore's clause events" },
      )) ?? []
    expect(added.every((e) => e.actor.id === t.users.rapporteur.id)).toBe(true)
    expect((await t.storage.docs.listUpdates(t.draft.id)).filter((r) => r.authorId === t.users.rapporteur.id).length).toBeGreaterThan(0)
  })

  it('records a status change (set by the chair over HTTP) as clause.status with the new status', async () => {
    const t = await setup()
    const clause = (await t.content()).clauses[1]
    const set = await request(`${t.base}/clauses/${clause?.id ?? ''}/status`, { method: 'PUT', token: t.tokens.chair, body: { status: 'under-discussion' } })
    expect(set.status).toBe(200)
    const event = await waitFor(async () => (await t.history()).find((e) => e.type === 'clause.status') ?? null, { message: 'the status event' })
    expect(event).toMatchObject({ clauseId: clause?.id, actor: { id: t.users.chair.id }, data: { status: 'under-discussion', previous: 'proposed' } })
  })
})
