import { describe, expect, it, onTestFinished } from 'vitest'
import type { NotificationView } from '../../../../shared/consoleApi'
import { readClauses } from '../../../../shared/draft/ydoc'
import type { ThreadView } from '../../../../shared/threadsApi'
import { loadStoredDoc } from '../../../services/drafts'
import { REMINDER_BEFORE_MS } from '../../../services/notifications/scheduler'
import { accountStores } from '../../../storage/accountStores'
import { PgStorage } from '../../../storage/postgres/PgStorage'
import { createTestDatabase, testDatabaseUrl } from '../../../storage/postgres/testing'
import { buildDraft, buildGroup, buildUser, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServer, newServerWithGroup, tempDataDir } from '../../../testing/newServer'
import { startSmtpServer } from '../../../testing/smtpServer'
import { waitFor } from '../../../testing/waitFor'
import type { Storage, User } from '../../../storage/Storage'

const HOUR = 3_600_000
type Inbox = { notifications: NotificationView[]; unread: number }

async function withEmails(storage: Storage, users: Record<string, User>): Promise<Record<string, string>> {
  const emails: Record<string, string> = {}
  for (const [key, user] of Object.entries(users)) {
    emails[key] = `${key}@example.org`
    await accountStores(storage).accounts.setEmail(user.id, emails[key])
  }
  return emails
}

/** The live counts an inbox stream sends, as they come. */
async function countStream(url: string, token: string) {
  const counts: number[] = []
  const controller = new AbortController()
  onTestFinished(() => controller.abort())
  const response = await fetch(`${url}/api/notifications/stream`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal })
  const reader = response.body?.getReader()
  if (!reader) throw new Error('no stream')
  void (async () => {
    let buffer = ''
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }))
      if (done) return
      buffer += new TextDecoder().decode(value)
      for (const match of buffer.matchAll(/event: count\ndata: (\{[^\n]*\})\n\n/g)) counts.push((JSON.parse(match[1] ?? '{}') as { unread: number }).unread)
      buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2)
    }
  })()
  await waitFor(() => counts.length > 0, { message: 'the first count' })
  return counts
}

