import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { SilenceView } from '../../../../shared/agreementApi'
import { ClauseKey } from '../../../../shared/draft/format'
import { clausesMap, readClauses } from '../../../../shared/draft/ydoc'
import { createServer } from '../../../app'
import { loadConfig } from '../../../config'
import { assembleReport } from '../../../report/assemble'
import { loadStoredDoc } from '../../../services/drafts'
import { SqliteStorage } from '../../../storage/sqlite/SqliteStorage'
import { buildDraft, buildGroup, buildUser, movableClock, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup, tempDataDir } from '../../../testing/newServer'
import { connectClient } from '../../../testing/yclient'
import { waitFor } from '../../../testing/waitFor'

const HOUR = 60 * 60 * 1000

async function setUp() {
  const clock = movableClock()
  const t = await newServerWithGroup({}, { now: clock.now })
  const draft = await buildDraft(t.storage, t.users.rapporteur)
  const token = async (user: keyof typeof t.users) => tokenFor(t.storage, t.users[user])
  const base = `${t.url}/api/drafts/${draft.id}`
  expect((await request(`${base}/revisions`, { method: 'POST', token: await token('rapporteur'), body: { label: 'For silence' } })).status).toBe(201)
  const start = async (body: unknown = {}, as: keyof typeof t.users = 'secretariat') => request<SilenceView>(`${base}/silence`, { method: 'POST', token: await token(as), body })
  const breakIt = async (as: keyof typeof t.users, reason = 'Article 1 needs a safeguard for legal privilege.') =>
    request<SilenceView & { error?: { code: string } }>(`${base}/silence/break`, { method: 'POST', token: await token(as), body: { reason } })
  return { clock, t, draft, token, base, start, breakIt }
}

