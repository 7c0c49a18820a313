import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { DraftDetail } from '../../shared/api'
import { runAdmin } from '../admin/commands'
import { firstHeading, storedCopy, updateOf } from '../testing/attack'
import { buildDraft, tokenFor } from '../testing/factories'
import { request } from '../testing/http'
import { newServerWithGroup } from '../testing/newServer'
import { connectClient } from '../testing/yclient'
import { waitFor } from '../testing/waitFor'

// Runs on SQLite, and on PostgreSQL with TEST_STORAGE=postgres (newServer gives each server its own database).
describe('a draft whose stored log is beyond the limits', () => {
  it('opens read-only from its last good state with a notice, and `draft repair` makes it whole', { timeout: 120_000 }, async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    // Written straight into the log, as an older server without limits would have stored it.
    const copy = await storedCopy(t.storage, draft.id)
    const heading = firstHeading(copy)
    await t.storage.docs.append(draft.id, updateOf(copy, () => heading.insert(heading.length, ' (good before)')))
    await t.storage.docs.append(draft.id, updateOf(copy, () => heading.insert(0, 'x'.repeat(1_200_000))))
    const secretariat = await tokenFor(t.storage, t.users.secretariat)
    const kenya = await tokenFor(t.storage, t.users.kenya)

    const client = connectClient(t.wsUrl, draft.id, kenya)
    await client.synced()
    expect(firstHeading(client.doc).toString()).toMatch(/\(good before\)$/)
    expect(firstHeading(client.doc).toString()).not.toContain('xxx')
    // The notice: for the delegate in the access info, for the secretariat with the size, in the audit log.
    const asKenya = await request<{ draft: DraftDetail }>(`${t.url}/api/drafts/${draft.id}`, { token: kenya })
    expect(asKenya.body.draft.access).toMatchObject({ canEdit: false, readOnlyReason: expect.stringMatching(/repairs it/) })
    expect(asKenya.body.draft.size).toBeUndefined()
    const asSecretariat = await request<{ draft: DraftDetail }>(`${t.url}/api/drafts/${draft.id}`, { token: secretariat })
    expect(asSecretariat.body.draft.size).toMatchObject({ damage: expect.stringMatching(/update 2 of the log/), maxBytes: t.config.draftMaxBytes })
    const audit = await request<{ entries: { action: string; target: string }[] }>(`${t.url}/api/audit?action=draft.damaged`, { token: secretariat })
    expect(audit.body.entries).toEqual([expect.objectContaining({ target: draft.id })])
    // Read-only: an edit is neither applied nor stored.
    const logBefore = (await t.storage.docs.stats(draft.id)).updates
    firstHeading(client.doc).insert(0, 'Edited ')
    const probe = connectClient(t.wsUrl, draft.id, kenya)
    await probe.synced()
    expect(firstHeading(probe.doc).toString()).not.toContain('Edited')
    expect((await t.storage.docs.stats(draft.id)).updates).toBe(logBefore)
    // Server-side edits too: a restore is refused with 409 while the draft is damaged.
    const rapporteur = await tokenFor(t.storage, t.users.rapporteur)
    expect((await request(`${t.url}/api/drafts/${draft.id}/revisions`, { method: 'POST', token: rapporteur, body: { label: 'While damaged' } })).status).toBe(201)
    const restore = await request<{ error: { code: string } }>(`${t.url}/api/drafts/${draft.id}/revisions/1/restore`, { method: 'POST', token: rapporteur, body: {} })
    expect(restore.status).toBe(409)
    const listed = await runAdmin(['draft', 'list'], t.storage, undefined, t.config)
    expect(listed.out.find((l) => l.startsWith(draft.id))).toMatch(/DAMAGED/)
    client.destroy()
    probe.destroy()
    await waitFor(() => t.server.ctx.collab.stats().rooms === 0, { message: 'the draft to unload' })

    const repaired = await runAdmin(['draft', 'repair', draft.id], t.storage, undefined, t.config)
    expect(repaired.code).toBe(0)
    const file = /kept aside in (\S+)\./.exec(repaired.out[0] ?? '')?.[1] ?? ''
    expect(file.startsWith(t.dataDir)).toBe(true)
    const kept = JSON.parse(fs.readFileSync(file, 'utf8')) as { updates: { reason: string; update: string }[] }
    expect(kept.updates).toHaveLength(1)
    expect(kept.updates[0]?.reason).toMatch(/an item of 1200000 characters/)

    // Whole again: editable, the good update kept, edits stored.
    const after = await request<{ draft: DraftDetail }>(`${t.url}/api/drafts/${draft.id}`, { token: kenya })
    expect(after.body.draft.access).toMatchObject({ canEdit: true, readOnlyReason: null })
    const again = connectClient(t.wsUrl, draft.id, kenya)
    await again.synced()
    expect(firstHeading(again.doc).toString()).toMatch(/\(good before\)$/)
    const stored = (await t.storage.docs.stats(draft.id)).updates
    firstHeading(again.doc).insert(0, 'Edited ')
    await waitFor(async () => (await t.storage.docs.stats(draft.id)).updates > stored, { message: 'the edit stored' })
    const size = await request<{ draft: DraftDetail }>(`${t.url}/api/drafts/${draft.id}`, { token: secretariat })
    expect(size.body.draft.size).toMatchObject({ damage: null, items: expect.any(Number) })
    expect((await runAdmin(['draft', 'repair', draft.id], t.storage, undefined, t.config)).out[0]).toMatch(/Nothing to drop/)
  })
})
