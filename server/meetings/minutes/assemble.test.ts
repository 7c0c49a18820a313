import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { clausesMap } from '../../../shared/draft/ydoc'
import type { Minutes } from '../../../shared/meetingMinutes'
import { saveRevision } from '../../services/revisions'
import { minutesDocx } from './docx'
import { minutesHtml } from './html'
import { assembleMinutes } from './assemble'
import { EXPLANATION, RESERVATION, insertWord, minutesFixture } from './testFixture'

const allDecisions = (m: Minutes) => [...m.clauses, ...m.otherClauses].flatMap((c) => c.decisions)

describe('assembling the minutes of a meeting', () => {
  it('records every decision exactly once, under its clause, in seq order; the clauses taken up in the order first put on screen', async () => {
    const f = await minutesFixture()
    const m = await assembleMinutes(f.ctx, f.draft, f.meeting)
    expect(m.clauses.map((c) => [c.clauseId, c.label, c.onScreen.length])).toEqual([
      ['assist', 'Article 2', 2],
      ['scope', 'Article 1', 1],
      ['pre', 'Preamble', 1],
    ])
    expect(m.otherClauses.map((c) => [c.clauseId, c.label, c.onScreen])).toEqual([
      ['final', 'Article 4', []],
      ['data', 'Article 3', []],
    ])
    const decisions = allDecisions(m)
    expect(decisions.map((d) => d.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6])
    expect(m.decisionCount).toBe(6)
    for (const c of [...m.clauses, ...m.otherClauses]) expect(c.decisions.map((d) => d.seq)).toEqual([...c.decisions.map((d) => d.seq)].sort((a, b) => a - b))
    expect(m.clauses[0]?.decisions.map((d) => d.label)).toEqual(['Kept in brackets', 'Agreed ad referendum (JPN)', 'Statement taken note of (KEN)'])
    expect(m.clauses[0]?.decisions[1]).toMatchObject({ state: 'JPN', stateName: 'Japan', status: 'agreed-ad-referendum' })
    expect(m.otherClauses.map((c) => c.decisions.map((d) => d.label))).toEqual([['Status changed to under discussion'], ['Deferred']])
    // Speakers on their clause, in order; one given the floor with no delegate signed in.
    expect(m.clauses[0]?.speakers.map((s) => [s.stateName, s.user?.name ?? null])).toEqual([
      ['Japan', f.users.japan.displayName],
      ['Kenya', f.users.kenya.displayName],
      ['India', null],
    ])
    expect(m.clauses[1]?.speakers.map((s) => s.state)).toEqual(['KEN'])
  })

  it('lists the States present by name with their delegates, the one corrected absent apart', async () => {
    const f = await minutesFixture()
    const m = await assembleMinutes(f.ctx, f.draft, f.meeting)
    expect(m.attendance.present.map((a) => [a.stateName, a.delegates.map((d) => d.name), a.source])).toEqual([
      ['India', [], 'secretariat'],
      ['Japan', [f.users.japan.displayName], 'sign-in'],
      ['Kenya', [f.users.kenya.displayName], 'sign-in'],
    ])
    expect(m.attendance.absent.map((a) => a.stateName)).toEqual(['Egypt'])
    expect(m).toMatchObject({ title: f.meeting.title, place: 'New Delhi', date: '2026-11-30', openedBy: { name: f.users.chair.displayName }, openedAt: f.meeting.openedAt, closedAt: f.meeting.closedAt, provisional: false })
  })

  it('holds the statements made while the meeting was open, on their clause or on the draft as a whole', async () => {
    const f = await minutesFixture()
    const m = await assembleMinutes(f.ctx, f.draft, f.meeting)
    expect(m.clauses[0]?.statements.map((s) => [s.kindLabel, s.stateName, s.text, s.clauseLabel])).toEqual([['Reservation', 'Kenya', RESERVATION, 'Article 2']])
    expect(m.general.statements.map((s) => s.text)).toEqual([EXPLANATION])
    const everywhere = [...m.clauses, ...m.otherClauses].flatMap((c) => c.statements).concat(m.general.statements)
    expect(everywhere.map((s) => s.id).sort()).toEqual(['st-exp', 'st-res'])
  })

  it('gives the text of the closing revision and the changes since the revision the meeting opened on', async () => {
    const f = await minutesFixture()
    const m = await assembleMinutes(f.ctx, f.draft, f.meeting)
    expect(m.text.revision).toMatchObject({ number: f.closeRevision.number, label: f.closeRevision.label })
    expect(m.text.clauses.map((c) => c.label)).toEqual(['Preamble', 'Article 1', 'Article 2', 'Article 3', 'Article 4'])
    expect(m.text.clauses.find((c) => c.id === 'assist')?.text).toBe('Each State shall afford the widest measure of mutual legal assistance.\n(a) on request;\n(b) without undue delay.')
    expect(m.text.clauses.find((c) => c.id === 'scope')?.status).toBe('agreed')

    expect(m.changes.from?.number).toBe(f.openRevision?.number)
    expect(m.changes.to?.number).toBe(f.closeRevision.number)
    expect(m.changes.clauses.map((c) => [c.id, c.changes])).toEqual([
      ['scope', ['status']],
      ['assist', ['body']],
    ])
    const inserted = m.changes.clauses.find((c) => c.id === 'assist')?.body.filter((o) => o.op === 'insert').map((o) => o.text.trim())
    expect(inserted).toEqual(['legal'])
    expect(m.changes.summary).toMatchObject({ changed: 2, wordsInserted: 1, wordsDeleted: 0 })
  })

  it('of a meeting that opened before any revision: every clause reads as added', async () => {
    const f = await minutesFixture({ openRevision: 'none' })
    const m = await assembleMinutes(f.ctx, f.draft, f.meeting)
    expect(m.changes.from).toBeNull()
    expect(m.changes.clauses.map((c) => c.changes)).toEqual(Array.from({ length: 5 }, () => ['added']))
  })

  it('of a meeting still open: provisional, from the live draft', async () => {
    const f = await minutesFixture()
    await f.ctx.collab.withDoc(f.draft.id, (doc) => insertWord(doc, 'final', 'adoption', 'their'))
    const open = { ...f.meeting, status: 'open' as const, closedAt: null, closeRevision: null }
    const m = await assembleMinutes(f.ctx, f.draft, open)
    expect(m.provisional).toBe(true)
    expect(m.text.revision).toBeNull()
    expect(m.changes.to).toBeNull()
    expect(m.text.clauses.find((c) => c.id === 'final')?.text).toBe('These provisions enter into force on their adoption.')
    expect(m.changes.clauses.map((c) => c.id)).toEqual(['scope', 'assist', 'final'])
    expect(m.changes.clauses.find((c) => c.id === 'final')?.body.filter((o) => o.op === 'insert').map((o) => o.text.trim())).toEqual(['their'])
  })

  it('shows the open suggestions in the text at the close (saved or live), without counting them as changes', async () => {
    const f = await minutesFixture()
    const { kenya } = f.users
    await f.ctx.collab.withDoc(f.draft.id, (doc) => {
      const body = clausesMap(doc).get('final')?.get('body')
      const paragraph = body instanceof Y.XmlFragment ? body.get(0) : null
      const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
      if (!(text instanceof Y.XmlText)) throw new Error('no paragraph')
      text.insert('These provisions enter into force '.length, 'provisionally ', { insertion: { id: 'sugKen', user: kenya.id, name: kenya.displayName, state: 'KEN', at: new Date().toISOString() } })
    })
    const saved = await saveRevision(f.ctx, f.draft, f.users.chair, 'With a suggestion')
    const live = { ...f.meeting, status: 'open' as const, closedAt: null, closeRevision: null }
    for (const meeting of [{ ...f.meeting, closeRevision: saved.number }, live]) {
      const m = await assembleMinutes(f.ctx, f.draft, meeting)
      const final = m.text.clauses.find((c) => c.id === 'final')
      expect(final?.text).toBe('These provisions enter into force on adoption.')
      expect(final?.suggested?.filter((o) => o.op !== 'equal').map((o) => [o.op, o.text, o.author, o.state])).toEqual([['insert', 'provisionally ', 'Kenya', 'KEN']])
      expect(m.changes.clauses.map((c) => c.id)).toEqual(['scope', 'assist'])
      expect(minutesHtml(m)).toMatch(/<ins class="suggestion" data-suggestion="sugKen"[^>]*>provisionally <\/ins>/)
      const xml = strFromU8(unzipSync(new Uint8Array(await minutesDocx(m)))['word/document.xml'] ?? new Uint8Array())
      expect(xml).toMatch(/<w:u w:val="single"\/>(<[^>]+>)*provisionally /)
    }
  })
})
