import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DraftContent, RestoreResult, RevisionDetail, RevisionSummary } from '../../../../shared/api'
import { applyTextEdit, deleteClause, moveClause } from '../../../../shared/draft/clauseOps'
import { clausesMap, readClauses } from '../../../../shared/draft/ydoc'
import { revisionOnRound } from '../../../services/revisions'
import { buildDraft, buildGroup, buildUser, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'
import { waitFor } from '../../../testing/waitFor'
import { connectClient } from '../../../testing/yclient'

type ErrorBody = { error: { code: string; message: string } }

async function setup() {
  const t = await newServerWithGroup()
  const draft = await buildDraft(t.storage, t.users.rapporteur)
  const tokens = {
    rapporteur: await tokenFor(t.storage, t.users.rapporteur),
    chair: await tokenFor(t.storage, t.users.chair),
    secretariat: await tokenFor(t.storage, t.users.secretariat),
    kenya: await tokenFor(t.storage, t.users.kenya),
    observer: await tokenFor(t.storage, t.users.observer),
    outsider: await tokenFor(t.storage, t.users.outsider),
  }
  const base = `${t.url}/api/drafts/${draft.id}`
  const content = async () => (await request<DraftContent>(`${base}/content`, { token: tokens.observer })).body
  /** Edits the live document on the server, as a connected editor would. */
  const edit = (change: (doc: Y.Doc) => void) => t.server.ctx.collab.withDoc(draft.id, change)
  return { ...t, draft, tokens, base, content, edit }
}

const headingOf = (doc: Y.Doc, id: string) => clausesMap(doc).get(id)?.get('heading') as Y.Text

describe('revisions API', () => {
  it('saves numbered revisions for the rapporteur, chair and secretariat, lists them and reads one back for every member', async () => {
    const t = await setup()
    const first = await request<RevisionSummary>(`${t.base}/revisions`, { method: 'POST', token: t.tokens.rapporteur, body: { label: "  Rapporteur's draft, 5 April 2018 " } })
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ number: 1, label: "Rapporteur's draft, 5 April 2018", title: t.draft.title, clauseCount: 3, createdBy: { id: t.users.rapporteur.id, displayName: t.users.rapporteur.displayName } })
    const second = await request<RevisionSummary>(`${t.base}/revisions`, { method: 'POST', token: t.tokens.chair, body: { label: 'After the 56th session' } })
    const third = await request<RevisionSummary>(`${t.base}/revisions`, { method: 'POST', token: t.tokens.secretariat, body: { label: 'Circulated for comments' } })
    expect([second.status, second.body.number, third.status, third.body.number]).toEqual([201, 2, 201, 3])

    for (const token of [t.tokens.kenya, t.tokens.observer]) {
      const list = await request<{ revisions: RevisionSummary[] }>(`${t.base}/revisions`, { token })
      expect(list.status).toBe(200)
      expect(list.body.revisions.map((r) => [r.number, r.label])).toEqual([
        [1, "Rapporteur's draft, 5 April 2018"],
        [2, 'After the 56th session'],
        [3, 'Circulated for comments'],
      ])
    }
    const detail = await request<RevisionDetail>(`${t.base}/revisions/1`, { token: t.tokens.kenya })
    expect(detail.status).toBe(200)
    const live = await t.content()
    expect(detail.body.clauses).toEqual(live.clauses.map(({ id, kind, number, label, heading, status, text }) => ({ id, kind, number, label, heading, status, text })))
  })

  it('keeps a revision as it was saved while the draft goes on, and saves what is live when the draft is open', async () => {
    const t = await setup()
    const client = connectClient(t.wsUrl, t.draft.id, t.tokens.kenya)
    await client.synced()
    const id = readClauses(client.doc)[1]?.id ?? ''
    headingOf(client.doc, id).insert(0, 'Typed live: ')
    await waitFor(async () => (await t.content()).clauses[1]?.heading.startsWith('Typed live: '), { message: 'the live edit on the server' })
    await request(`${t.base}/revisions`, { method: 'POST', token: t.tokens.rapporteur, body: { label: 'one' } })
    const saved = (await request<RevisionDetail>(`${t.base}/revisions/1`, { token: t.tokens.kenya })).body
    expect(saved.clauses[1]?.heading).toBe('Typed live: Test provision 1')
    headingOf(client.doc, id).insert(0, 'Later: ')
    await waitFor(async () => (await t.content()).clauses[1]?.heading.startsWith('Later: '), { message: 'the second edit' })
    expect((await request<RevisionDetail>(`${t.base}/revisions/1`, { token: t.tokens.kenya })).body).toEqual(saved)
  })

  it('answers 401 without a session, 403 to roles that may not save, 404 to non-members and for unknown revisions', async () => {
    const t = await setup()
    await request(`${t.base}/revisions`, { method: 'POST', token: t.tokens.rapporteur, body: { label: 'one' } })
    expect((await request(`${t.base}/revisions`)).status).toBe(401)
    expect((await request(`${t.base}/revisions`, { method: 'POST', body: { label: 'x' } })).status).toBe(401)
    for (const token of [t.tokens.kenya, t.tokens.observer]) {
      const res = await request<ErrorBody>(`${t.base}/revisions`, { method: 'POST', token, body: { label: 'x' } })
      expect([res.status, res.body.error.code]).toEqual([403, 'forbidden'])
    }
    const other = await buildGroup(t.storage)
    const stranger = await buildUser(t.storage, { role: 'rapporteur', group: other })
    const strangerToken = await tokenFor(t.storage, stranger)
    for (const [path, method] of [['/revisions', 'GET'], ['/revisions', 'POST'], ['/revisions/1', 'GET'], ['/revisions/1/restore', 'POST']] as const) {
      for (const token of [t.tokens.outsider, strangerToken]) {
        const res = await request<ErrorBody>(`${t.base}${path}`, { method, token, body: method === 'POST' ? { label: 'x' } : undefined })
        expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 404, body: { error: { code: 'not_found', message: 'Draft not found.' } } })
      }
    }
    for (const n of ['2', '0', 'abc', '-1', '1.5', '99999999999']) {
      const res = await request<ErrorBody>(`${t.base}/revisions/${n}`, { token: t.tokens.kenya })
      expect({ n, status: res.status, message: res.body.error.message }).toEqual({ n, status: 404, message: 'Revision not found.' })
    }
    expect((await request(`${t.url}/api/drafts/nosuchdraft/revisions`, { token: t.tokens.kenya })).status).toBe(404)
  })

  it('saves a revision labelled after a comment round when the round opens or closes (the rounds hook)', async () => {
    const t = await setup()
    await revisionOnRound(t.server.ctx, t.draft, t.users.secretariat, { name: 'Second reading' }, 'opened')
    await revisionOnRound(t.server.ctx, t.draft, t.users.secretariat, { name: 'Second reading' }, 'closed')
    const list = await request<{ revisions: RevisionSummary[] }>(`${t.base}/revisions`, { token: t.tokens.observer })
    expect(list.body.revisions.map((r) => [r.number, r.label, r.createdBy.id])).toEqual([
      [1, 'Comment round "Second reading" opened', t.users.secretariat.id],
      [2, 'Comment round "Second reading" closed', t.users.secretariat.id],
    ])
  })

  it('validates the label with 400 naming the field', async () => {
    const t = await setup()
    const cases: [unknown, string][] = [
      [{}, 'label'],
      [{ label: '   ' }, 'label'],
      [{ label: 'x'.repeat(201) }, 'label'],
      [{ label: 7 }, 'label'],
      [{ label: 'ok', number: 4 }, 'number'],
    ]
    for (const [body, field] of cases) {
      const res = await request<ErrorBody>(`${t.base}/revisions`, { method: 'POST', token: t.tokens.rapporteur, body })
      expect({ body, status: res.status, code: res.body.error.code }).toEqual({ body, status: 400, code: 'validation_failed' })
      expect(res.body.error.message).toContain(field)
    }
    expect((await request<{ revisions: unknown[] }>(`${t.base}/revisions`, { token: t.tokens.rapporteur })).body.revisions).toEqual([])
  })
})

