import { describe, expect, it } from 'vitest'
import type { DraftDetail } from '../../../../shared/api'
import { readClauses } from '../../../../shared/draft/ydoc'
import type { RoundView } from '../../../../shared/threadsApi'
import { loadStoredDoc } from '../../../services/drafts'
import { buildDraft, movableClock, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'

const HOUR = 3_600_000

describe('comment rounds API', () => {
  it('opens consultation until a deadline, refuses comments after it (409) until reopened, and closes back to drafting', async () => {
    const clock = movableClock()
    const t = await newServerWithGroup({}, { now: clock.now })
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const clauseId = readClauses(await loadStoredDoc(t.storage, draft.id))[1]?.id ?? ''
    const secretariat = await tokenFor(t.storage, t.users.secretariat)
    const kenya = await tokenFor(t.storage, t.users.kenya)
    const deadline = new Date(clock.now().getTime() + 24 * HOUR).toISOString()

    expect((await request(`${t.url}/api/drafts/${draft.id}/rounds`, { method: 'POST', token: await tokenFor(t.storage, t.users.rapporteur), body: { name: 'R', deadline } })).status).toBe(403)
    expect((await request(`${t.url}/api/drafts/${draft.id}/rounds`, { method: 'POST', token: secretariat, body: { name: 'R', deadline: '2001-01-01' } })).status).toBe(400)
    expect((await request(`${t.url}/api/drafts/${draft.id}/rounds`, { method: 'POST', token: secretariat, body: { name: 'R', deadline: 'soon' } })).status).toBe(400)
    const opened = await request<{ round: RoundView }>(`${t.url}/api/drafts/${draft.id}/rounds`, {
      method: 'POST',
      token: secretariat,
      body: { name: "Comments on the Rapporteur's draft, 2018", deadline },
    })
    expect(opened.status).toBe(201)
    expect(opened.body.round).toMatchObject({ status: 'open', accepting: true, deadline })
    expect((await request(`${t.url}/api/drafts/${draft.id}/rounds`, { method: 'POST', token: secretariat, body: { name: 'Again', deadline } })).status).toBe(409)
    const detail = await request<{ draft: DraftDetail }>(`${t.url}/api/drafts/${draft.id}`, { token: kenya })
    expect(detail.body.draft).toMatchObject({ phase: 'consultation', commentDeadline: deadline, access: { canEdit: false } })
    expect(detail.body.draft.access.readOnlyReason).toMatch(/^Consultation until 2 November/)

    const comment = () => request(`${t.url}/api/drafts/${draft.id}/threads`, { method: 'POST', token: kenya, body: { clauseId, body: 'A comment in the round.' } })
    expect((await comment()).status).toBe(201)
    clock.advance(25 * HOUR)
    const late = await comment()
    expect(late.status).toBe(409)
    expect(JSON.stringify(late.body)).toContain('closed on 2 November')
    expect((await request(`${t.url}/api/drafts/${draft.id}/clauses/${clauseId}/position`, { method: 'PUT', token: kenya, body: { stance: 'support' } })).status).toBe(409)

    // Reopening the expired round with a new deadline accepts comments again.
    const roundId = opened.body.round.id
    const reopened = await request<{ round: RoundView }>(`${t.url}/api/rounds/${roundId}/reopen`, {
      method: 'POST',
      token: secretariat,
      body: { deadline: new Date(clock.now().getTime() + 48 * HOUR).toISOString() },
    })
    expect(reopened.body.round).toMatchObject({ status: 'open', accepting: true })
    expect((await comment()).status).toBe(201)

    const closed = await request<{ round: RoundView }>(`${t.url}/api/rounds/${roundId}/close`, { method: 'POST', token: secretariat })
    expect(closed.body.round).toMatchObject({ status: 'closed', accepting: false })
    expect((await request<{ draft: DraftDetail }>(`${t.url}/api/drafts/${draft.id}`, { token: kenya })).body.draft.phase).toBe('drafting')
    expect((await request(`${t.url}/api/rounds/${roundId}/close`, { method: 'POST', token: secretariat })).status).toBe(409)
    expect((await request(`${t.url}/api/rounds/${roundId}/close`, { method: 'POST', token: kenya })).status).toBe(403)

    expect((await request(`${t.url}/api/rounds/nosuch/close`, { method: 'POST', token: secretariat })).status).toBe(404)
    const rounds = await request<{ rounds: RoundView[] }>(`${t.url}/api/drafts/${draft.id}/rounds`, { token: kenya })
    expect(rounds.body.rounds.map((r) => r.id)).toEqual([roundId])

    // A revision was saved when the round opened and when it closed (not on reopening).
    const revisions = await request<{ revisions: { number: number; label: string }[] }>(`${t.url}/api/drafts/${draft.id}/revisions`, { token: kenya })
    expect(revisions.body.revisions.map((r) => [r.number, r.label])).toEqual([
      [1, `Comment round "Comments on the Rapporteur's draft, 2018" opened`],
      [2, `Comment round "Comments on the Rapporteur's draft, 2018" closed`],
    ])
  })
})
