import { describe, expect, it } from 'vitest'
import { readClauses } from '../../../../shared/draft/ydoc'
import type { ThreadView } from '../../../../shared/threadsApi'
import { runAdmin } from '../../../admin/commands'
import { loadStoredDoc } from '../../../services/drafts'
import type { AuditEntry } from '../../../storage/Storage'
import { SqliteStorage } from '../../../storage/sqlite/SqliteStorage'
import { TEST_PASSWORD, buildDraft, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'

describe('audit log', () => {
  it('records sign-ins, failed sign-ins, phase and role changes and applied proposals, for the secretariat to read', async () => {
    const t = await newServerWithGroup()
    const signIn = (username: string, password: string) => request(`${t.url}/api/session`, { method: 'POST', body: { username, password } })
    await signIn(t.users.kenya.username, 'wrong')
    await signIn(t.users.kenya.username, TEST_PASSWORD)
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const secretariat = await tokenFor(t.storage, t.users.secretariat)
    const rapporteur = await tokenFor(t.storage, t.users.rapporteur)
    await request(`${t.url}/api/drafts/${draft.id}/rounds`, { method: 'POST', token: secretariat, body: { name: 'First round', deadline: new Date(Date.now() + 86_400_000).toISOString() } })
    const clauseId = readClauses(await loadStoredDoc(t.storage, draft.id))[1]?.id
    const thread = await request<{ thread: ThreadView }>(`${t.url}/api/drafts/${draft.id}/threads`, {
      method: 'POST',
      token: await tokenFor(t.storage, t.users.japan),
      body: { clauseId, body: 'Shorter, please.', proposal: { text: 'Each State shall cooperate.' } },
    })
    await request(`${t.url}/api/threads/${thread.body.thread.id}/proposal/apply`, { method: 'POST', token: rapporteur })
    await runAdmin(['user', 'set-role', '--username', t.users.chair.username, '--role', 'observer'], t.storage)

    const res = await request<{ entries: AuditEntry[] }>(`${t.url}/api/audit`, { token: secretariat })
    expect(res.status).toBe(200)
    const actions = res.body.entries.map((e) => e.action).reverse()
    expect(actions).toEqual(expect.arrayContaining(['session.failed', 'session.signed-in', 'draft.phase', 'proposal.applied', 'user.role']))
    expect(actions.indexOf('session.failed')).toBeLessThan(actions.indexOf('session.signed-in'))
    const failed = res.body.entries.find((e) => e.action === 'session.failed')
    expect(failed).toMatchObject({ actorName: t.users.kenya.username, actorId: null })
    expect(failed?.address).toBeTruthy()
    expect(res.body.entries.find((e) => e.action === 'draft.phase')?.data).toMatchObject({ from: 'drafting', to: 'consultation' })
    expect(res.body.entries.find((e) => e.action === 'user.role')?.data).toMatchObject({ from: 'chair', to: 'observer' })
    const onlyFailures = await request<{ entries: AuditEntry[] }>(`${t.url}/api/audit?action=session.failed`, { token: secretariat })
    expect(onlyFailures.body.entries.map((e) => e.action)).toEqual(['session.failed'])

    expect((await request(`${t.url}/api/audit`, { token: rapporteur })).status).toBe(403)
    expect((await request(`${t.url}/api/audit`)).status).toBe(401)
    expect((await request(`${t.url}/api/audit?limit=0`, { token: secretariat })).status).toBe(400)
    // Append-only, enforced by the database itself (PgStorage.test.ts checks PostgreSQL's triggers).
    const storage = t.storage
    if (storage instanceof SqliteStorage) {
      const db = storage.db
      expect(() => db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/)
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/)
    }
  })
})
