import { describe, expect, it } from 'vitest'
import { readClauses } from '../../../../shared/draft/ydoc'
import type { PositionsResponse } from '../../../../shared/threadsApi'
import { loadStoredDoc } from '../../../services/drafts'
import { buildDraft, buildUser, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'

describe('positions API', () => {
  it('records one current position per State per clause, keeps the history, and summarises consensus', async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const india = await buildUser(t.storage, { role: 'delegate', stateCode: 'IND', group: t.group })
    const doc = await loadStoredDoc(t.storage, draft.id)
    const [, clause, other] = readClauses(doc)
    const put = async (user: typeof india, clauseId: string, body: unknown) =>
      request<PositionsResponse>(`${t.url}/api/drafts/${draft.id}/clauses/${clauseId}/position`, { method: 'PUT', token: await tokenFor(t.storage, user), body })

    expect((await put(t.users.kenya, clause?.id ?? '', { stance: 'support' })).status).toBe(200)
    await put(india, clause?.id ?? '', { stance: 'support' })
    await put(t.users.japan, clause?.id ?? '', { stance: 'objection', statement: 'Too broad.' })
    const changed = await put(t.users.japan, clause?.id ?? '', { stance: 'reservation', statement: 'Pending domestic consultations.' })
    expect(changed.status).toBe(200)
    const consensus = changed.body.consensus.find((c) => c.clauseId === clause?.id)
    expect(consensus?.summary).toBe('2 support · 1 reservation (JPN)')
    expect(consensus?.counts).toEqual({ support: 2, reservation: 1, objection: 0, none: 0 })
    expect(changed.body.consensus.find((c) => c.clauseId === other?.id)?.summary).toBe('No positions yet')
    expect(changed.body.consensus.map((c) => c.clauseId)).toEqual(readClauses(doc).map((c) => c.id))
    const japan = changed.body.positions.filter((p) => p.state === 'JPN')
    expect(japan).toEqual([expect.objectContaining({ stance: 'reservation', statement: 'Pending domestic consultations.', author: expect.objectContaining({ id: t.users.japan.id }) })])
    expect((await t.storage.threads.positionHistory(draft.id, clause?.id)).filter((p) => p.stateCode === 'JPN').map((p) => p.stance)).toEqual(['objection', 'reservation'])

    const observer = await tokenFor(t.storage, t.users.observer)
    const read = await request<PositionsResponse>(`${t.url}/api/drafts/${draft.id}/positions`, { token: observer })
    expect(read.body.consensus).toEqual(changed.body.consensus)
  })

  it('refuses positions from those who speak for no State (403), bad stances (400) and unknown clauses (404)', async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const doc = await loadStoredDoc(t.storage, draft.id)
    const clauseId = readClauses(doc)[1]?.id ?? ''
    const path = `${t.url}/api/drafts/${draft.id}/clauses/${clauseId}/position`
    for (const user of [t.users.observer, t.users.chair, t.users.rapporteur]) {
      const res = await request(path, { method: 'PUT', token: await tokenFor(t.storage, user), body: { stance: 'support' } })
      expect({ role: user.role, status: res.status }).toEqual({ role: user.role, status: 403 })
    }
    const kenya = await tokenFor(t.storage, t.users.kenya)
    expect((await request(path, { method: 'PUT', token: kenya, body: { stance: 'maybe' } })).status).toBe(400)
    expect((await request(path, { method: 'PUT', token: kenya, body: { stance: 'support', state: 'JPN' } })).status).toBe(400)
    expect((await request(`${t.url}/api/drafts/${draft.id}/clauses/nosuchclause/position`, { method: 'PUT', token: kenya, body: { stance: 'support' } })).status).toBe(404)
    expect((await request(`${t.url}/api/drafts/${draft.id}/positions`, { token: await tokenFor(t.storage, t.users.outsider) })).status).toBe(404)
  })
})
