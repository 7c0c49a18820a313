import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { createServer } from '../../server/app'
import { loadConfig } from '../../server/config'
import { reportAkn } from '../../server/report/writers/akn/akn'
import { assembleReport } from '../../server/report/assemble'
import { reportDocx } from '../../server/report/writers/docx/docx'
import { loadStoredDoc } from '../../server/services/drafts'
import type { CommentRecord, NewEvent, ThreadRecord } from '../../server/storage/threads'
import { buildDraft, buildGroup, buildLargeClauses, buildUser } from '../../server/testing/factories'
import { clauseSnapshots } from '../../shared/diff/snapshot'
import { newId } from '../../shared/ids'
import { reportHtml } from '../../server/report/writers/html/html'
import { reportMarkdown } from '../../server/report/writers/markdown/markdown'
import type { AssembledReport, ReportInput } from '../../shared/report/types'
import type { Scenario } from '../lib/context'
import { seededRandom } from '../lib/draftText'
import type { Row } from '../lib/results'
import { summarize } from '../lib/stats'

const CLAUSES = 300
const COMMENTS = 2_000
const PER_THREAD = 4
const STATES = ['KEN', 'JPN', 'IND', 'EGY', 'CHN', 'MYS', 'NGA', 'IDN', 'THA', 'GHA'] as const

/**
 * The rapporteur's report: the server time to assemble a report of a 300-clause draft with 2,000
 * comments (500 threads from ten States, proposals applied and declined, positions, 30 clauses
 * changed since the compared revision), then to export it as DOCX, HTML, Markdown and Akoma Ntoso.
 */
