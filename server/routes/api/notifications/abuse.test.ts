import { describe, expect, it } from 'vitest'
import { readClauses } from '../../../../shared/draft/ydoc'
import { loadStoredDoc } from '../../../services/drafts'
import { accountStores } from '../../../storage/accountStores'
import { buildDraft, buildUser, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'
import { startSmtpServer } from '../../../testing/smtpServer'

describe('abuse of e-mail and mentions', () => {
  it('a name holding a line break (stored before the rule) cannot add a header or a recipient to an e-mail', async () => {
    const smtp = await startSmtpServer()
    const t = await newServerWithGroup({ smtpUrl: smtp.url })
    // Written directly, as an older version or the CLI might have: the API refuses such names.
    const evil = await buildUser(t.storage, { role: 'delegate', stateCode: 'JPN', group: t.group, displayName: 'Evil\r\nBcc: victim@example.org\r\nSubject: Pwned' })
    await accountStores(t.storage).accounts.setEmail(t.users.kenya.id, 'kenya@example.org')
    await accountStores(t.storage).accounts.setDisplayName(t.users.kenya.id, 'Kenya\nCc: other@example.org')
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const clauseId = readClauses(await loadStoredDoc(t.storage, draft.id))[1]?.id
    const res = await request(`${t.url}/api/drafts/${draft.id}/threads`, { method: 'POST', token: await tokenFor(t.storage, evil), body: { clauseId, body: 'Dear @KEN,\r\nBcc: x@example.org' } })
    expect(res.status).toBe(201)
    const mail = await smtp.mailTo('kenya@example.org')
    expect(mail.rcptTo).toEqual(['kenya@example.org'])
    expect(mail.parsed.bcc).toBeUndefined()
    expect(mail.parsed.cc).toBeUndefined()
    expect(mail.subject).not.toContain('\n')
    expect(mail.subject).toContain('Evil Bcc: victim@example.org')
    expect(mail.parsed.headers.get('subject')).toBe(mail.subject)
    expect(smtp.received).toHaveLength(1)
  })

  it('refuses names, titles and addresses that carry a header, with nothing changed', async () => {
    const t = await newServerWithGroup()
    const token = await tokenFor(t.storage, t.users.secretariat)
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const tries: [string, string, unknown][] = [
      ['PATCH', `/api/users/${t.users.kenya.id}`, { displayName: 'A\r\nBcc: b@example.org' }],
      ['PATCH', `/api/users/${t.users.kenya.id}`, { email: 'a@example.org\r\nBcc: b@example.org' }],
      ['POST', '/api/invitations', { email: 'a@example.org', role: 'observer', displayName: 'A\nB' }],
      ['POST', '/api/invitations', { email: 'a@example.org>, <b@example.org', role: 'observer' }],
      ['PUT', `/api/drafts/${draft.id}/title`, { title: 'Title\r\nBcc: b@example.org' }],
      ['POST', '/api/groups', { slug: 'inj-wg', name: 'Group\r\nBcc: b@example.org' }],
      ['POST', '/api/password-reset', { email: 'a@example.org\nb@example.org' }],
    ]
    for (const [method, path, body] of tries) {
      const res = await request<{ error: { code: string } }>(`${t.url}${path}`, { method, token, body })
      expect([res.status, res.body.error.code], `${method} ${path}`).toEqual([400, 'validation_failed'])
    }
    expect(await t.storage.getUser(t.users.kenya.id)).toMatchObject({ displayName: t.users.kenya.displayName })
    expect(await accountStores(t.storage).accounts.getEmail(t.users.kenya.id)).toBeNull()
    expect((await t.storage.getDraft(draft.id))?.title).toBe(draft.title)
    expect(await t.storage.getGroupBySlug('inj-wg')).toBeNull()
  })
})
