import { describe, expect, it } from 'vitest'
import type { DashboardResponseBody } from '../../../../shared/dashboardApi'
import { readClauses } from '../../../../shared/draft/ydoc'
import { loadStoredDoc } from '../../../services/drafts'
import { buildDraft, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'

describe('the negotiation dashboard over HTTP', () => {
  it('gives each clause its status, brackets, suggestions and holds (overdue marked), who responded to a round and who did not, and brackets over revisions', async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur, {
      clauses: [
        { kind: 'preamble', heading: 'Preamble', text: 'The States [taking part],' },
        { kind: 'article', heading: 'Scope', text: 'These provisions apply to [civil] and [commercial] matters.' },
        { kind: 'article', heading: 'Definitions', text: 'A record means [any] information.' },
      ],
    })
    const tokens = { chair: await tokenFor(t.storage, t.users.chair), secretariat: await tokenFor(t.storage, t.users.secretariat), rapporteur: await tokenFor(t.storage, t.users.rapporteur), kenya: await tokenFor(t.storage, t.users.kenya), outsider: await tokenFor(t.storage, t.users.outsider) }
    const api = <T = unknown>(path: string, token: string, method = 'GET', body?: unknown) => request<T>(`${t.url}/api/drafts/${draft.id}${path}`, { method, token, ...(body !== undefined && { body }) })
    const doc = await loadStoredDoc(t.storage, draft.id)
    const [, scope, definitions] = readClauses(doc).map((c) => c.id)
    doc.destroy()
    expect((await api('/revisions', tokens.rapporteur, 'POST', { label: 'First reading' })).status).toBe(201)
    expect((await api('/rounds', tokens.secretariat, 'POST', { name: 'Comments on the first reading', deadline: '2099-01-01T17:00:00.000Z' })).status).toBe(201)
    expect((await api('/threads', tokens.kenya, 'POST', { clauseId: scope, body: 'Kenya prefers civil matters only.' })).status).toBe(201)
    await api(`/clauses/${definitions}/status`, tokens.chair, 'PUT', { status: 'agreed-ad-referendum', states: ['JPN'], expected: '2020-01-31' })

    expect((await api('/dashboard', tokens.outsider)).status).toBe(404)
    const { body, status } = await api<DashboardResponseBody>('/dashboard', tokens.kenya)
    expect(status).toBe(200)
    expect(body.clauses.map((c) => [c.label, c.brackets, c.status])).toEqual([
      ['Preamble', 1, 'proposed'],
      ['Article 1', 2, 'proposed'],
      ['Article 2', 1, 'agreed-ad-referendum'],
    ])
    expect(body.clauses[2]?.holds).toEqual([{ stateCode: 'JPN', expectedBy: '2020-01-31', overdue: true }])
    const round = body.rounds[0]
    expect(round?.states.find((s) => s.stateCode === 'KEN')).toMatchObject({ comments: 1, responded: true })
    expect(round?.states.find((s) => s.stateCode === 'JPN')).toMatchObject({ comments: 0, suggestions: 0, positions: 0, responded: false })
    expect(round?.responded).toBe(1)
    expect(round?.silent).toBe((round?.states.length ?? 0) - 1)
    // The round saves a revision when it opens: the first reading, the round's, then now.
    expect(body.brackets.map((p) => p.brackets)).toEqual(body.brackets.map(() => 4))
    expect(body.brackets.at(-1)).toMatchObject({ revision: null, label: 'Now' })
    expect(body.totals).toMatchObject({ brackets: 4, holds: 1, overdueHolds: 1, agreed: 1, clauses: 3 })
  })
})
