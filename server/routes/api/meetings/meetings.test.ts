import { describe, expect, it } from 'vitest'
import type { ClauseStatusView } from '../../../../shared/clauseStatusApi'
import { readClauses } from '../../../../shared/draft/ydoc'
import type { DecisionView, MeetingView } from '../../../../shared/meetingApi'
import { loadStoredDoc } from '../../../services/drafts'
import { openEventStream } from '../../../testing/eventStream'
import { buildDraft, tokenFor } from '../../../testing/factories'
import { request } from '../../../testing/http'
import { newServerWithGroup } from '../../../testing/newServer'

type ErrorBody = { error: { code: string } }
type Who = 'secretariat' | 'chair' | 'rapporteur' | 'kenya' | 'japan' | 'observer' | 'outsider'

async function setUp() {
  const t = await newServerWithGroup()
  const draft = await buildDraft(t.storage, t.users.rapporteur, {
    clauses: [
      { kind: 'preamble', heading: 'Preamble', text: 'The participating States, desiring to cooperate,' },
      { kind: 'article', heading: 'Use of terms', text: 'For the purposes of these provisions, "competent authority" means [the authority designated by each State].' },
      { kind: 'article', heading: 'Scope', text: 'These provisions apply to requests made after their adoption.' },
      { kind: 'article', heading: 'Channels', text: 'Requests shall be transmitted through the central authority.' },
    ],
  })
  const clauseIds = readClauses(await loadStoredDoc(t.storage, draft.id)).map((c) => c.id)
  const tokens = {} as Record<Who, string>
  for (const who of Object.keys(t.users) as Who[]) tokens[who] = await tokenFor(t.storage, t.users[who])
  const call = <T>(who: Who, method: string, path: string, body?: unknown) => request<T>(`${t.url}${path}`, { method, token: tokens[who], ...(body !== undefined && { body }) })
  return { t, draft, clauseIds, tokens, call }
}

