import { describe, expect, it } from 'vitest'
import { reportHtml } from './writers/html/html'
import { reportMarkdown } from './writers/markdown/markdown'
import type { AssembledReport } from '../../shared/report/types'
import { FIXTURE_CLAUSES, reportFixture } from '../testing/reportFixture'
import { assembleReport } from './assemble'
import { reportAkn } from './writers/akn/akn'

type Fixture = Awaited<ReturnType<typeof reportFixture>>

const META = { reportId: 'rep1', version: 1, versionAt: '2026-11-30T10:00:00.000Z' }
const assemble = (f: Fixture, overrides: Partial<Fixture['input']> = {}) => assembleReport(f.storage, f.draft, { ...f.input, ...overrides }, { ...META, authorId: f.users.rapporteur.id })

const commentsOf = (report: AssembledReport) =>
  [...report.clauses.flatMap((c) => c.groups), ...report.otherComments.flatMap((o) => o.groups)].flatMap((g) => g.threads).flatMap((t) => t.comments)

const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1

describe('assembling a report', () => {
  it('presents every clause of the base revision in order, with its number, heading and text', async () => {
    const f = await reportFixture()
    const report = await assemble(f)
    expect(report.clauses.map((c) => [c.id, c.label, c.heading])).toEqual([
      ['pre', 'Preamble', 'Preamble'],
      ['terms', 'Article 1', 'Use of terms'],
      ['assist', 'Article 2', 'Mutual assistance'],
      ['extra', 'Article 3', 'Extradition'],
      ['review', 'Article 4', 'Review'],
    ])
    expect(report.clauses.find((c) => c.id === 'assist')?.text).toBe('Each State shall afford the widest measure of mutual legal assistance.')
    expect(report.base).toMatchObject({ number: 3, label: 'Comment round "First reading" closed' })
    expect(report.compare).toMatchObject({ number: 1, label: 'Rapporteur’s draft, 5 April 2026' })
    expect(report.rounds?.map((r) => r.name)).toEqual(['First reading'])
  })

  it('includes every comment of the chosen round exactly once, numbered C1…, and none from outside it', async () => {
    const f = await reportFixture()
    const report = await assemble(f)
    const inRound = await f.storage.threads.listThreads(f.draft.id, { roundId: f.round.id })
    const expected = (await f.storage.threads.listComments(inRound.map((t) => t.id))).map((c) => c.id)
    const got = commentsOf(report)
    expect(got.map((c) => c.id).sort()).toEqual([...expected].sort())
    expect(new Set(got.map((c) => c.id)).size).toBe(got.length)
    expect(got.map((c) => c.number)).toEqual(got.map((_, i) => i + 1))
    const outside = f.threads.outside.comments[0]?.id
    expect(got.some((c) => c.id === outside)).toBe(false)

    // In the readable formats too: each comment's words once, the comment outside the round never.
    const md = reportMarkdown(report)
    const html = reportHtml(report)
    const akn = reportAkn(report)
    for (const body of ['Kenya proposes to speak of mutual legal assistance.', 'Japan supports the proposal of Kenya.', 'Japan would define computer data as well.', 'Kenya asks to keep the entry into force open.']) {
      for (const [format, text] of [['md', md], ['html', html], ['akn', akn]] as const) expect({ format, body, n: occurrences(text, body) }).toEqual({ format, body, n: 1 })
    }
    for (const text of [md, html, akn]) {
      expect(text).not.toContain('A comment after the round closed.')
      // A deleted comment leaves a tombstone, never its words.
      expect(text).not.toContain('A comment Japan withdrew.')
      expect(text).toContain('(comment deleted)')
    }
  })

  it('counts clauses, threads, comments, States, proposals, positions and changes', async () => {
    const f = await reportFixture()
    const report = await assemble(f)
    expect(report.counts).toEqual({
      clauses: 5,
      articles: 4,
      threads: 5,
      comments: 7,
      deletedComments: 1,
      states: 2,
      proposals: { total: 3, applied: 1, declined: 1, pending: 1, suggested: 0 },
      positions: 2,
      changed: 3,
      suggestions: { open: 0, accepted: 0, rejected: 0, withdrawn: 0 },
    })
    expect(reportMarkdown(report)).toContain('\n5. 7 comments (1 deleted) in 5 threads, from 2 States.\n')
  })

  it('groups the comments on a clause by State, replies kept in their thread', async () => {
    const f = await reportFixture()
    const report = await assemble(f)
    const extra = report.clauses.find((c) => c.id === 'extra')
    expect(extra?.groups.map((g) => [g.key, g.label, g.threads.length])).toEqual([
      ['JPN', 'Japan (JPN)', 1],
      ['KEN', 'Kenya (KEN)', 1],
    ])
    const kenyaThread = extra?.groups[1]?.threads[0]
    expect(kenyaThread?.comments.map((c) => [c.author.state, c.author.role, c.editedAt !== null])).toEqual([
      ['KEN', 'delegate', true],
      [null, 'rapporteur', false],
    ])
    const assist = report.clauses.find((c) => c.id === 'assist')
    expect(assist?.groups[0]?.threads[0]?.comments.map((c) => c.author.stateName)).toEqual(['Kenya', 'Japan'])
    expect(assist?.positions).toMatchObject({ summary: '1 support', statements: [{ state: 'KEN', stateName: 'Kenya', stance: 'support' }] })
    expect(report.clauses.find((c) => c.id === 'terms')?.positions.statements).toEqual([{ state: 'JPN', stateName: 'Japan', stance: 'reservation', statement: 'Pending domestic consultation & review <b>.' }])
  })

  it('says what became of each proposal: applied, declined with the reason, or pending', async () => {
    const f = await reportFixture()
    const report = await assemble(f)
    const proposals = [...report.clauses.flatMap((c) => c.groups), ...report.otherComments.flatMap((o) => o.groups)].flatMap((g) => g.threads).flatMap((t) => (t.proposal ? [t.proposal] : []))
    expect(proposals.map((p) => [p.by.state, p.status, p.reason, p.decidedBy?.role ?? null])).toEqual([
      ['JPN', 'declined', 'The definition of computer data is left to national law.', 'rapporteur'],
      ['KEN', 'applied', null, 'rapporteur'],
      ['KEN', 'pending', null, null],
    ])
    for (const text of [reportMarkdown(report), reportHtml(report), reportAkn(report)]) {
      expect(text).toContain('Reason: The definition of computer data is left to national law.')
      expect(text).toContain('Applied by')
      expect(text).toContain('Pending')
    }
  })

  it('lists the changes since the compared revision, the applied proposal’s words attributed to its State', async () => {
    const f = await reportFixture()
    const report = await assemble(f)
    expect(report.changes?.clauses.map((c) => [c.id, c.changes])).toEqual([
      ['assist', ['body']],
      ['final', ['removed']],
      ['review', ['added']],
    ])
    const assist = report.changes?.clauses[0]
    expect(assist?.body.filter((op) => op.op !== 'equal')).toEqual([{ op: 'insert', text: 'legal ', author: 'Kenya', at: expect.any(String) }])
    const removed = report.changes?.clauses[1]
    expect(removed?.follows).toBe('extra')
    expect(removed?.body.every((op) => op.op === 'delete' && op.author === null)).toBe(true)
    expect(report.changes?.summary).toMatchObject({ changed: 3, added: 1, removed: 1, body: 1 })
  })

  it('keeps comments on a clause the base revision no longer holds, under the label it last had', async () => {
    const f = await reportFixture()
    const report = await assemble(f)
    expect(report.otherComments.map((o) => [o.clauseId, o.label, o.heading])).toEqual([['final', 'Article 4 of revision 2', 'Final provisions']])
  })

  it('writes the history in the annex: the earlier wording of an edited comment, reasons, positions; comments by number only', async () => {
    const f = await reportFixture()
    const report = await assemble(f)
    const types = report.annex.map((e) => e.type)
    expect(types).toContain('comment.edited')
    expect(types).toContain('proposal.declined')
    expect(types).toContain('position.recorded')
    expect(report.annex.find((e) => e.type === 'comment.edited')?.detail).toBe('First wording, later edited.')
    expect(report.annex.find((e) => e.type === 'position.recorded' && e.actor.state === 'JPN')?.detail).toBe('Reservation — Pending domestic consultation & review <b>.')
    expect(report.annex.filter((e) => e.type === 'thread.created').map((e) => e.commentNumber)).toEqual([2, 1, 5, 4, 7])
    expect(report.annex.every((e) => e.clauseLabel !== null)).toBe(true)
  })

  it('without rounds, takes every thread opened up to the base revision; with none before it, none', async () => {
    const f = await reportFixture()
    const all = await assemble(f, { rounds: null })
    expect(all.rounds).toBeNull()
    expect(all.counts.comments).toBe(7)
    const early = await assemble(f, { rounds: null, baseRevision: 1, compareTo: null })
    expect([early.counts.threads, early.counts.comments, early.counts.positions, early.changes]).toEqual([0, 0, 0, null])
    expect(early.clauses.map((c) => c.id)).toEqual(FIXTURE_CLAUSES.map((c) => c.id))
    const none = await assemble(f, { rounds: [] })
    expect(none.counts.comments).toBe(0)
  })

  it('gives the same report, byte for byte, for the same inputs', async () => {
    const f = await reportFixture()
    const a = await assemble(f)
    const b = await assemble(f)
    expect(JSON.stringify(b)).toBe(JSON.stringify(a))
    expect(reportMarkdown(b)).toBe(reportMarkdown(a))
    expect(reportAkn(b)).toBe(reportAkn(a))
  })
})
