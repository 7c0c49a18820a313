import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DraftContent, DraftDetail, DraftSummary } from '../../../../shared/api'
import { clausesMap, readClauses } from '../../../../shared/draft/ydoc'
import { buildDraft, buildGroup, buildUser, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'
import { waitFor } from '../../../testing/waitFor'
import { connectClient } from '../../../testing/yclient'

const NEW_DRAFT = {
  title: 'Model provisions on electronic evidence',
  clauses: [
    { kind: 'preamble', heading: 'Preamble', text: 'The States,\nHave agreed:' },
    { heading: 'Use of terms', text: 'For the purposes of these provisions:\n(a) "data" means any representation of facts;\n(b) "provider" means any entity offering a service.' },
    { heading: 'Scope', text: 'These provisions apply to <script>alert(1)</script> & more.', status: 'agreed' },
  ],
}

describe('drafts API', () => {
  it('creates a draft in the user’s working group as a Y.Doc in the draft format, lists it and reads its content', async () => {
    const t = await newServerWithGroup()
    const token = await tokenFor(t.storage, t.users.rapporteur)
    const created = await request<{ draft: DraftDetail }>(`${t.url}/api/drafts`, { method: 'POST', token, body: NEW_DRAFT })
    expect(created.status).toBe(201)
    expect(created.body.draft).toMatchObject({ title: NEW_DRAFT.title, phase: 'drafting', groupId: t.group.id, access: { canEdit: true, readOnlyReason: null } })
    const id = created.body.draft.id

    const list = await request<{ drafts: DraftSummary[] }>(`${t.url}/api/drafts`, { token: await tokenFor(t.storage, t.users.kenya) })
    expect(list.status).toBe(200)
    expect(list.body.drafts.map((d) => d.id)).toEqual([id])

    const observer = await tokenFor(t.storage, t.users.observer)
    const detail = await request<{ draft: DraftDetail }>(`${t.url}/api/drafts/${id}`, { token: observer })
    expect(detail.status).toBe(200)
    expect(detail.body.draft.access).toEqual({ canEdit: false, canSuggest: false, canDecide: false, readOnlyReason: 'Observers read the draft; they do not edit it.' })
    expect(detail.body.draft.textMode).toBe('edit')

    const content = await request<DraftContent>(`${t.url}/api/drafts/${id}/content`, { token: observer })
    expect(content.status).toBe(200)
    expect(content.body.title).toBe(NEW_DRAFT.title)
    expect(content.body.clauses.map((c) => [c.label, c.heading, c.status])).toEqual([
      ['Preamble', 'Preamble', 'proposed'],
      ['Article 1', 'Use of terms', 'proposed'],
      ['Article 2', 'Scope', 'agreed'],
    ])
    expect(content.body.clauses[1]?.text).toBe(NEW_DRAFT.clauses[1]?.text)
    expect(content.body.clauses[1]?.html).toContain('<ol class="subparagraphs" type="a"><li><p>&quot;data&quot; means')
    expect(content.body.clauses[2]?.html).toBe('<p>These provisions apply to &lt;script&gt;alert(1)&lt;/script&gt; &amp; more.</p>')
    expect(new Set(content.body.clauses.map((c) => c.id)).size).toBe(3)
  })

  it('refuses to list or read drafts without a session (401)', async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    for (const path of ['/api/drafts', `/api/drafts/${draft.id}`, `/api/drafts/${draft.id}/content`]) {
      expect({ path, status: (await request(`${t.url}${path}`)).status }).toEqual({ path, status: 401 })
    }
    expect((await request(`${t.url}/api/drafts`, { method: 'POST', body: NEW_DRAFT })).status).toBe(401)
  })

  it('lets only the secretariat and the rapporteur create drafts (403 for the others)', async () => {
    const t = await newServerWithGroup()
    for (const user of [t.users.chair, t.users.kenya, t.users.observer]) {
      const res = await request<{ error: { code: string } }>(`${t.url}/api/drafts`, { method: 'POST', token: await tokenFor(t.storage, user), body: NEW_DRAFT })
      expect({ role: user.role, status: res.status, code: res.body.error.code }).toEqual({ role: user.role, status: 403, code: 'forbidden' })
    }
    const secretariat = await tokenFor(t.storage, t.users.secretariat)
    expect((await request(`${t.url}/api/drafts`, { method: 'POST', token: secretariat, body: NEW_DRAFT })).status).toBe(201)
  })

  it('validates the new draft with 400 naming the field, and 403 for a group the user is not in', async () => {
    const t = await newServerWithGroup()
    const token = await tokenFor(t.storage, t.users.rapporteur)
    const cases: [unknown, string][] = [
      [{ clauses: [] }, 'title'],
      [{ title: '   ', clauses: [] }, 'title'],
      [{ title: 'Evil\u0000\u001b[2J', clauses: [] }, 'title'],
      [{ title: 'x', clauses: [{ heading: 'h' }] }, 'clauses.0.text'],
      [{ title: 'x', clauses: [{ heading: 'h', text: 't', kind: 'annex' }] }, 'clauses.0.kind'],
      [{ title: 'x', clauses: [{ heading: 'h', text: 't', status: 'final' }] }, 'clauses.0.status'],
      [{ title: 'x', clauses: 'none' }, 'clauses'],
      [{ title: 'x', clauses: [], extra: true }, 'extra'],
    ]
    for (const [body, field] of cases) {
      const res = await request<{ error: { code: string; message: string } }>(`${t.url}/api/drafts`, { method: 'POST', token, body })
      expect({ body, status: res.status, code: res.body.error.code }).toEqual({ body, status: 400, code: 'validation_failed' })
      expect(res.body.error.message).toContain(field)
    }
    const other = await buildGroup(t.storage)
    const res = await request(`${t.url}/api/drafts`, { method: 'POST', token, body: { ...NEW_DRAFT, group: other.slug } })
    expect(res.status).toBe(403)
  })

  it('refuses an oversized body with 413', async () => {
    const t = await newServerWithGroup({ maxBodyBytes: 10_000 })
    const token = await tokenFor(t.storage, t.users.rapporteur)
    const res = await request<{ error: { code: string } }>(`${t.url}/api/drafts`, {
      method: 'POST',
      token,
      body: { title: 'Too big', clauses: [{ heading: 'h', text: 'x'.repeat(20_000) }] },
    })
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('payload_too_large')
  })

  it('answers the same 404 for a draft that does not exist and one in another working group', async () => {
    const t = await newServerWithGroup()
    const otherGroup = await buildGroup(t.storage)
    const stranger = await buildUser(t.storage, { role: 'rapporteur', group: otherGroup })
    const hidden = await buildDraft(t.storage, stranger)
    const token = await tokenFor(t.storage, t.users.kenya)
    for (const path of [`/api/drafts/${hidden.id}`, '/api/drafts/doesnotexist', `/api/drafts/${hidden.id}/content`, '/api/drafts/bad%20id!/content']) {
      const res = await request(`${t.url}${path}`, { token })
      expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 404, body: { error: { code: 'not_found', message: 'Draft not found.' } } })
    }
    const list = await request<{ drafts: DraftSummary[] }>(`${t.url}/api/drafts`, { token })
    expect(list.body.drafts.map((d) => d.id)).not.toContain(hidden.id)
  })

  it('reads the content of a draft that is open in the editor from the live document', async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const client = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.kenya))
    await client.synced()
    const first = readClauses(client.doc)[1]
    const heading = clausesMap(client.doc).get(first?.id ?? '')?.get('heading')
    if (!(heading instanceof Y.Text)) throw new Error('no heading')
    heading.insert(0, 'Live: ')
    const token = await tokenFor(t.storage, t.users.japan)
    await waitFor(async () => {
      const res = await request<DraftContent>(`${t.url}/api/drafts/${draft.id}/content`, { token })
      return res.body.clauses[1]?.heading === 'Live: Test provision 1'
    }, { message: 'live heading in the content' })
  })
})
