import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { createServer } from '../../server/app'
import { issueCredential } from '../../server/auth/credentials'
import { loadConfig } from '../../server/config'
import { loadStoredDoc } from '../../server/services/drafts'
import type { CommentRecord, ThreadRecord } from '../../server/storage/threads'
import { buildDraft, buildGroup, buildUser } from '../../server/testing/factories'
import { createTestDatabase, uniqueName } from '../../server/storage/postgres/throwaway'
import { clauseSnapshots } from '../../shared/diff/snapshot'
import { ClauseKey } from '../../shared/draft/format'
import { clausesMap } from '../../shared/draft/ydoc'
import { newId } from '../../shared/ids'
import { parseQuery } from '../../server/search/query'
import type { SearchResponse } from '../../shared/search/api'
import { clusterUrls } from '../lib/cluster'
import type { Scenario, ScenarioContext } from '../lib/context'
import { generateClauses, seededRandom } from '../lib/draftText'
import type { Row } from '../lib/results'
import { summarize } from '../lib/stats'

const CLAUSES = 300
const WORDS = 60_000
const REVISIONS = 10
const COMMENTS = 20_000
const STATES = [
  ['KEN', 'Kenya'], ['JPN', 'Japan'], ['IND', 'India'], ['EGY', 'Egypt'], ['CHN', 'China'],
  ['MYS', 'Malaysia'], ['NGA', 'Nigeria'], ['IDN', 'Indonesia'], ['THA', 'Thailand'], ['GHA', 'Ghana'],
] as const
const REMARKS = ['the wording should be clarified', 'we propose to delete the brackets', 'electronic evidence must be covered', 'mutual legal assistance is essential', 'our delegation reserves its position', 'the competent authority should be named']
const QUERIES = ['evidence', 'electronic evidence', '"electronic evidence"', '"stored computer data"', 'preserv', 'mutual legal assistance', 'Kenya reserves', 'EGY', 'competent auth', '"the requesting State"', 'jurisdiction offence', 'clarif', 'traffic data']

/**
 * Search over a draft of 300 clauses (60,000 words) with 10 revisions and 20,000 comments (5,000
 * threads, ten States): the time to build its index, `GET /api/search` p50 and p99 over a mix of
 * words, prefixes, phrases and State names, the cost of re-indexing one edited clause, and the
 * index's size (SQLite FTS5; with BENCH_SEARCH_PG=1 PostgreSQL's tsvector and GIN too).
 */
export const search: Scenario = {
  name: 'search',
  async run(ctx) {
    const rows = await measure(ctx, 'sqlite')
    // BENCH_SEARCH_PG=1: the same on PostgreSQL (tsvector, GIN), on a fresh database beside BENCH_DATABASE_URL's.
    if (process.env.BENCH_SEARCH_PG === '1') rows.push(...(await measure(ctx, 'postgres')))
    return rows
  },
}

