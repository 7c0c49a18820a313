/** Two working groups on one server for the route walk: B full of records, A's people probing them. */
import { readClauses } from '../../shared/draft/ydoc'
import type { ThreadView } from '../../shared/threadsApi'
import type { ServerOptions } from '../app'
import { loadStoredDoc } from '../services/drafts'
import { buildDraft, buildGroup, buildUser, TEST_PASSWORD, tokenFor } from '../testing/factories'
import { request } from '../testing/http'
import { newServerWithGroup } from '../testing/newServer'

/** What a probe answered: status, the parsed JSON body (null when none) and the raw text. */
export interface Probed {
  readonly status: number
  readonly body: unknown
  readonly text: string
}

/** One request that never hangs: an event stream is cut after its headers (its status is all we need). */
export async function probe(url: string, method: string, token: string, body?: unknown): Promise<Probed> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), 10_000)
  try {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: controller.signal })
    if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
      controller.abort()
      return { status: response.status, body: null, text: '' }
    }
    const text = await response.text()
    const json: unknown = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null
    return { status: response.status, body: json, text }
  } finally {
    clearTimeout(timer)
  }
}

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`fixture: no ${what}`)
  return value
}

/** Group B (the server's group, one user per role) with a draft, revision, thread with a proposal, reply, round, report and token; group A beside it. */
export async function twoGroups(options: ServerOptions = {}) {
  const t = await newServerWithGroup({}, options)
  const b = {
    rapporteur: await tokenFor(t.storage, t.users.rapporteur),
    secretariat: await tokenFor(t.storage, t.users.secretariat),
    kenya: await tokenFor(t.storage, t.users.kenya),
  }
  const send = async <T>(path: string, token: string, body: unknown, method = 'POST'): Promise<T> => {
    const res = await request<T>(`${t.url}${path}`, { method, token, body })
    if (res.status >= 300) throw new Error(`fixture: ${method} ${path} answered ${res.status} ${JSON.stringify(res.body)}`)
    return res.body
  }
  const draft = await buildDraft(t.storage, t.users.rapporteur, { title: 'Group B confidential draft' })
  const clauseId = must(readClauses(await loadStoredDoc(t.storage, draft.id))[1]?.id, 'clause')
  await send(`/api/drafts/${draft.id}/revisions`, b.rapporteur, { label: 'B first' })
  const opened = await send<{ thread: ThreadView }>(`/api/drafts/${draft.id}/threads`, b.kenya, {
    clauseId,
    body: 'Kenya of group B comments.',
    proposal: { text: 'Each State shall cooperate fully.' },
  })
  const replied = await send<{ thread: ThreadView }>(`/api/threads/${opened.thread.id}/comments`, b.kenya, { body: 'A reply of group B.' })
  const commentId = must(replied.thread.comments[1]?.id, 'reply')
  await send(`/api/drafts/${draft.id}/clauses/${clauseId}/position`, b.kenya, { stance: 'reservation' }, 'PUT')
  const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString()
  const round = await send<{ round: { id: string } }>(`/api/drafts/${draft.id}/rounds`, b.secretariat, { name: 'B round', deadline })
  const report = await send<{ report: { id: string } }>(`/api/drafts/${draft.id}/reports`, b.rapporteur, { title: 'B report', baseRevision: 1, compareTo: null })
  const token = await send<{ id: string; token: string }>('/api/tokens', b.kenya, { label: 'B script' })
  const meeting = await send<{ id: string }>(`/api/drafts/${draft.id}/meetings`, b.secretariat, { title: 'B meeting' })
  // A sign-in in the audit log under group B's user.
  await send('/api/session', '', { username: t.users.kenya.username, password: TEST_PASSWORD })

  // Names that hold none of B's (whose numbered names could be prefixes of later numbered ones).
  const groupA = await buildGroup(t.storage, { slug: 'alpha-wg', name: 'Alpha Working Group' })
  const usersA = {
    secretariat: await buildUser(t.storage, { role: 'secretariat', group: groupA, username: `alpha-sec-${groupA.id}`, displayName: 'Alpha Secretary' }),
    delegate: await buildUser(t.storage, { role: 'delegate', stateCode: 'EGY', group: groupA, username: `alpha-del-${groupA.id}`, displayName: 'Alpha Delegate' }),
  }
  const draftA = await buildDraft(t.storage, usersA.secretariat, { title: 'Group A draft' })
  const a = {
    secretariat: await tokenFor(t.storage, usersA.secretariat),
    delegate: await tokenFor(t.storage, usersA.delegate),
  }
  return {
    ...t,
    b,
    a,
    usersA,
    groupA,
    draftA,
    foreign: { draft, clauseId, threadId: opened.thread.id, commentId, roundId: round.round.id, reportId: report.report.id, meetingId: meeting.id, token, deadline },
  }
}

export type TwoGroups = Awaited<ReturnType<typeof twoGroups>>