describe('meetings', () => {
  it('opens one meeting per draft, for the chair and the secretariat; every write answers 403 for the wrong role', async () => {
    const { draft, clauseIds, call } = await setUp()
    const base = `/api/drafts/${draft.id}/meetings`
    for (const who of ['rapporteur', 'kenya', 'observer'] as const) expect((await call(who, 'POST', base, { title: 'Third meeting' })).status).toBe(403)
    expect((await call('outsider', 'POST', base, { title: 'Third meeting' })).status).toBe(404)
    const opened = await call<MeetingView>('chair', 'POST', base, { title: 'Third meeting', place: 'New Delhi', date: '2027-02-14' })
    expect(opened.status).toBe(201)
    expect(opened.body).toMatchObject({ draftId: draft.id, title: 'Third meeting', place: 'New Delhi', date: '2027-02-14', status: 'open', screen: null, floor: [], decisions: [], attendance: [] })
    expect(opened.body.openRevision).toBeGreaterThan(0)
    // Every member but the chair hears of it in the inbox.
    const inbox = async (who: Who) => (await call<{ notifications: { kind: string; title: string }[] }>(who, 'GET', '/api/notifications')).body.notifications
    expect((await inbox('kenya'))[0]).toMatchObject({ kind: 'meeting.opened', title: `Meeting open: ${draft.title}` })
    expect((await inbox('observer')).map((n) => n.kind)).toContain('meeting.opened')
    expect((await inbox('chair')).map((n) => n.kind)).not.toContain('meeting.opened')
    expect((await call<ErrorBody>('secretariat', 'POST', base, { title: 'Another' })).body.error.code).toBe('meeting_open')
    const id = opened.body.id
    const m = `/api/meetings/${id}`
    const [, art1] = clauseIds

    for (const who of ['secretariat', 'rapporteur', 'kenya', 'observer'] as const) expect((await call(who, 'PUT', `${m}/screen`, { clauseId: art1 })).status).toBe(403)
    expect((await call('chair', 'PUT', `${m}/screen`, { clauseId: 'nosuchclause' })).status).toBe(404)
    for (const who of ['secretariat', 'chair', 'rapporteur', 'observer'] as const) expect((await call(who, 'POST', `${m}/floor`)).status).toBe(403)
    for (const who of ['secretariat', 'kenya', 'observer'] as const) expect((await call(who, 'PUT', `${m}/speaker`, { state: 'KEN' })).status).toBe(403)
    for (const who of ['rapporteur', 'kenya', 'observer'] as const) expect((await call(who, 'POST', `${m}/decisions`, { clauseId: art1, kind: 'deferred' })).status).toBe(403)
    for (const who of ['chair', 'rapporteur', 'kenya'] as const) expect((await call(who, 'PUT', `${m}/attendance`, { state: 'KEN', present: true })).status).toBe(403)
    for (const who of ['rapporteur', 'kenya', 'observer'] as const) expect((await call(who, 'POST', `${m}/close`)).status).toBe(403)
    // Another group's meeting does not exist for them.
    expect((await call('outsider', 'GET', m)).status).toBe(404)
    expect((await call('outsider', 'POST', `${m}/floor`)).status).toBe(404)
    // Nothing of the refusals reached the record.
    const after = await call<MeetingView>('observer', 'GET', m)
    expect(after.body).toMatchObject({ screen: null, floor: [], speaker: null, decisions: [], attendance: [] })
    expect((await call<{ meetings: MeetingView[] }>('observer', 'GET', base)).body.meetings.map((x) => x.id)).toEqual([id])
  })

  it('refuses malformed bodies with 400 and changes nothing', async () => {
    const { draft, clauseIds, call } = await setUp()
    const base = `/api/drafts/${draft.id}/meetings`
    for (const body of [{}, { title: '' }, { title: 'x', date: '14/02/2027' }, { title: 'x', date: '2027-02-31x' }, { title: 'x', extra: 1 }, { title: 'x'.repeat(201) }]) {
      expect((await call('chair', 'POST', base, body)).status).toBe(400)
    }
    expect((await call<{ meetings: MeetingView[] }>('chair', 'GET', base)).body.meetings).toEqual([])
    const id = (await call<MeetingView>('chair', 'POST', base, { title: 'Fourth meeting' })).body.id
    const m = `/api/meetings/${id}`
    expect((await call('chair', 'PUT', `${m}/screen`, { clause: clauseIds[1] })).status).toBe(400)
    expect((await call('chair', 'PUT', `${m}/speaker`, { state: 'kenya' })).status).toBe(400)
    expect((await call('chair', 'PUT', `${m}/speaker`, { state: 'ZZZ' })).status).toBe(400)
    expect((await call('chair', 'POST', `${m}/decisions`, { clauseId: clauseIds[1], kind: 'approved' })).status).toBe(400)
    expect((await call('chair', 'POST', `${m}/decisions`, { clauseId: clauseIds[1], kind: 'agreed-ad-referendum' })).status).toBe(400)
    expect((await call('chair', 'POST', `${m}/decisions`, { clauseId: clauseIds[1], kind: 'statement-noted', state: 'XYZ' })).status).toBe(400)
    expect((await call('secretariat', 'PUT', `${m}/attendance`, { state: 'KEN' })).status).toBe(400)
    expect((await call('chair', 'GET', '/api/meetings/not-an-id!')).status).toBe(404)
    expect((await call('chair', 'GET', '/api/meetings/abcdefabcdefabcdefab')).status).toBe(404)
    const view = (await call<MeetingView>('chair', 'GET', m)).body
    expect(view).toMatchObject({ screen: null, speaker: null, floor: [], decisions: [] })
  })

  it('the screen, the floor in order and who speaks; a new clause on screen clears the queue; all on the event stream', async () => {
    const { t, draft, clauseIds, tokens, call } = await setUp()
    const stream = await openEventStream(t.url, draft.id, tokens.observer)
    const id = (await call<MeetingView>('chair', 'POST', `/api/drafts/${draft.id}/meetings`, { title: 'Fifth meeting' })).body.id
    const m = `/api/meetings/${id}`
    const [, art1, art2] = clauseIds
    expect((await call<ErrorBody>('kenya', 'POST', `${m}/floor`)).body.error.code).toBe('nothing_on_screen')

    expect((await call<MeetingView>('chair', 'PUT', `${m}/screen`, { clauseId: art1 })).body.screen?.clauseId).toBe(art1)
    expect((await stream.next((e) => e.type === 'meeting.screen', 'meeting.screen')).clauseId).toBe(art1)
    await call('japan', 'POST', `${m}/floor`)
    await call('kenya', 'POST', `${m}/floor`)
    // Asking again keeps the place in the queue (one request per State).
    const again = await call<MeetingView>('japan', 'POST', `${m}/floor`)
    expect(again.status).toBe(200)
    expect(again.body.floor.map((f) => [f.state, f.user.userId, f.clauseId])).toEqual([
      ['JPN', t.users.japan.id, art1],
      ['KEN', t.users.kenya.id, art1],
    ])
    const given = await call<MeetingView>('chair', 'PUT', `${m}/speaker`, { state: 'JPN' })
    expect(given.body.speaker).toMatchObject({ state: 'JPN', user: { userId: t.users.japan.id }, clauseId: art1 })
    expect(given.body.floor.map((f) => f.state)).toEqual(['KEN'])
    // Kenya withdraws; then the chair gives the floor to a State in the room that never asked.
    expect((await call<MeetingView>('kenya', 'DELETE', `${m}/floor`)).body.floor).toEqual([])
    const inRoom = await call<MeetingView>('chair', 'PUT', `${m}/speaker`, { state: 'EGY' })
    expect(inRoom.body.speaker).toMatchObject({ state: 'EGY', user: null })
    await call('kenya', 'POST', `${m}/floor`)
    const moved = await call<MeetingView>('chair', 'PUT', `${m}/screen`, { clauseId: art2 })
    expect(moved.body).toMatchObject({ screen: { clauseId: art2 }, speaker: null, floor: [] })
    expect(moved.body.screenLog.map((s) => s.clauseId)).toEqual([art1, art2])
    expect(moved.body.speakers.map((s) => s.state)).toEqual(['JPN', 'EGY'])
    // The same clause again changes nothing and sends nothing.
    await call('chair', 'PUT', `${m}/screen`, { clauseId: art2 })

    const floorEvents = await stream.next((e) => e.type === 'meeting.floor' && e.data.action === 'gave' && e.data.state === 'EGY', 'the floor given to Egypt')
    expect(floorEvents.data).toMatchObject({ meetingId: id, speaker: 'EGY', floor: [] })
    await stream.next((e) => e.type === 'meeting.screen' && e.clauseId === art2, 'Article 2 on screen')
    const types = stream.events.filter((e) => e.type.startsWith('meeting.')).map((e) => (typeof e.data.action === 'string' && typeof e.data.state === 'string' ? `${e.type}:${e.data.action}:${e.data.state}` : e.type))
    expect(types).toEqual([
      'meeting.opened',
      'meeting.screen',
      'meeting.floor:asked:JPN',
      'meeting.floor:asked:KEN',
      'meeting.floor:gave:JPN',
      'meeting.floor:withdrew:KEN',
      'meeting.floor:gave:EGY',
      'meeting.floor:asked:KEN',
      'meeting.screen',
    ])
    await stream.close()
  })

  it('logs decisions in order, sets the status of agreed and agreed ad referendum, and logs other status changes made meanwhile', async () => {
    const { draft, clauseIds, call } = await setUp()
    const id = (await call<MeetingView>('chair', 'POST', `/api/drafts/${draft.id}/meetings`, { title: 'Sixth meeting' })).body.id
    const m = `/api/meetings/${id}`
    const [pre, art1, art2, art3] = clauseIds
    const decide = (who: Who, body: unknown) => call<DecisionView>(who, 'POST', `${m}/decisions`, body)

    const adRef = await decide('chair', { clauseId: art1, kind: 'agreed-ad-referendum', state: 'JPN', note: 'Japan to confirm after consulting Tokyo.' })
    expect(adRef.status).toBe(201)
    expect(adRef.body).toMatchObject({ seq: 1, clauseLabel: 'Article 1', kind: 'agreed-ad-referendum', state: 'JPN', status: 'agreed-ad-referendum' })
    expect(adRef.body.text).toContain('competent authority')
    const statuses = async () => (await call<{ statuses: ClauseStatusView[] }>('observer', 'GET', `/api/drafts/${draft.id}/statuses`)).body.statuses
    expect((await statuses()).find((s) => s.clauseId === art1)).toMatchObject({ status: 'agreed-ad-referendum', holds: [{ stateCode: 'JPN' }] })
    // A second State joins the hold: both hold it.
    await decide('secretariat', { clauseId: art1, kind: 'agreed-ad-referendum', state: 'KEN' })
    expect((await statuses()).find((s) => s.clauseId === art1)?.holds.map((h) => h.stateCode).sort()).toEqual(['JPN', 'KEN'])
    expect((await decide('secretariat', { clauseId: art2, kind: 'kept-in-brackets', note: 'The square brackets around the time limit stay.' })).body).toMatchObject({ seq: 3, status: null })
    await decide('chair', { clauseId: art2, kind: 'statement-noted', state: 'KEN' })
    await decide('chair', { clauseId: pre, kind: 'deferred' })
    expect((await decide('chair', { clauseId: art3, kind: 'agreed' })).body).toMatchObject({ seq: 6, kind: 'agreed', status: 'agreed' })
    // The chair changes a status through the status route while the meeting is open: logged automatically, once.
    expect((await call('chair', 'PUT', `/api/drafts/${draft.id}/clauses/${art2}/status`, { status: 'under-discussion' })).status).toBe(200)
    expect((await decide('chair', { clauseId: 'nosuchclause', kind: 'deferred' })).status).toBe(404)

    const view = (await call<MeetingView>('observer', 'GET', m)).body
    expect(view.decisions.map((d) => [d.seq, d.kind, d.state, d.clauseId])).toEqual([
      [1, 'agreed-ad-referendum', 'JPN', art1],
      [2, 'agreed-ad-referendum', 'KEN', art1],
      [3, 'kept-in-brackets', null, art2],
      [4, 'statement-noted', 'KEN', art2],
      [5, 'deferred', null, pre],
      [6, 'agreed', null, art3],
      [7, 'status', null, art2],
    ])
    expect(view.decisions[6]).toMatchObject({ status: 'under-discussion' })
    expect(view.decisions.every((d) => d.revision === view.openRevision)).toBe(true)
  })

  it('counts delegates who open the meeting present for their State; the secretariat corrects it and its word wins', async () => {
    const { draft, call } = await setUp()
    const id = (await call<MeetingView>('secretariat', 'POST', `/api/drafts/${draft.id}/meetings`, { title: 'Seventh meeting' })).body.id
    const m = `/api/meetings/${id}`
    await call('kenya', 'GET', m)
    await call('japan', 'GET', m)
    await call('kenya', 'GET', m)
    await call('chair', 'GET', m)
    expect((await call<MeetingView>('observer', 'GET', m)).body.attendance.map((a) => [a.state, a.present, a.source, a.delegates.length])).toEqual([
      ['KEN', true, 'sign-in', 1],
      ['JPN', true, 'sign-in', 1],
    ])
    await call('secretariat', 'PUT', `${m}/attendance`, { state: 'KEN', present: false })
    await call('secretariat', 'PUT', `${m}/attendance`, { state: 'EGY', present: true })
    await call('kenya', 'GET', m)
    expect((await call<MeetingView>('observer', 'GET', m)).body.attendance.map((a) => [a.state, a.present, a.source])).toEqual([
      ['KEN', false, 'secretariat'],
      ['JPN', true, 'sign-in'],
      ['EGY', true, 'secretariat'],
    ])
  })

  it('closing saves the text as a revision, clears the screen and the floor, and the record no longer changes', async () => {
    const { draft, clauseIds, call } = await setUp()
    const id = (await call<MeetingView>('chair', 'POST', `/api/drafts/${draft.id}/meetings`, { title: 'Eighth meeting' })).body.id
    const m = `/api/meetings/${id}`
    await call('chair', 'PUT', `${m}/screen`, { clauseId: clauseIds[1] })
    await call('kenya', 'POST', `${m}/floor`)
    await call('chair', 'POST', `${m}/decisions`, { clauseId: clauseIds[1], kind: 'agreed' })
    const closed = await call<MeetingView>('secretariat', 'POST', `${m}/close`)
    expect(closed.status).toBe(200)
    expect(closed.body).toMatchObject({ status: 'closed', screen: null, floor: [], speaker: null })
    expect(closed.body.closedAt).not.toBeNull()
    expect(closed.body.closeRevision).toBeGreaterThan(closed.body.openRevision)
    const revision = await call<{ label: string; clauses: { id: string; status: string }[] }>('observer', 'GET', `/api/drafts/${draft.id}/revisions/${closed.body.closeRevision}`)
    expect(revision.body.label).toBe('Text at the close of Eighth meeting')
    expect(revision.body.clauses.find((c) => c.id === clauseIds[1])?.status).toBe('agreed')
    for (const [who, method, path, body] of [
      ['chair', 'PUT', `${m}/screen`, { clauseId: clauseIds[2] }],
      ['kenya', 'POST', `${m}/floor`, undefined],
      ['chair', 'POST', `${m}/decisions`, { clauseId: clauseIds[2], kind: 'deferred' }],
      ['secretariat', 'PUT', `${m}/attendance`, { state: 'KEN', present: true }],
      ['chair', 'POST', `${m}/close`, undefined],
    ] as const) {
      expect((await call<ErrorBody>(who, method, path, body)).body.error.code, `${method} ${path}`).toBe('meeting_closed')
    }
    // A later status change is not the closed meeting's.
    await call('chair', 'PUT', `/api/drafts/${draft.id}/clauses/${clauseIds[2]}/status`, { status: 'under-discussion' })
    expect((await call<MeetingView>('kenya', 'GET', m)).body.decisions).toHaveLength(1)
    expect((await call<MeetingView>('kenya', 'GET', m)).body.attendance).toEqual([])
    // The next meeting may open.
    expect((await call('chair', 'POST', `/api/drafts/${draft.id}/meetings`, { title: 'Ninth meeting' })).status).toBe(201)
  })

  it('meets during a comment round as while drafting; once the draft is closed the open meeting can only be closed, and no other opens', async () => {
    const { draft, clauseIds, call } = await setUp()
    // A comment round puts the draft in consultation.
    const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString()
    const round = await call<{ round: { id: string } }>('secretariat', 'POST', `/api/drafts/${draft.id}/rounds`, { name: 'First reading', deadline })
    expect(round.status).toBe(201)
    const id = (await call<MeetingView>('chair', 'POST', `/api/drafts/${draft.id}/meetings`, { title: 'Meeting during the round' })).body.id
    const m = `/api/meetings/${id}`
    expect((await call('chair', 'PUT', `${m}/screen`, { clauseId: clauseIds[2] })).status).toBe(200)
    expect((await call('japan', 'POST', `${m}/floor`)).status).toBe(200)
    expect((await call('chair', 'PUT', `${m}/speaker`, { state: 'JPN' })).status).toBe(200)
    expect((await call<DecisionView>('chair', 'POST', `${m}/decisions`, { clauseId: clauseIds[2], kind: 'agreed' })).body.status).toBe('agreed')

    expect((await call('secretariat', 'POST', `/api/rounds/${round.body.round.id}/close`)).status).toBe(200)
    expect((await call('secretariat', 'PATCH', `/api/drafts/${draft.id}`, { phase: 'closed' })).status).toBe(200)
    for (const [who, method, path, body] of [
      ['chair', 'PUT', `${m}/screen`, { clauseId: clauseIds[1] }],
      ['kenya', 'POST', `${m}/floor`, undefined],
      ['chair', 'PUT', `${m}/speaker`, { state: null }],
      ['secretariat', 'POST', `${m}/decisions`, { clauseId: clauseIds[1], kind: 'deferred' }],
      ['secretariat', 'PUT', `${m}/attendance`, { state: 'KEN', present: true }],
    ] as const) {
      expect((await call<ErrorBody>(who, method, path, body)).body.error.code, `${method} ${path}`).toBe('draft_closed')
    }
    const closed = await call<MeetingView>('chair', 'POST', `${m}/close`)
    expect(closed.body).toMatchObject({ status: 'closed', speaker: null })
    expect((await call<{ provisional: boolean }>('observer', 'GET', `${m}/minutes`)).body.provisional).toBe(false)
    expect((await call<ErrorBody>('chair', 'POST', `/api/drafts/${draft.id}/meetings`, { title: 'Too late' })).body.error.code).toBe('draft_closed')
  })
})
