import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { correctAttendance, closeMeeting, openMeeting, readMeeting } from '../../services/meetings/lifecycle'
import { askFloor, giveFloor, setScreen } from '../../services/meetings/floor'
import { recordDecision } from '../../services/meetings/decisions'
import { recordStatement } from '../../services/statements'
import { buildDraft } from '../../testing/factories'
import { newServerWithGroup } from '../../testing/newServer'
import { assembleMinutes } from './assemble'
import { minutesDocx } from './docx'
import { minutesHtml } from './html'
import { MINUTES_CLAUSES, RESERVATION, insertWord } from './testFixture'

describe('the minutes of a meeting run through the meeting services', () => {
  it('hold its decisions once and in order, its attendance, the text at the close and the word inserted during it', async () => {
    const t = await newServerWithGroup()
    const ctx = t.server.ctx
    const { chair, secretariat, kenya, japan } = t.users
    const draft = await buildDraft(t.storage, t.users.rapporteur, { title: 'Model provisions on cooperation against cybercrime', clauses: MINUTES_CLAUSES })
    const opened = await openMeeting(ctx, draft, chair, { title: 'First meeting', place: 'Nairobi', date: '2026-11-30' })
    await readMeeting(ctx, kenya, opened.id)
    await readMeeting(ctx, japan, opened.id)
    await correctAttendance(ctx, secretariat, opened.id, 'KEN', false)

    await setScreen(ctx, chair, opened.id, 'assist')
    await askFloor(ctx, japan, opened.id)
    await giveFloor(ctx, chair, opened.id, 'JPN')
    await ctx.collab.withDoc(draft.id, (doc) => insertWord(doc, 'assist', 'assistance', 'legal'))
    await recordDecision(ctx, chair, opened.id, { clauseId: 'assist', kind: 'agreed-ad-referendum', state: 'JPN' })
    await recordStatement(ctx, draft, kenya, 'reservation', 'assist', RESERVATION)
    await setScreen(ctx, chair, opened.id, 'scope')
    await recordDecision(ctx, chair, opened.id, { clauseId: 'scope', kind: 'agreed' })
    await recordDecision(ctx, secretariat, opened.id, { clauseId: 'data', kind: 'deferred', note: 'To the next session.' })
    const closed = await closeMeeting(ctx, chair, opened.id)

    const m = await assembleMinutes(ctx, draft, closed)
    expect(m.provisional).toBe(false)
    expect(m.clauses.map((c) => c.label)).toEqual(['Article 2', 'Article 1'])
    expect(m.otherClauses.map((c) => c.label)).toEqual(['Article 3'])
    const decisions = [...m.clauses, ...m.otherClauses].flatMap((c) => c.decisions)
    expect(decisions.map((d) => [d.seq, d.label])).toEqual([
      [1, 'Agreed ad referendum (JPN)'],
      [2, 'Agreed'],
      [3, 'Deferred'],
    ])
    expect(m.decisionCount).toBe(closed.decisions.length)
    expect(m.clauses[0]?.speakers.map((s) => [s.stateName, s.user?.name])).toEqual([['Japan', japan.displayName]])
    expect(m.clauses[0]?.statements.map((s) => s.text)).toEqual([RESERVATION])
    expect(m.attendance.present.map((a) => a.stateName)).toEqual(['Japan'])
    expect(m.attendance.absent.map((a) => [a.stateName, a.delegates.map((d) => d.name)])).toEqual([['Kenya', [kenya.displayName]]])

    expect(m.text.revision?.number).toBe(closed.closeRevision)
    expect(m.changes.from?.number).toBe(closed.openRevision)
    expect(m.text.clauses.find((c) => c.id === 'assist')).toMatchObject({ status: 'agreed-ad-referendum', text: expect.stringContaining('mutual legal assistance') as unknown })
    const assist = m.changes.clauses.find((c) => c.id === 'assist')
    expect(assist?.body.filter((o) => o.op === 'insert').map((o) => o.text.trim())).toEqual(['legal'])

    expect(minutesHtml(m)).toContain('<ins>legal</ins>')
    const xml = strFromU8(unzipSync(new Uint8Array(await minutesDocx(m)))['word/document.xml'] ?? new Uint8Array())
    expect(xml.indexOf('Agreed ad referendum (JPN)')).toBeGreaterThan(-1)
    expect(xml.indexOf('Agreed ad referendum (JPN)')).toBeLessThan(xml.indexOf('Deferred'))
  })
})
