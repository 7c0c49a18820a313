import { describe, expect, it, onTestFinished } from 'vitest'
import type { ServerOptions } from '../app'
import { PgStorage } from '../storage/postgres/PgStorage'
import { createTestDatabase, testDatabaseUrl } from '../storage/postgres/testing'
import { TEST_PASSWORD, tokenFor } from '../testing/factories'
import { request } from '../testing/http'
import { type Probed, type TwoGroups, probe, twoGroups } from './tenancyFixture'

/**
 * How each route is walked by group A's people with group B's ids. `notFound`: the answer must be
 * 404; `check`: a route that takes no id of a group (or lists) and must show nothing of group B.
 */
interface Walk {
  readonly path: string
  readonly body?: unknown
  /** Whose token: group A's secretariat (every permission) unless told. */
  readonly as?: 'secretariat' | 'delegate'
  readonly check?: (res: Probed, t: TwoGroups) => void
}

const notFound = (res: Probed) => {
  expect(res.status, res.text).toBe(404)
}

/** Nothing that names group B: its draft, its users, its group, its records. */
function nothingOfB(res: Probed, t: TwoGroups) {
  expect(res.status, res.text).toBeLessThan(300)
  const f = t.foreign
  const secrets = [f.draft.id, f.draft.title, f.threadId, f.commentId, f.roundId, f.reportId, f.token.id, t.group.id, t.group.slug, t.group.name]
  for (const user of Object.values(t.users)) secrets.push(user.id, user.username, user.displayName)
  for (const secret of secrets) expect(res.text, `leaks ${secret}`).not.toContain(secret)
}