describe('silence procedure', () => {
  it('is started by the secretariat only, for at least 24 hours, one at a time, and freezes the text (sockets and HTTP)', async () => {
    const { t, draft, token, base, start } = await setUp()
    const writer = connectClient(t.wsUrl, draft.id, await token('rapporteur'))
    await writer.synced()
    for (const role of ['rapporteur', 'chair', 'kenya', 'observer'] as const) expect((await start({}, role)).status).toBe(403)
    expect((await start({ hours: 12 })).status).toBe(400)
    expect((await start({ revision: 9 })).status).toBe(404)
    const started = await start()
    expect(started.status).toBe(201)
    expect(started.body).toMatchObject({ revision: 1, state: 'open', breaks: [], deadline: '2026-11-04T09:00:00.000Z' })
    expect(started.body.clauseIds).toEqual(readClauses(await loadStoredDoc(t.storage, draft.id)).map((c) => c.id))
    expect((await request<{ error: { code: string } }>(`${base}/silence`, { method: 'POST', token: await token('secretariat'), body: {} })).body.error.code).toBe('silence_open')

    // Open sockets become read-only; the HTTP paths that write text refuse with 409.
    await waitFor(() => t.server.ctx.collab.connectionsOf(t.users.rapporteur.id).every((c) => c.text === 'read' && c.readOnly))
    const restore = await request<{ error: { code: string } }>(`${base}/revisions/1/restore`, { method: 'POST', token: await token('rapporteur'), body: {} })
    expect([restore.status, restore.body.error.code]).toEqual([409, 'silence_open'])
    const detail = await request<{ draft: { access: { canEdit: boolean; canSuggest: boolean; readOnlyReason: string | null } } }>(base, { token: await token('rapporteur') })
    expect(detail.body.draft.access).toMatchObject({ canEdit: false, canSuggest: false, readOnlyReason: expect.stringContaining('Under silence until') })
    const listed = await request<{ current: SilenceView | null; silences: SilenceView[] }>(`${base}/silence`, { token: await token('observer') })
    expect(listed.body.current?.id).toBe(started.body.id)
  })

  it('takes one break per State within the deadline (409 after or when already broken); a break returns the text to drafting at the deadline', async () => {
    const { clock, t, draft, token, base, start, breakIt } = await setUp()
    await start()
    for (const role of ['secretariat', 'rapporteur', 'observer'] as const) expect((await breakIt(role)).status).toBe(403)
    expect((await request(`${base}/silence/break`, { method: 'POST', token: await token('kenya'), body: { reason: ' ' } })).status).toBe(400)
    clock.advance(71 * HOUR)
    const broken = await breakIt('kenya')
    expect(broken.status).toBe(200)
    expect(broken.body.breaks).toEqual([expect.objectContaining({ stateCode: 'KEN', reason: 'Article 1 needs a safeguard for legal privilege.' })])
    const again = await breakIt('kenya', 'Once more.')
    expect([again.status, again.body.error?.code]).toEqual([409, 'silence_already_broken'])
    clock.advance(HOUR)
    const late = await breakIt('japan')
    expect([late.status, late.body.error?.code]).toEqual([409, 'silence_over'])

    await t.server.ctx.silence.tick()
    const after = await request<{ current: SilenceView | null; silences: SilenceView[] }>(`${base}/silence`, { token: await token('kenya') })
    expect(after.body.current).toBeNull()
    expect(after.body.silences[0]?.state).toBe('broken')
    const doc = await loadStoredDoc(t.storage, draft.id)
    expect(readClauses(doc).map((c) => c.status)).not.toContain('adopted')
    const events = await t.storage.threads.listEvents(draft.id)
    expect(events.map((e) => e.type).filter((type) => type.startsWith('silence.'))).toEqual(['silence.started', 'silence.broken', 'silence.ended'])
    expect(events.at(-1)?.data).toMatchObject({ breaks: [{ stateCode: 'KEN', reason: 'Article 1 needs a safeguard for legal privilege.' }] })
    expect((await t.storage.listAudit({ action: 'silence.ended', limit: 5 })).length).toBe(1)
    const input = { title: 'Report', session: null, place: null, date: null, sections: [], baseRevision: 1, compareTo: null, rounds: null }
    const report = await assembleReport(t.storage, draft, input, { reportId: null, version: null, versionAt: t.server.ctx.now().toISOString(), authorId: t.users.rapporteur.id })
    expect(report.annex.filter((e) => e.type.startsWith('silence.')).map((e) => [e.type, e.detail])).toEqual([
      ['silence.started', expect.stringContaining('Revision 1 under silence until')],
      ['silence.broken', 'Article 1 needs a safeguard for legal privilege.'],
      ['silence.ended', 'Broken by KEN: Article 1 needs a safeguard for legal privilege.'],
    ])
    const noSilence = await breakIt('japan')
    expect([noSilence.status, noSilence.body.error?.code]).toEqual([409, 'no_silence'])
    // Unfrozen: the rapporteur writes again.
    const writer = connectClient(t.wsUrl, draft.id, await token('rapporteur'))
    await writer.synced()
    expect(t.server.ctx.collab.connectionsOf(t.users.rapporteur.id).every((c) => c.text === 'write')).toBe(true)
  })

  it('adopts the covered clauses at the deadline on a movable clock, once, through a server change seen live', async () => {
    const { clock, t, draft, token, start } = await setUp()
    const reader = connectClient(t.wsUrl, draft.id, await token('kenya'))
    await reader.synced()
    const started = await start({ hours: 24 })
    clock.advance(24 * HOUR - 1)
    await t.server.ctx.silence.tick()
    expect((await t.storage.agreement.getSilence(started.body.id))?.state).toBe('open')
    clock.advance(1)
    await Promise.all([t.server.ctx.silence.tick(), t.server.ctx.silence.tick()])
    expect((await t.storage.agreement.getSilence(started.body.id))?.state).toBe('adopted')
    await waitFor(() => readClauses(reader.doc).every((c) => c.status === 'adopted'), { message: 'the adoption to reach the delegate' })
    expect(readClauses(await loadStoredDoc(t.storage, draft.id)).map((c) => c.status)).toEqual(started.body.clauseIds.map(() => 'adopted'))
    await t.server.ctx.silence.tick()
    expect((await t.storage.threads.listEvents(draft.id)).filter((e) => e.type === 'silence.adopted')).toHaveLength(1)
    expect((await t.storage.listAudit({ action: 'silence.adopted', limit: 5 })).map((a) => a.actorName)).toEqual(['server'])
  })

  it('settles after a restart: a deadline that passed while the server was down is acted on at start', async () => {
    const dataDir = tempDataDir()
    const clock = movableClock()
    const config = loadConfig({}, { host: '127.0.0.1', port: 0, dataDir, logLevel: 'silent' })
    const storage = new SqliteStorage(`${dataDir}/provisio.db`)
    const group = await buildGroup(storage)
    const secretariat = await buildUser(storage, { role: 'secretariat', group })
    const rapporteur = await buildUser(storage, { role: 'rapporteur', group })
    const draft = await buildDraft(storage, rapporteur)
    const first = await createServer(config, { storage, now: clock.now })
    const { url } = await first.listen()
    expect((await request(`${url}/api/drafts/${draft.id}/revisions`, { method: 'POST', token: await tokenFor(storage, rapporteur), body: { label: 'R' } })).status).toBe(201)
    const started = await request<SilenceView>(`${url}/api/drafts/${draft.id}/silence`, { method: 'POST', token: await tokenFor(storage, secretariat), body: {} })
    expect(started.status).toBe(201)
    await first.close()

    clock.advance(72 * HOUR)
    const reopened = new SqliteStorage(`${dataDir}/provisio.db`)
    const second = await createServer(config, { storage: reopened, now: clock.now })
    try {
      await waitFor(async () => (await reopened.threads.listEvents(draft.id)).some((e) => e.type === 'silence.adopted'), { message: 'the silence to be settled at start' })
      expect((await reopened.agreement.getSilence(started.body.id))?.state).toBe('adopted')
      const doc = await loadStoredDoc(reopened, draft.id)
      const clause = clausesMap(doc).get(started.body.clauseIds[0] ?? '')
      expect(clause instanceof Y.Map ? clause.get(ClauseKey.status) : null).toBe('adopted')
    } finally {
      await second.close()
    }
  })
})
