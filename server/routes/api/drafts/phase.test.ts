import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ClauseKey } from '../../../../shared/draft/format'
import { clausesMap, readClauses } from '../../../../shared/draft/ydoc'
import { loadStoredDoc } from '../../../services/drafts'
import { buildDraft, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServer, newServerWithGroup } from '../../../testing/newServer'
import { waitFor } from '../../../testing/waitFor'
import { connectClient } from '../../../testing/yclient'

function headingOf(doc: Y.Doc, clauseId: string): Y.Text {
  const heading = clausesMap(doc).get(clauseId)?.get(ClauseKey.heading)
  if (!(heading instanceof Y.Text)) throw new Error('no heading')
  return heading
}

describe('PATCH /api/drafts/:id (closing a draft)', () => {
  it('lets the secretariat close a draft: open sockets turn read-only at once, audited; reopened for drafting', async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const clauseId = readClauses(await loadStoredDoc(t.storage, draft.id))[1]?.id ?? ''
    const secretariat = await tokenFor(t.storage, t.users.secretariat)
    const kenyaToken = await tokenFor(t.storage, t.users.kenya)
    const kenya = connectClient(t.wsUrl, draft.id, kenyaToken)
    await kenya.synced()

    for (const who of ['rapporteur', 'chair', 'kenya', 'observer'] as const) {
      const refused = await request(`${t.url}/api/drafts/${draft.id}`, { method: 'PATCH', token: await tokenFor(t.storage, t.users[who]), body: { phase: 'closed' } })
      expect(refused.status, who).toBe(403)
    }
    for (const body of [{ phase: 'consultation' }, { phase: 'closed', title: 'x' }, {}]) {
      expect((await request(`${t.url}/api/drafts/${draft.id}`, { method: 'PATCH', token: secretariat, body })).status).toBe(400)
    }
    const closed = await request<{ draft: { phase: string } }>(`${t.url}/api/drafts/${draft.id}`, { method: 'PATCH', token: secretariat, body: { phase: 'closed' } })
    expect(closed.status).toBe(200)
    expect(closed.body.draft.phase).toBe('closed')
    expect((await request(`${t.url}/api/drafts/${draft.id}`, { token: kenyaToken })).body).toMatchObject({ draft: { phase: 'closed', access: { canEdit: false } } })
    // Kenya's open socket writes after the close: dropped, never stored.
    headingOf(kenya.doc, clauseId).insert(0, 'AFTER CLOSE ')
    const entries = await waitFor(async () => {
      const audit = await request<{ entries: { action: string; data: unknown }[] }>(`${t.url}/api/audit`, { token: secretariat })
      return audit.body.entries.filter((e) => e.action === 'draft.phase')
    })
    expect(entries[0]?.data).toMatchObject({ from: 'drafting', to: 'closed' })

    const reopened = await request<{ draft: { phase: string } }>(`${t.url}/api/drafts/${draft.id}`, { method: 'PATCH', token: secretariat, body: { phase: 'drafting' } })
    expect(reopened.body.draft.phase).toBe('drafting')
    kenya.destroy()
    await t.server.close()
    const again = await newServer({}, t.dataDir)
    expect(headingOf(await loadStoredDoc(again.server.ctx.storage, draft.id), clauseId).toString()).not.toContain('AFTER CLOSE')
  })

  it('refuses (409) while a comment round is open, and allows it once the round is closed', async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const secretariat = await tokenFor(t.storage, t.users.secretariat)
    const opened = await request<{ round: { id: string } }>(`${t.url}/api/drafts/${draft.id}/rounds`, {
      method: 'POST',
      token: secretariat,
      body: { name: 'First reading', deadline: new Date(Date.now() + 86_400_000).toISOString() },
    })
    expect(opened.status).toBe(201)
    const refused = await request<{ error: { code: string; message: string } }>(`${t.url}/api/drafts/${draft.id}`, { method: 'PATCH', token: secretariat, body: { phase: 'closed' } })
    expect(refused.status).toBe(409)
    expect(refused.body.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('First reading') })
    expect((await request(`${t.url}/api/rounds/${opened.body.round.id}/close`, { method: 'POST', token: secretariat })).status).toBe(200)
    expect((await request(`${t.url}/api/drafts/${draft.id}`, { method: 'PATCH', token: secretariat, body: { phase: 'closed' } })).status).toBe(200)
    // Closed: no new round until it is reopened for drafting.
    expect((await request(`${t.url}/api/drafts/${draft.id}/rounds`, { method: 'POST', token: secretariat, body: { name: 'Second', deadline: new Date(Date.now() + 86_400_000).toISOString() } })).status).toBe(409)
  })
})