function walks(t: TwoGroups): Record<string, Walk> {
  const f = t.foreign
  const d = `/api/drafts/${f.draft.id}`
  const onlyA = (res: Probed, x: TwoGroups) => {
    nothingOfB(res, x)
    expect(res.text).toContain(x.groupA.slug)
  }
  return {
    'POST /api/session': { path: '/api/session', body: { username: t.usersA.secretariat.username, password: TEST_PASSWORD }, check: nothingOfB },
    'DELETE /api/session': { path: '/api/session', check: (res) => expect(res.status).toBe(204) },
    'GET /api/me': { path: '/api/me', check: onlyA },
    'GET /api/session': { path: '/api/session', check: onlyA },
    // Walked with a wrong current password (a right one would end the walk's other tokens): 403, naming nothing of B.
    'POST /api/me/password': {
      path: '/api/me/password',
      body: { current: 'not the password', next: 'plums ripen late in Nairobi' },
      check: (res, x) => {
        expect(res.status, res.text).toBe(403)
        expect((res.body as { error: { code: string } }).error.code).toBe('wrong_password')
        nothingOfB({ ...res, status: 200 }, x)
      },
    },
    'GET /api/member-states': { path: '/api/member-states', check: nothingOfB },
    'POST /api/tokens': { path: '/api/tokens', body: { label: 'A script' }, check: nothingOfB },
    'GET /api/tokens': { path: '/api/tokens', check: nothingOfB },
    'DELETE /api/tokens/:id': { path: `/api/tokens/${f.token.id}` },
    'GET /api/audit': {
      path: '/api/audit?limit=200',
      check: (res, x) => {
        nothingOfB(res, x)
        expect((res.body as { entries: unknown[] }).entries.length).toBeGreaterThan(0)
      },
    },
    // The secretariat's console (issue 18): A's own people, groups and drafts only; B's ids are 404.
    'GET /api/audit.csv': { path: '/api/audit.csv?limit=200', check: nothingOfB },
    'GET /api/users': { path: '/api/users', check: onlyA },
    'POST /api/users': { path: '/api/users', body: { username: 'alpha-walker', displayName: 'Alpha Walker', role: 'observer', password: 'plums ripen late in Nairobi' }, check: nothingOfB },
    'PATCH /api/users/:id': { path: `/api/users/${t.users.kenya.id}`, body: { disabled: true } },
    'POST /api/invitations': { path: '/api/invitations', body: { email: 'alpha.invitee@example.org', role: 'observer' }, check: nothingOfB },
    'POST /api/invitations/accept': { path: '/api/invitations/accept', body: { token: 'x'.repeat(43), password: 'plums ripen late in Nairobi' }, check: (res) => expect(res.status).toBe(400) },
    'POST /api/password-reset': { path: '/api/password-reset', body: { email: 'nobody@example.org' }, check: nothingOfB },
    'POST /api/password-reset/confirm': { path: '/api/password-reset/confirm', body: { token: 'x'.repeat(43), password: 'plums ripen late in Nairobi' }, check: (res) => expect(res.status).toBe(400) },
    'GET /api/console': { path: '/api/console', check: nothingOfB },
    'PUT /api/console/security': { path: '/api/console/security', body: { totpRequiredRoles: [] }, check: nothingOfB },
    'GET /api/groups': { path: '/api/groups', check: onlyA },
    'POST /api/groups': { path: '/api/groups', body: { slug: 'alpha-second', name: 'Alpha Second Group' }, check: nothingOfB },
    'PATCH /api/groups/:id': { path: `/api/groups/${t.group.id}`, body: { name: 'Planted' } },
    'POST /api/member-states': { path: '/api/member-states', body: { code: 'ZZW', name: 'Walkland' }, check: nothingOfB },
    'GET /api/console/drafts': {
      path: '/api/console/drafts',
      check: (res, x) => {
        nothingOfB(res, x)
        expect(res.text).toContain(x.draftA.id)
      },
    },
    'PUT /api/drafts/:id/title': { path: `${d}/title`, body: { title: 'Planted' } },
    'PUT /api/drafts/:id/archived': { path: `${d}/archived`, body: { archived: true } },
    'GET /api/me/security': { path: '/api/me/security', check: nothingOfB },
    'POST /api/me/totp': { path: '/api/me/totp', check: nothingOfB },
    'POST /api/me/totp/confirm': { path: '/api/me/totp/confirm', body: { code: 'ABCDEF' }, check: (res) => expect(res.status).toBe(400) },
    'DELETE /api/me/totp': { path: '/api/me/totp', body: { code: 'ABCDEF' }, check: (res) => expect(res.status).toBe(403) },
    'GET /api/sessions': { path: '/api/sessions', check: nothingOfB },
    'DELETE /api/sessions/:id': { path: `/api/sessions/${f.token.id}` },
    'POST /api/sessions/end-others': { path: '/api/sessions/end-others', check: nothingOfB },
    'GET /api/notifications': { path: '/api/notifications', check: nothingOfB },
    'POST /api/notifications/read': { path: '/api/notifications/read', body: {}, check: nothingOfB },
    'GET /api/notifications/stream': { path: '/api/notifications/stream', check: nothingOfB },
    'GET /api/me/notifications': { path: '/api/me/notifications', check: nothingOfB },
    'PUT /api/me/notifications': { path: '/api/me/notifications', body: { muted: [], email: 'digest' }, check: nothingOfB },
    'GET /api/drafts/:id/mentionables': { path: `${d}/mentionables` },
    'GET /api/drafts': {
      path: '/api/drafts',
      check: (res, x) => {
        nothingOfB(res, x)
        expect(res.text).toContain(x.draftA.id)
      },
    },
    // A slug of another group is refused like an unknown one (403 "not a member"); nothing is created in B.
    'POST /api/drafts': {
      path: '/api/drafts',
      body: { title: 'Planted', clauses: [{ heading: 'Preamble', text: 'x', kind: 'preamble' }], group: t.group.slug },
      check: (res) => expect(res.status).toBe(403),
    },
    'GET /api/drafts/:id': { path: d },
    'PATCH /api/drafts/:id': { path: d, body: { phase: 'closed' } },
    'GET /api/drafts/:id/content': { path: `${d}/content` },
    'GET /api/drafts/:id/clauses/:clauseId/history': { path: `${d}/clauses/${f.clauseId}/history` },
    'PUT /api/drafts/:id/clauses/:clauseId/position': { path: `${d}/clauses/${f.clauseId}/position`, body: { stance: 'objection' }, as: 'delegate' },
    'GET /api/drafts/:id/revisions': { path: `${d}/revisions` },
    'POST /api/drafts/:id/revisions': { path: `${d}/revisions`, body: { label: 'Planted' } },
    'GET /api/drafts/:id/revisions/:n': { path: `${d}/revisions/1` },
    'POST /api/drafts/:id/revisions/:n/restore': { path: `${d}/revisions/1/restore`, body: {} },
    'GET /api/drafts/:id/reports': { path: `${d}/reports` },
    'POST /api/drafts/:id/reports': { path: `${d}/reports`, body: { title: 'Planted', baseRevision: 1, compareTo: null } },
    'POST /api/drafts/:id/reports/preview': { path: `${d}/reports/preview`, body: { title: 'Peek', baseRevision: 1, compareTo: null } },
    'GET /api/drafts/:id/rounds': { path: `${d}/rounds` },
    'POST /api/drafts/:id/rounds': { path: `${d}/rounds`, body: { name: 'Planted', deadline: f.deadline } },
    'GET /api/drafts/:id/diff': { path: `${d}/diff?from=1&to=current` },
    'GET /api/drafts/:id/seen': { path: `${d}/seen` },
    'POST /api/drafts/:id/seen': { path: `${d}/seen` },
    'GET /api/drafts/:id/threads': { path: `${d}/threads` },
    'POST /api/drafts/:id/threads': { path: `${d}/threads`, body: { clauseId: f.clauseId, body: 'Planted comment.' } },
    'GET /api/drafts/:id/positions': { path: `${d}/positions` },
    'GET /api/drafts/:id/history': { path: `${d}/history` },
    'GET /api/drafts/:id/suggestions': { path: `${d}/suggestions` },
    'POST /api/drafts/:id/suggestions/:sid/accept': { path: `${d}/suggestions/planted/accept`, body: {} },
    'POST /api/drafts/:id/suggestions/:sid/reject': { path: `${d}/suggestions/planted/reject`, body: { reason: 'Planted.' } },
    'POST /api/drafts/:id/suggestions/:sid/withdraw': { path: `${d}/suggestions/planted/withdraw`, body: {}, as: 'delegate' },
    'POST /api/drafts/:id/clauses/:clauseId/suggestions/accept': { path: `${d}/clauses/${f.clauseId}/suggestions/accept`, body: {} },
    'POST /api/drafts/:id/clauses/:clauseId/suggestions/reject': { path: `${d}/clauses/${f.clauseId}/suggestions/reject`, body: { reason: 'Planted.' } },
    'GET /api/drafts/:id/events': { path: `${d}/events` },
    'GET /api/drafts/:id/silence': { path: `${d}/silence` },
    'POST /api/drafts/:id/silence': { path: `${d}/silence`, body: {} },
    'POST /api/drafts/:id/silence/break': { path: `${d}/silence/break`, body: { reason: 'Planted.' }, as: 'delegate' },
    // A Word file comes as the body; with none, the import says so and names nothing of B's group.
    'POST /api/drafts/import': {
      path: `/api/drafts/import?preview=1&group=${t.group.slug}`,
      body: {},
      check: (res) => {
        expect(res.status, res.text).toBe(400)
        for (const secret of [t.group.id, t.group.slug, t.group.name]) expect(res.text).not.toContain(secret)
      },
    },
    'POST /api/drafts/:id/import-markup': { path: `${d}/import-markup`, body: {} },
    'GET /api/drafts/:id/statuses': { path: `${d}/statuses` },
    'PUT /api/drafts/:id/clauses/:clauseId/status': { path: `${d}/clauses/${f.clauseId}/status`, body: { status: 'agreed' } },
    'POST /api/drafts/:id/clauses/:clauseId/reopen': { path: `${d}/clauses/${f.clauseId}/reopen`, body: { reason: 'Planted.' } },
    'POST /api/drafts/:id/clauses/:clauseId/status-requests': { path: `${d}/clauses/${f.clauseId}/status-requests`, body: { status: 'agreed' } },
    'POST /api/drafts/:id/status-requests/:rid/confirm': { path: `${d}/status-requests/planted/confirm`, body: {} },
    'POST /api/drafts/:id/status-requests/:rid/decline': { path: `${d}/status-requests/planted/decline`, body: { reason: 'Planted.' } },
    'POST /api/drafts/:id/clauses/:clauseId/ad-referendum/confirm': { path: `${d}/clauses/${f.clauseId}/ad-referendum/confirm`, body: {}, as: 'delegate' },
    'POST /api/drafts/:id/clauses/:clauseId/ad-referendum/withdraw': { path: `${d}/clauses/${f.clauseId}/ad-referendum/withdraw`, body: { reason: 'Planted.' }, as: 'delegate' },
    'GET /api/drafts/:id/dashboard': { path: `${d}/dashboard` },
    'GET /api/drafts/:id/statements': { path: `${d}/statements` },
    'POST /api/drafts/:id/statements': { path: `${d}/statements`, body: { kind: 'reservation', clauseId: null, text: 'Planted.' }, as: 'delegate' },
    'GET /api/drafts/:id/meetings': { path: `${d}/meetings` },
    'POST /api/drafts/:id/meetings': { path: `${d}/meetings`, body: { title: 'Planted' } },
    'GET /api/meetings/:id': { path: `/api/meetings/${f.meetingId}`, as: 'delegate' },
    'PUT /api/meetings/:id/screen': { path: `/api/meetings/${f.meetingId}/screen`, body: { clauseId: f.clauseId } },
    'POST /api/meetings/:id/floor': { path: `/api/meetings/${f.meetingId}/floor`, as: 'delegate' },
    'DELETE /api/meetings/:id/floor': { path: `/api/meetings/${f.meetingId}/floor`, as: 'delegate' },
    'PUT /api/meetings/:id/speaker': { path: `/api/meetings/${f.meetingId}/speaker`, body: { state: 'EGY' } },
    'POST /api/meetings/:id/decisions': { path: `/api/meetings/${f.meetingId}/decisions`, body: { clauseId: f.clauseId, kind: 'agreed' } },
    'PUT /api/meetings/:id/attendance': { path: `/api/meetings/${f.meetingId}/attendance`, body: { state: 'EGY', present: true } },
    'POST /api/meetings/:id/close': { path: `/api/meetings/${f.meetingId}/close` },
    'GET /api/meetings/:id/minutes': { path: `/api/meetings/${f.meetingId}/minutes?format=html` },
    // Searched for group B's own words, and within its draft: nothing of B (the draft itself 404).
    'GET /api/search': { path: `/api/search?q=${encodeURIComponent('"group B" confidential cooperate')}`, check: nothingOfB },
    'POST /api/threads/:id/comments': { path: `/api/threads/${f.threadId}/comments`, body: { body: 'Planted reply.' } },
    'POST /api/threads/:id/resolve': { path: `/api/threads/${f.threadId}/resolve` },
    'POST /api/threads/:id/reopen': { path: `/api/threads/${f.threadId}/reopen` },
    'POST /api/threads/:id/proposal/apply': { path: `/api/threads/${f.threadId}/proposal/apply`, body: {} },
    'POST /api/threads/:id/proposal/decline': { path: `/api/threads/${f.threadId}/proposal/decline`, body: { reason: 'Planted.' } },
    'POST /api/threads/:id/proposal/suggest': { path: `/api/threads/${f.threadId}/proposal/suggest`, body: {} },
    'PATCH /api/comments/:id': { path: `/api/comments/${f.commentId}`, body: { body: 'Planted edit.' } },
    'DELETE /api/comments/:id': { path: `/api/comments/${f.commentId}` },
    'POST /api/rounds/:id/close': { path: `/api/rounds/${f.roundId}/close` },
    'POST /api/rounds/:id/reopen': { path: `/api/rounds/${f.roundId}/reopen`, body: { deadline: f.deadline } },
    'GET /api/reports/:id': { path: `/api/reports/${f.reportId}` },
    'PUT /api/reports/:id': { path: `/api/reports/${f.reportId}`, body: { title: 'Planted', baseRevision: 1, compareTo: null } },
    'GET /api/reports/:id/export': { path: `/api/reports/${f.reportId}/export?format=md` },
    // The user guide is the same for everyone and holds no group's data.
    'GET /guide': { path: '/guide', check: nothingOfB },
    'GET /guide/:picture': { path: `/guide/${f.draft.id}.png`, check: notFound },
  }
}

