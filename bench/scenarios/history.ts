import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createServer } from '../../server/app'
import { issueCredential } from '../../server/auth/credentials'
import { loadConfig } from '../../server/config'
import { loadStoredDoc } from '../../server/services/drafts'
import type { CommentRecord, ThreadRecord } from '../../server/storage/threads'
import { buildDraft, buildGroup, buildLargeClauses, buildUser } from '../../server/testing/factories'
import { readClauses } from '../../shared/draft/ydoc'
import { newId } from '../../shared/ids'
import type { Scenario } from '../lib/context'
import { seededRandom } from '../lib/draftText'
import type { Row } from '../lib/results'
import { summarize } from '../lib/stats'

const CLAUSES = 200
const COMMENTS = 5_000
const STATES = ['KEN', 'JPN', 'IND', 'EGY', 'CHN', 'MYS', 'NGA', 'IDN', 'THA', 'GHA'] as const
const RUNS = 15

/**
 * Comment history: the server time to answer `GET /api/drafts/:id/history` for a draft of 200
 * clauses and 5,000 comments (1,250 threads, ten States), whole and filtered by one State.
 */
export const history: Scenario = {
  name: 'history',
  async run(ctx) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'provisio-bench-history-'))
    const server = await createServer(loadConfig({}, { host: '127.0.0.1', port: 0, dataDir, logLevel: 'silent' }))
    try {
      const storage = server.ctx.storage
      await storage.upsertMemberStates(STATES.map((code) => ({ code, name: code })))
      const group = await buildGroup(storage)
      const rapporteur = await buildUser(storage, { role: 'rapporteur', group })
      const delegates = []
      for (const state of STATES) delegates.push(await buildUser(storage, { role: 'delegate', stateCode: state, group }))
      const draft = await buildDraft(storage, rapporteur, { clauses: buildLargeClauses(CLAUSES, 2) })
      const clauseIds = readClauses(await loadStoredDoc(storage, draft.id)).map((c) => c.id)
      ctx.log(`history: writing ${COMMENTS} comments`)
      const rng = seededRandom(7)
      const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T
      const start = Date.parse('2026-01-01T00:00:00Z')
      for (let n = 0; n < COMMENTS; n += 4) {
        const author = pick(delegates)
        const at = (i: number) => new Date(start + (n + i) * 60_000).toISOString()
        const thread: ThreadRecord = {
          id: newId(), draftId: draft.id, clauseId: pick(clauseIds), anchorStart: null, anchorEnd: null, quote: null, status: rng() < 0.3 ? 'resolved' : 'open',
          authorId: author.id, authorState: author.stateCode, roundId: null, createdAt: at(0), resolvedBy: null, resolvedAt: null, proposal: null,
        }
        const comment = (i: number, by: typeof author): CommentRecord => ({
          id: newId(), threadId: thread.id, authorId: by.id, authorState: by.stateCode, body: `Comment ${n + i} on the provision: the wording should be clarified.`, createdAt: at(i), editedAt: null, deletedAt: null,
        })
        const event = (type: 'thread.created' | 'comment.replied', c: CommentRecord, by: typeof author) => ({
          draftId: draft.id, type, at: c.createdAt, actorId: by.id, actorState: by.stateCode, clauseId: thread.clauseId, threadId: thread.id, commentId: c.id, roundId: null, data: { excerpt: c.body },
        })
        const first = comment(0, author)
        await storage.threads.createThread(thread, first, event('thread.created', first, author))
        for (let i = 1; i < 4; i++) {
          const by = pick(delegates)
          const reply = comment(i, by)
          await storage.threads.addComment(reply, event('comment.replied', reply, by))
        }
      }
      const { url } = await server.listen()
      const token = (await issueCredential(storage, rapporteur, 'token')).secret
      const time = async (query: string) => {
        const samples: number[] = []
        for (let i = 0; i < RUNS; i++) {
          const t0 = performance.now()
          const res = await fetch(`${url}/api/drafts/${draft.id}/history${query}`, { headers: { authorization: `Bearer ${token}` } })
          const body = (await res.json()) as { events: unknown[] }
          samples.push(performance.now() - t0)
          if (body.events.length === 0) throw new Error('no events')
        }
        return summarize(samples).p50
      }
      const all = await time('')
      const byState = await time('?state=KEN')
      const rows: Row[] = [
        { label: `history: list all (${CLAUSES} clauses, ${COMMENTS} comments), p50`, unit: 'ms', ours: { name: 'history.5000.list_ms', value: all } },
        { label: 'history: filtered by one State, p50', unit: 'ms', ours: { name: 'history.5000.by_state_ms', value: byState } },
      ]
      return rows
    } finally {
      await server.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  },
}
