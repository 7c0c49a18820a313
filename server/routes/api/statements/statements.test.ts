import { describe, expect, it } from 'vitest'
import type { StatementView } from '../../../../shared/agreementApi'
import { readClauses } from '../../../../shared/draft/ydoc'
import { loadStoredDoc } from '../../../services/drafts'
import { buildDraft, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'

describe('statements on record', () => {
  it('a delegate records, as its State, on a clause or the whole draft; listed and filtered; in the history', async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const clauseId = readClauses(await loadStoredDoc(t.storage, draft.id))[1]?.id ?? ''
    const base = `${t.url}/api/drafts/${draft.id}/statements`
    const post = async (user: keyof typeof t.users, body: unknown) => request<StatementView>(base, { method: 'POST', token: await tokenFor(t.storage, t.users[user]), body })

    const reservation = await post('kenya', { kind: 'reservation', clauseId, text: 'Kenya reserves its position on paragraph (b) pending consultations with its capital.' })
    expect(reservation.status).toBe(201)
    expect(reservation.body).toMatchObject({ kind: 'reservation', clauseId, stateCode: 'KEN', userId: t.users.kenya.id })
    expect((await post('japan', { kind: 'explanation', clauseId: null, text: 'Japan joins the consensus on the understanding that the provisions are a model only.' })).status).toBe(201)

    for (const role of ['rapporteur', 'chair', 'secretariat', 'observer'] as const) expect((await post(role, { kind: 'reservation', clauseId, text: 'x' })).status).toBe(403)
    expect((await post('kenya', { kind: 'objection', clauseId, text: 'x' })).status).toBe(400)
    expect((await post('kenya', { kind: 'reservation', clauseId, text: 'x', stateCode: 'JPN' })).status).toBe(400)
    expect((await post('kenya', { kind: 'dissociation', clauseId: 'nosuchclause', text: 'x' })).status).toBe(404)

    const token = await tokenFor(t.storage, t.users.observer)
    const all = await request<{ statements: StatementView[] }>(base, { token })
    expect(all.body.statements.map((s) => s.stateCode)).toEqual(['KEN', 'JPN'])
    expect((await request<{ statements: StatementView[] }>(`${base}?clauseId=${clauseId}`, { token })).body.statements.map((s) => s.stateCode)).toEqual(['KEN'])
    expect((await request<{ statements: StatementView[] }>(`${base}?kind=explanation`, { token })).body.statements.map((s) => s.clauseId)).toEqual([null])
    expect((await request(`${base}?kind=objection`, { token })).status).toBe(400)
    const history = await request<{ events: { type: string; clauseId: string | null }[] }>(`${t.url}/api/drafts/${draft.id}/history?clause=${clauseId}`, { token })
    expect(history.body.events.filter((e) => e.type === 'statement.recorded')).toHaveLength(1)
    const onlyStatements = await request<{ events: { type: string }[] }>(`${t.url}/api/drafts/${draft.id}/history?type=statement.recorded`, { token })
    expect(onlyStatements.body.events.map((e) => e.type)).toEqual(['statement.recorded', 'statement.recorded'])
    expect((await request(`${t.url}/api/drafts/${draft.id}/history?type=nonsense`, { token })).status).toBe(400)
    expect((await t.storage.listAudit({ action: 'statement.recorded', limit: 5 })).length).toBe(2)
  })
})