describe('notifications', () => {
  it('an @KEN mention reaches Kenya’s delegates (inbox, bell and e-mail) and not Japan’s; a person by username; nobody is just text', async () => {
    const smtp = await startSmtpServer()
    const t = await newServerWithGroup({ smtpUrl: smtp.url })
    const kenya2 = await buildUser(t.storage, { role: 'delegate', stateCode: 'KEN', group: t.group })
    const emails = await withEmails(t.storage, { ...t.users, kenya2 })
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const clauseId = readClauses(await loadStoredDoc(t.storage, draft.id))[1]?.id
    const kenyaToken = await tokenFor(t.storage, t.users.kenya)
    const bell = await countStream(t.url, kenyaToken)
    expect(bell).toEqual([0])

    const body = `Could @KEN and @${t.users.chair.username} look at this? @nobody-here, @XYZ, and mail@KEN.example stay text.`
    const res = await request<{ thread: ThreadView }>(`${t.url}/api/drafts/${draft.id}/threads`, { method: 'POST', token: await tokenFor(t.storage, t.users.japan), body: { clauseId, body } })
    expect(res.status).toBe(201)
    await waitFor(() => bell.at(-1) === 1, { message: 'the bell to ring' })
    const inbox = await request<Inbox>(`${t.url}/api/notifications`, { token: kenyaToken })
    expect(inbox.body.unread).toBe(1)
    expect(inbox.body.notifications[0]).toMatchObject({ kind: 'mention', link: `/drafts/${draft.id}`, read: false })
    expect(inbox.body.notifications[0]?.title).toContain(t.users.japan.displayName)
    for (const who of ['kenya', 'kenya2', 'chair'] as const) expect((await smtp.mailTo(emails[who] ?? '')).text).toContain('Could @KEN')
    await t.server.ctx.notifyScheduler.tick()
    for (const who of ['japan', 'rapporteur', 'observer', 'secretariat'] as const) expect(smtp.countTo(emails[who] ?? ''), who).toBe(0)
    expect((await request<Inbox>(`${t.url}/api/notifications`, { token: await tokenFor(t.storage, t.users.japan) })).body.unread).toBe(0)

    const read = await request<{ unread: number }>(`${t.url}/api/notifications/read`, { method: 'POST', token: kenyaToken, body: {} })
    expect(read.body.unread).toBe(0)
    await waitFor(() => bell.at(-1) === 0, { message: 'the bell to go quiet' })
  })

  it('tells a thread’s participants of a reply, a State of the decision on its proposal, everyone of a round; muted kinds and "never" are respected', async () => {
    const smtp = await startSmtpServer()
    const t = await newServerWithGroup({ smtpUrl: smtp.url })
    const emails = await withEmails(t.storage, t.users)
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const clauseId = readClauses(await loadStoredDoc(t.storage, draft.id))[1]?.id
    const token = Object.fromEntries(await Promise.all(Object.entries(t.users).map(async ([k, u]) => [k, await tokenFor(t.storage, u)] as const))) as Record<keyof typeof t.users, string>
    const kinds = async (who: keyof typeof t.users) => (await request<Inbox>(`${t.url}/api/notifications`, { token: token[who] })).body.notifications.map((n) => n.kind)
    // The observer hears of nothing by e-mail, and mutes rounds altogether.
    expect((await request(`${t.url}/api/me/notifications`, { method: 'PUT', token: token.observer, body: { muted: ['round.opened'], email: 'never' } })).status).toBe(200)
    expect((await request(`${t.url}/api/me/notifications`, { method: 'PUT', token: token.observer, body: { muted: ['everything'], email: 'often' } })).status).toBe(400)

    const thread = await request<{ thread: ThreadView }>(`${t.url}/api/drafts/${draft.id}/threads`, { method: 'POST', token: token.japan, body: { clauseId, body: 'Japan proposes.', proposal: { text: 'Each State shall cooperate.' } } })
    await request(`${t.url}/api/threads/${thread.body.thread.id}/comments`, { method: 'POST', token: token.kenya, body: { body: 'Kenya agrees.' } })
    expect(await kinds('japan')).toEqual(['reply'])
    await request(`${t.url}/api/threads/${thread.body.thread.id}/comments`, { method: 'POST', token: token.japan, body: { body: 'Thanks.' } })
    expect(await kinds('kenya')).toEqual(['reply'])
    await request(`${t.url}/api/threads/${thread.body.thread.id}/proposal/apply`, { method: 'POST', token: token.rapporteur, body: {} })
    expect(await kinds('japan')).toEqual(['decision', 'reply'])
    expect(await kinds('kenya')).toEqual(['reply'])

    const deadline = new Date(Date.now() + 7 * 24 * HOUR).toISOString()
    const round = await request<{ round: { id: string } }>(`${t.url}/api/drafts/${draft.id}/rounds`, { method: 'POST', token: token.secretariat, body: { name: 'First round', deadline } })
    expect(round.status).toBe(201)
    expect((await kinds('kenya'))[0]).toBe('round.opened')
    expect(await kinds('secretariat')).toEqual([])
    expect(await kinds('observer')).toEqual([])
    await request(`${t.url}/api/rounds/${round.body.round.id}/close`, { method: 'POST', token: token.secretariat })
    expect((await kinds('observer'))[0]).toBe('round.closed')
    await waitFor(async () => (await smtp.mailTo(emails.kenya ?? '', 2)).subject.includes('Comment round closed'), { message: 'the round e-mails' })
    await t.server.ctx.notifyScheduler.tick()
    expect(smtp.countTo(emails.observer ?? '')).toBe(0)
  })

  it('offers completion for @: the draft group’s people and the States of its delegates; another group’s draft is 404', async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const token = await tokenFor(t.storage, t.users.kenya)
    const res = await request<{ mentionables: { handle: string; kind: string }[] }>(`${t.url}/api/drafts/${draft.id}/mentionables`, { token })
    const handles = res.body.mentionables.map((m) => m.handle)
    expect(handles).toEqual(expect.arrayContaining(['KEN', 'JPN', t.users.chair.username]))
    expect(handles).not.toContain(t.users.outsider.username)
    expect(handles).not.toContain('IND')
    const other = await buildGroup(t.storage)
    await t.storage.addMember(other.id, t.users.outsider.id)
    const foreign = await buildDraft(t.storage, t.users.outsider)
    expect((await request(`${t.url}/api/drafts/${foreign.id}/mentionables`, { token })).status).toBe(404)
  })

  it('sends the 48-hour reminder exactly once, also across a restart (movable clock); the digest goes once a day', async () => {
    const smtp = await startSmtpServer()
    // Before 07:00 UTC all along, until the digest hour is reached on purpose.
    let at = Date.UTC(2026, 3, 6, 1, 0)
    const options = { now: () => new Date(at) }
    const dataDir = tempDataDir()
    const first = await newServer({ smtpUrl: smtp.url }, dataDir, options)
    const storage = first.server.ctx.storage
    const group = await buildGroup(storage)
    const secretariat = await buildUser(storage, { role: 'secretariat', group })
    const kenya = await buildUser(storage, { role: 'delegate', stateCode: 'KEN', group })
    const japan = await buildUser(storage, { role: 'delegate', stateCode: 'JPN', group })
    await withEmails(storage, { kenya, japan })
    await accountStores(storage).notifications.setSettings(japan.id, { muted: [], email: 'digest' })
    const draft = await buildDraft(storage, secretariat)
    const deadline = new Date(at + 72 * HOUR).toISOString()
    await request(`${first.url}/api/drafts/${draft.id}/rounds`, { method: 'POST', token: await tokenFor(storage, secretariat), body: { name: 'Round', deadline } })
    await smtp.mailTo('kenya@example.org')
    at += 72 * HOUR - REMINDER_BEFORE_MS - HOUR
    await first.server.ctx.notifyScheduler.tick()
    expect(smtp.countTo('kenya@example.org')).toBe(1)
    at += 2 * HOUR
    await Promise.all([first.server.ctx.notifyScheduler.tick(), first.server.ctx.notifyScheduler.tick()])
    const reminder = await smtp.mailTo('kenya@example.org', 1)
    expect(reminder.subject).toContain('Deadline in 48 hours')
    await first.server.close()

    const second = await newServer({ smtpUrl: smtp.url }, dataDir, options)
    at += HOUR
    await second.server.ctx.notifyScheduler.tick()
    expect(smtp.countTo('kenya@example.org')).toBe(2)
    // Japan gets one digest with both, once, at 07:00 UTC of the day.
    expect(smtp.countTo('japan@example.org')).toBe(0)
    at = Date.UTC(2026, 3, 8, 7, 5)
    await second.server.ctx.notifyScheduler.tick()
    await second.server.ctx.notifyScheduler.tick()
    const digest = await smtp.mailTo('japan@example.org')
    expect(digest.subject).toBe('Provisio: 2 notifications of the day')
    expect(digest.text).toContain('Deadline in 48 hours')
    expect(smtp.countTo('japan@example.org')).toBe(1)
  })

  it.skipIf(!testDatabaseUrl())('with several processes on one PostgreSQL database, the reminder goes once', async () => {
    const database = await createTestDatabase(testDatabaseUrl() ?? '')
    onTestFinished(() => database.drop())
    const smtp = await startSmtpServer()
    let at = Date.UTC(2026, 3, 6, 5, 0)
    const servers = []
    for (let i = 0; i < 3; i++) servers.push(await newServer({ smtpUrl: smtp.url }, tempDataDir(), { now: () => new Date(at), storage: await PgStorage.connect(database.url, { max: 4 }) }))
    const storage = servers[0]?.server.ctx.storage
    if (!storage) throw new Error('no server')
    const group = await buildGroup(storage)
    const secretariat = await buildUser(storage, { role: 'secretariat', group })
    const kenya = await buildUser(storage, { role: 'delegate', stateCode: 'KEN', group })
    await withEmails(storage, { kenya })
    const draft = await buildDraft(storage, secretariat)
    await request(`${servers[0]?.url}/api/drafts/${draft.id}/rounds`, { method: 'POST', token: await tokenFor(storage, secretariat), body: { name: 'Round', deadline: new Date(at + 50 * HOUR).toISOString() } })
    await smtp.mailTo('kenya@example.org')
    at += 3 * HOUR
    await Promise.all(servers.map((s) => s.server.ctx.notifyScheduler.tick()))
    await Promise.all(servers.map((s) => s.server.ctx.notifyScheduler.tick()))
    await smtp.mailTo('kenya@example.org', 1)
    expect(smtp.countTo('kenya@example.org')).toBe(2)
    const inbox = await accountStores(storage).notifications.list(kenya.id, { limit: 10 })
    expect(inbox.map((n) => n.kind)).toEqual(['round.reminder', 'round.opened'])
  })
})