/** Group B's record as its own secretariat reads it: must be the same before and after the walk. */
async function recordOfB(t: TwoGroups) {
  const f = t.foreign
  const get = async (path: string) => (await request(`${t.url}${path}`, { token: t.b.secretariat })).body
  return {
    draft: await get(`/api/drafts/${f.draft.id}/content`),
    threads: await get(`/api/drafts/${f.draft.id}/threads`),
    positions: await get(`/api/drafts/${f.draft.id}/positions`),
    revisions: await get(`/api/drafts/${f.draft.id}/revisions`),
    rounds: await get(`/api/drafts/${f.draft.id}/rounds`),
    report: await get(`/api/reports/${f.reportId}`),
    meeting: await get(`/api/meetings/${f.meetingId}`),
    drafts: await get('/api/drafts'),
  }
}

async function walkEveryRoute(options: ServerOptions) {
  const t = await twoGroups(options)
  const table = walks(t)
  const routes = t.server.routes.filter((r) => r.method !== 'HEAD' || !t.server.routes.some((g) => g.method === 'GET' && g.url === r.url))
  const keys = routes.map((r) => `${r.method} ${r.url}`)
  // A new route fails here until it has its line in the table; a removed one until its line goes.
  expect(keys.filter((k) => !(k in table)), 'routes without a walk').toEqual([])
  expect(Object.keys(table).filter((k) => !keys.includes(k)), 'walks without a route').toEqual([])

  const before = await recordOfB(t)
  // Sign-out last: it ends the token it is sent with.
  const order = [...keys.filter((k) => k !== 'DELETE /api/session'), 'DELETE /api/session']
  for (const key of order) {
    const walk = table[key]
    if (!walk) continue
    const method = key.split(' ')[0] ?? 'GET'
    const token = key === 'DELETE /api/session' ? await tokenFor(t.storage, t.usersA.secretariat) : t.a[walk.as ?? 'secretariat']
    const res = await probe(`${t.url}${walk.path}`, method, token, walk.body)
    try {
      ;(walk.check ?? notFound)(res, t)
      // GET routes answer HEAD alike.
      if (method === 'GET') expect((await probe(`${t.url}${walk.path}`, 'HEAD', token)).status).toBe(res.status)
    } catch (error) {
      throw new Error(`${key} (${walk.path}) as group A: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
    }
  }
  expect(await recordOfB(t)).toEqual(before)
  // Group B's token still works, and its own secretariat reads its audit entries.
  expect((await request(`${t.url}/api/me`, { token: t.foreign.token.token })).status).toBe(200)
  const audit = await request<{ entries: { action: string }[] }>(`${t.url}/api/audit?limit=200`, { token: t.b.secretariat })
  expect(audit.body.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['session.signed-in', 'draft.phase']))
}

describe('tenancy: every HTTP route with another working group ids', () => {
  it('answers 404 or nothing of the other group (SQLite, or TEST_STORAGE)', async () => {
    await walkEveryRoute({})
  })

  it.skipIf(!testDatabaseUrl())('answers 404 or nothing of the other group on PostgreSQL', async () => {
    const database = await createTestDatabase(testDatabaseUrl() ?? '')
    onTestFinished(() => database.drop())
    await walkEveryRoute({ storage: await PgStorage.connect(database.url, { max: 4 }) })
  })
})