export const report: Scenario = {
  name: 'report',
  async run(ctx) {
    const runs = ctx.quick ? 5 : 15
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'provisio-bench-report-'))
    const server = await createServer(loadConfig({}, { host: '127.0.0.1', port: 0, dataDir, logLevel: 'silent' }))
    try {
      const storage = server.ctx.storage
      await storage.upsertMemberStates(STATES.map((code) => ({ code, name: `State ${code}` })))
      const group = await buildGroup(storage)
      const rapporteur = await buildUser(storage, { role: 'rapporteur', group })
      const delegates = []
      for (const state of STATES) delegates.push(await buildUser(storage, { role: 'delegate', stateCode: state, group }))
      const draft = await buildDraft(storage, rapporteur, { clauses: buildLargeClauses(CLAUSES, 3) })
      const doc = await loadStoredDoc(storage, draft.id)
      const before = clauseSnapshots(doc)
      const state = Y.encodeStateAsUpdate(doc)
      doc.destroy()
      ctx.log(`report: writing ${COMMENTS} comments on ${CLAUSES} clauses`)
      const first = await storage.revisions.createRevision({ draftId: draft.id, label: 'Rapporteur’s draft', title: draft.title, createdBy: rapporteur.id, state, clauses: before })

      const rng = seededRandom(11)
      const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T
      const event = (type: NewEvent['type'], by: { id: string; stateCode: string | null }, refs: Partial<NewEvent>, at: string, data: Record<string, unknown> = {}): NewEvent => ({
        draftId: draft.id, type, at, actorId: by.id, actorState: by.stateCode, clauseId: refs.clauseId ?? null, threadId: refs.threadId ?? null, commentId: refs.commentId ?? null, roundId: refs.roundId ?? null, data,
      })
      const roundId = newId()
      const now = () => new Date().toISOString()
      await storage.threads.openRound({ id: roundId, draftId: draft.id, name: 'First reading', deadline: '2099-01-01T00:00:00.000Z', status: 'open', openedBy: rapporteur.id, openedAt: now(), closedAt: null }, event('round.opened', rapporteur, { roundId }, now()))
      const clauseIds = before.map((c) => c.id)
      for (let n = 0; n < COMMENTS; n += PER_THREAD) {
        const author = pick(delegates)
        const proposes = rng() < 0.15
        const thread: ThreadRecord = {
          id: newId(), draftId: draft.id, clauseId: pick(clauseIds), anchorStart: null, anchorEnd: null, quote: null, status: 'open', authorId: author.id, authorState: author.stateCode,
          roundId, createdAt: now(), resolvedBy: null, resolvedAt: null,
          proposal: proposes ? { text: `Replace the paragraph with wording proposed in thread ${n}.`, base: null, status: 'pending', decidedBy: null, decidedAt: null, reason: null } : null,
        }
        const comment = (i: number, by: typeof author): CommentRecord => ({
          id: newId(), threadId: thread.id, authorId: by.id, authorState: by.stateCode, body: `Comment ${n + i}: the wording of this provision should be clarified & aligned with <domestic> law.`, createdAt: now(), editedAt: null, deletedAt: null,
        })
        const opening = comment(0, author)
        await storage.threads.createThread(thread, opening, event('thread.created', author, { clauseId: thread.clauseId, threadId: thread.id, commentId: opening.id, roundId }, opening.createdAt))
        for (let i = 1; i < PER_THREAD; i++) {
          const by = pick(delegates)
          const reply = comment(i, by)
          await storage.threads.addComment(reply, event('comment.replied', by, { clauseId: thread.clauseId, threadId: thread.id, commentId: reply.id, roundId }, reply.createdAt))
        }
        if (proposes) {
          const applied = rng() < 0.5
          const at = now()
          const decision = { status: applied ? ('applied' as const) : ('declined' as const), decidedBy: rapporteur.id, decidedAt: at, reason: applied ? null : 'The present wording reflects the consensus reached.' }
          await storage.threads.decideProposal(thread.id, decision, event(applied ? 'proposal.applied' : 'proposal.declined', rapporteur, { clauseId: thread.clauseId, threadId: thread.id, roundId }, at, applied ? {} : { reason: decision.reason }))
        }
        if (rng() < 0.5) {
          const at = now()
          await storage.threads.recordPosition({ draftId: draft.id, clauseId: thread.clauseId, stateCode: author.stateCode ?? 'KEN', stance: pick(['support', 'reservation', 'objection'] as const), statement: null, authorId: author.id, roundId, createdAt: at }, event('position.recorded', author, { clauseId: thread.clauseId, roundId }, at))
        }
      }
      // Revision 2: every tenth clause reworded, one removed, one added.
      const after = before
        .filter((_, i) => i !== 150)
        .map((c, i) => (i % 10 === 5 ? { ...c, text: c.text.replace('without undue delay', 'promptly and in any case within thirty days') } : c))
      after.push({ id: 'added-clause', kind: 'article', number: null, label: '', heading: 'Review', status: 'proposed', text: 'The Working Group shall review these provisions.' })
      let article = 0
      const renumbered = after.map((c) => (c.kind === 'article' ? { ...c, number: ++article, label: `Article ${article}` } : c))
      const second = await storage.revisions.createRevision({ draftId: draft.id, label: 'Revised after the first reading', title: draft.title, createdBy: rapporteur.id, state, clauses: renumbered })

      const input: ReportInput = {
        title: 'Report of the Rapporteur on the first reading',
        session: '57th session',
        place: 'Tokyo',
        date: '2026-11-30',
        sections: [{ heading: 'Introduction', body: 'The **Working Group** considered the comments received.' }],
        baseRevision: second.number,
        compareTo: first.number,
        rounds: [roundId],
      }
      const meta = { reportId: 'bench', version: 1, versionAt: '2026-11-30T10:00:00.000Z', authorId: rapporteur.id }
      const time = async <T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> => {
        const samples: number[] = []
        let value: T | undefined
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now()
          value = await fn()
          samples.push(performance.now() - t0)
        }
        return { ms: summarize(samples).p50, value: value as T }
      }
      const assembled = await time(() => assembleReport(storage, draft, input, meta))
      const built: AssembledReport = assembled.value
      if (built.counts.comments !== COMMENTS || built.counts.clauses !== CLAUSES) throw new Error(`unexpected report: ${JSON.stringify(built.counts)}`)
      const docx = await time(() => reportDocx(built))
      const html = await time(() => reportHtml(built))
      const md = await time(() => reportMarkdown(built))
      const akn = await time(() => reportAkn(built))
      const kib = (n: number) => `${Math.round(n / 1024)} KiB`
      ctx.log(`report: docx ${kib(docx.value.length)}, html ${kib(html.value.length)}, md ${kib(md.value.length)}, akn ${kib(akn.value.length)}`)
      const rows: Row[] = [
        { label: `report: assemble (${CLAUSES} clauses, ${COMMENTS.toLocaleString('en-US')} comments), p50`, unit: 'ms', ours: { name: 'report.300.assemble_ms', value: assembled.ms } },
        { label: 'report: export DOCX (tracked changes), p50', unit: 'ms', ours: { name: 'report.300.docx_ms', value: docx.ms } },
        { label: 'report: export HTML, p50', unit: 'ms', ours: { name: 'report.300.html_ms', value: html.ms } },
        { label: 'report: export Markdown, p50', unit: 'ms', ours: { name: 'report.300.md_ms', value: md.ms } },
        { label: 'report: export Akoma Ntoso, p50', unit: 'ms', ours: { name: 'report.300.akn_ms', value: akn.ms } },
      ]
      return rows
    } finally {
      await server.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  },
}