async function measure(ctx: ScenarioContext, backend: 'sqlite' | 'postgres'): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'provisio-bench-search-'))
  const database = backend === 'postgres' ? await createTestDatabase(clusterUrls().database, uniqueName('provisio_bench_search')) : null
  const server = await createServer(loadConfig(database ? { DATABASE_URL: database.url } : {}, { host: '127.0.0.1', port: 0, dataDir, logLevel: 'silent' }))
  try {
    const storage = server.ctx.storage
    await storage.upsertMemberStates(STATES.map(([code, name]) => ({ code, name })))
    const group = await buildGroup(storage)
    const rapporteur = await buildUser(storage, { role: 'rapporteur', group })
    const delegates = []
    for (const [state] of STATES) delegates.push(await buildUser(storage, { role: 'delegate', stateCode: state, group }))
    const draft = await buildDraft(storage, rapporteur, { clauses: generateClauses(CLAUSES, WORDS) })
    const doc = await loadStoredDoc(storage, draft.id)
    const live = clauseSnapshots(doc)
    const rng = seededRandom(11)
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T
    ctx.log(`search: ${REVISIONS} revisions, each with a tenth of the clauses reworded`)
    for (let r = 1; r <= REVISIONS; r++) {
      const clauses = live.map((c, i) => (i % 10 === r % 10 ? { ...c, text: `${c.text} Revised in reading ${r}.` } : c))
      await storage.revisions.createRevision({ draftId: draft.id, label: `Reading ${r}`, title: draft.title, createdBy: rapporteur.id, state: Y.encodeStateAsUpdate(doc), clauses })
    }
    ctx.log(`search: writing ${COMMENTS} comments`)
    const start = Date.parse('2026-01-01T00:00:00Z')
    for (let n = 0; n < COMMENTS; n += 4) {
      const author = pick(delegates)
      const at = (i: number) => new Date(start + (n + i) * 60_000).toISOString()
      const thread: ThreadRecord = {
        id: newId(), draftId: draft.id, clauseId: pick(live).id, anchorStart: null, anchorEnd: null, quote: null, status: 'open',
        authorId: author.id, authorState: author.stateCode, roundId: null, createdAt: at(0), resolvedBy: null, resolvedAt: null, proposal: null,
      }
      const comment = (i: number, by: typeof author): CommentRecord => ({
        id: newId(), threadId: thread.id, authorId: by.id, authorState: by.stateCode, body: `Comment ${n + i}: ${pick(REMARKS)}, and ${pick(REMARKS)}.`, createdAt: at(i), editedAt: null, deletedAt: null,
      })
      const event = (type: 'thread.created' | 'comment.replied', c: CommentRecord, by: typeof author) => ({
        draftId: draft.id, type, at: c.createdAt, actorId: by.id, actorState: by.stateCode, clauseId: thread.clauseId, threadId: thread.id, commentId: c.id, roundId: null, data: {},
      })
      const first = comment(0, author)
      await storage.threads.createThread(thread, first, event('thread.created', first, author))
      for (let i = 1; i < 4; i++) {
        const by = pick(delegates)
        const reply = comment(i, by)
        await storage.threads.addComment(reply, event('comment.replied', reply, by))
      }
    }
    doc.destroy()
    const indexer = server.ctx.search
    ctx.log('search: building the index')
    const built0 = performance.now()
    await indexer.ensure([draft.id])
    const buildSeconds = (performance.now() - built0) / 1000
    const size = await indexer.index.size()

    const { url } = await server.listen()
    const token = (await issueCredential(storage, rapporteur, 'token')).secret
    const rounds = ctx.quick ? 3 : 15
    const samples: number[] = []
    for (let round = 0; round < rounds; round++) {
      for (const q of QUERIES) {
        const t0 = performance.now()
        const res = await fetch(`${url}/api/search?q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${token}` } })
        const body = (await res.json()) as SearchResponse
        samples.push(performance.now() - t0)
        if (res.status !== 200 || body.total === 0) throw new Error(`search "${q}": ${res.status}, ${body.total} hits`)
      }
    }
    const queries = summarize(samples)

    // In process, without HTTP: the index's own query (what ranking costs), per query and for the commonest words.
    const groupIds = [group.id]
    const sqlTime = async (q: string, times: number): Promise<number> => {
      const parsed = parseQuery(q)
      if (!parsed) throw new Error(`no words in "${q}"`)
      const took: number[] = []
      for (let i = 0; i < times; i++) {
        const t0 = performance.now()
        await indexer.index.search({ query: parsed, groupIds, limit: 90 })
        took.push(performance.now() - t0)
      }
      return summarize(took).p50
    }
    const sql: number[] = []
    for (const q of QUERIES) {
      const p50 = await sqlTime(q, rounds)
      sql.push(p50)
      ctx.log(`search: index query ${JSON.stringify(q)}: p50 ${p50.toFixed(2)} ms`)
    }
    const common = await sqlTime('the', rounds)
    ctx.log(`search: index query "the" (every entry matches): p50 ${common.toFixed(2)} ms`)

    // One clause edited and re-indexed (its debounce skipped): the live document read, the entry replaced.
    const edits = ctx.quick ? 20 : 100
    const costs: number[] = []
    const author = { id: rapporteur.id, stateCode: null }
    for (let i = 0; i < edits; i++) {
      const clause = live[(i * 7) % live.length]
      if (!clause) continue
      await server.ctx.collab.withDoc(draft.id, (d) => {
        const heading = clausesMap(d).get(clause.id)?.get(ClauseKey.heading)
        if (heading instanceof Y.Text) heading.insert(heading.length, ` ${i}`)
      }, author)
      await server.ctx.collab.readDoc(draft.id, () => undefined)
      const t0 = performance.now()
      indexer.record(draft.id, author, 0, [{ clauseId: clause.id, kind: 'edited', fields: ['heading'], status: null }])
      await indexer.settled()
      costs.push(performance.now() - t0)
    }
    const perClause = summarize(costs)
    const label = `${CLAUSES} clauses × ${REVISIONS} revisions + ${COMMENTS.toLocaleString('en')} comments`
    const rows: Row[] = [
      { label: `search: build the index (${label}; ${size.entries.toLocaleString('en')} entries)`, unit: 's', ours: { name: 'search.build_s', value: buildSeconds } },
      { label: `search: GET /api/search, ${QUERIES.length} queries × ${rounds}, p50`, unit: 'ms', ours: { name: 'search.query_p50_ms', value: queries.p50 }, target: { on: 'ours', op: '<=', value: 50 } },
      { label: 'search: GET /api/search, p99', unit: 'ms', ours: { name: 'search.query_p99_ms', value: queries.p99 }, target: { on: 'ours', op: '<=', value: 250 } },
      { label: `search: the index's query in process (no HTTP, no snippets), median of the ${QUERIES.length} queries' p50`, unit: 'ms', ours: { name: 'search.sql_p50_ms', value: summarize(sql).p50 } },
      { label: 'search: the same for "the" (every entry matches and is ranked), p50', unit: 'ms', ours: { name: 'search.sql_common_word_ms', value: common } },
      { label: 'search: re-index one edited clause, p50', unit: 'ms', ours: { name: 'search.reindex_clause_p50_ms', value: perClause.p50 }, target: { on: 'ours', op: '<=', value: 20 } },
      { label: `search: index size (${backend === 'postgres' ? 'search_entries with its tsvector and GIN index' : 'SQLite FTS5 and its rows'})`, unit: 'MiB', ours: { name: 'search.index_mib', value: size.bytes / 2 ** 20 } },
    ]
    // PostgreSQL's rows carry `.pg` in their names and say so in their labels.
    return backend === 'postgres' ? rows.map((r) => ({ ...r, label: r.label.replace('search:', 'search (PostgreSQL):'), ours: { ...r.ours, name: r.ours.name.replace('search.', 'search.pg.') } })) : rows
  } finally {
    await server.close()
    await database?.drop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