describe('restoring from a revision', () => {
  it('restores one clause into the live draft as a new change that a connected editor receives', async () => {
    const t = await setup()
    await request(`${t.base}/revisions`, { method: 'POST', token: t.tokens.rapporteur, body: { label: 'one' } })
    const client = connectClient(t.wsUrl, t.draft.id, t.tokens.kenya)
    await client.synced()
    const [, first, second] = readClauses(client.doc)
    headingOf(client.doc, first?.id ?? '').insert(0, 'Changed ')
    applyTextEdit(headingOf(client.doc, second?.id ?? ''), 'Other change')
    await waitFor(async () => (await t.content()).clauses[2]?.heading === 'Other change', { message: 'edits on the server' })

    const res = await request<RestoreResult>(`${t.base}/revisions/1/restore`, { method: 'POST', token: t.tokens.rapporteur, body: { clauseId: first?.id } })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ revision: 1, clauseId: first?.id, changed: [first?.id] })
    await waitFor(() => readClauses(client.doc)[1]?.heading === 'Test provision 1', { message: 'the restored heading at the client' })
    expect(readClauses(client.doc)[2]?.heading).toBe('Other change')
  })

  it('restores the whole draft (order, deleted and added clauses), also when nobody has it open, and persists it', async () => {
    const t = await setup()
    const before = await t.content()
    await request(`${t.base}/revisions`, { method: 'POST', token: t.tokens.secretariat, body: { label: 'one' } })
    await t.edit((doc) => {
      const [, a, b] = readClauses(doc)
      moveClause(doc, b?.id ?? '', 0)
      deleteClause(doc, a?.id ?? '')
    })
    expect((await t.content()).clauses).toHaveLength(2)
    // Reading loaded the draft for a moment; restore once nobody has it open.
    await waitFor(() => t.server.ctx.collab.stats().rooms === 0, { message: 'the draft to unload' })
    const res = await request<RestoreResult>(`${t.base}/revisions/1/restore`, { method: 'POST', token: t.tokens.secretariat })
    expect(res.status).toBe(200)
    expect(res.body.changed).toHaveLength(3)
    expect(t.server.ctx.collab.stats().rooms).toBe(0)
    // Positions are new keys where clauses moved back; everything a reader sees is as it was.
    const visible = (c: DraftContent) => c.clauses.map(({ id, kind, number, label, heading, status, text, html }) => ({ id, kind, number, label, heading, status, text, html }))
    expect(visible(await t.content())).toEqual(visible(before))
    const again = await request<RestoreResult>(`${t.base}/revisions/1/restore`, { method: 'POST', token: t.tokens.secretariat, body: {} })
    expect(again.body.changed).toEqual([])
  })

  it('lets only the rapporteur and the secretariat restore, and nobody once the draft is closed', async () => {
    const t = await setup()
    await request(`${t.base}/revisions`, { method: 'POST', token: t.tokens.chair, body: { label: 'one' } })
    for (const token of [t.tokens.chair, t.tokens.kenya, t.tokens.observer]) {
      const res = await request<ErrorBody>(`${t.base}/revisions/1/restore`, { method: 'POST', token, body: {} })
      expect([res.status, res.body.error.code]).toEqual([403, 'forbidden'])
    }
    await t.storage.setDraftPhase(t.draft.id, 'consultation', '2030-11-30T00:00:00.000Z')
    expect((await request(`${t.base}/revisions/1/restore`, { method: 'POST', token: t.tokens.rapporteur, body: {} })).status).toBe(200)
    await t.storage.setDraftPhase(t.draft.id, 'closed', null)
    const closed = await request<ErrorBody>(`${t.base}/revisions/1/restore`, { method: 'POST', token: t.tokens.rapporteur, body: {} })
    expect([closed.status, closed.body.error.message]).toEqual([403, 'This draft is closed.'])
  })

  it('answers 400 for a malformed body and 404 for an unknown revision or a clause the revision does not hold', async () => {
    const t = await setup()
    await request(`${t.base}/revisions`, { method: 'POST', token: t.tokens.rapporteur, body: { label: 'one' } })
    for (const [body, field] of [[{ clauseId: 'bad id!' }, 'clauseId'], [{ clauseId: 5 }, 'clauseId'], [{ everything: true }, 'everything']] as const) {
      const res = await request<ErrorBody>(`${t.base}/revisions/1/restore`, { method: 'POST', token: t.tokens.rapporteur, body })
      expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed'])
      expect(res.body.error.message).toContain(field)
    }
    const missingRevision = await request<ErrorBody>(`${t.base}/revisions/2/restore`, { method: 'POST', token: t.tokens.rapporteur, body: {} })
    expect([missingRevision.status, missingRevision.body.error.message]).toEqual([404, 'Revision not found.'])
    const missingClause = await request<ErrorBody>(`${t.base}/revisions/1/restore`, { method: 'POST', token: t.tokens.rapporteur, body: { clauseId: 'nosuchclause' } })
    expect([missingClause.status, missingClause.body.error.message]).toEqual([404, 'Clause not found.'])
    expect(t.server.ctx.collab.stats().rooms).toBe(0)
  })
})
