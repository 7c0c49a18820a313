import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import { createServer } from '../../server/app'
import { issueCredential } from '../../server/auth/credentials'
import { loadConfig } from '../../server/config'
import { diffDraft, saveRevision } from '../../server/services/revisions'
import { buildDraft, buildGroup, buildUser } from '../../server/testing/factories'
import type { ClauseInput } from '../../shared/draft/ydoc'
import { clausesMap, readClauses } from '../../shared/draft/ydoc'
import { seededRandom as seeded } from '../../shared/random'
import type { Scenario } from '../lib/context'
import type { Row } from '../lib/results'

/**
 * Diff of two revisions of a 300-clause, 150,000-word draft with 10% of its clauses changed (word
 * edits, a new sentence, a deletion, a bracketed span, some headings), measured as the server does
 * it for `GET /api/drafts/:id/diff?from=1&to=2`: both revisions read from SQLite, then compared.
 * Target: under 100 ms. Standalone: `npx tsx bench/scenarios/diff.ts` prints the figures.
 */
const CLAUSES = 300
const WORDS = 150_000
const CHANGED_SHARE = 0.1
const RUNS = 15
const WARMUP = 3

// Original filler vocabulary (no treaty text).
const VOCABULARY = (
  'each state shall may adopt establish maintain provide ensure measures necessary competent authority requesting requested ' +
  'data stored computer traffic preservation disclosure assistance cooperation extradition offence domestic law without undue ' +
  'delay reasons refusal confidentiality safeguards rights persons concerned request information provider service subscriber ' +
  'investigation proceedings jurisdiction territory national reciprocity conditions procedure expeditious timely designated contact'
).split(' ')

function sentence(rng: () => number, words: number): string {
  const out: string[] = []
  for (let i = 0; i < words; i++) out.push(VOCABULARY[Math.floor(rng() * VOCABULARY.length)] as string)
  const first = out[0] ?? 'each'
  out[0] = first.charAt(0).toUpperCase() + first.slice(1)
  return `${out.join(' ')}.`
}

/** 300 clauses of about 500 words each: four paragraphs, the last one as lettered sub-paragraphs. */
export function diffBenchClauses(): ClauseInput[] {
  const rng = seeded(300)
  const perClause = Math.round(WORDS / CLAUSES)
  return Array.from({ length: CLAUSES }, (_, i) => {
    const paragraphs: string[] = []
    let words = 0
    while (words < perClause) {
      const n = Math.min(perClause - words, 15 + Math.floor(rng() * 20))
      const text = sentence(rng, n)
      if (paragraphs.length < 4 && (paragraphs.length === 0 || rng() < 0.3)) paragraphs.push(text)
      else paragraphs[paragraphs.length - 1] = `${paragraphs[paragraphs.length - 1] ?? ''} ${text}`
      words += n
    }
    const [lead = '', ...rest] = paragraphs
    const text = [lead, ...rest.map((p, k) => `(${String.fromCharCode(97 + k)}) ${p}`)].join('\n')
    return { kind: i === 0 ? 'preamble' : 'article', heading: i === 0 ? 'Preamble' : `Provision ${i}`, text }
  })
}

/** Edits 10% of the clauses the way a rapporteur revises: words replaced, added, deleted, bracketed. */
function reviseTenPercent(doc: Y.Doc): void {
  const rng = seeded(10)
  const clauses = readClauses(doc)
  const chosen = new Set<number>()
  while (chosen.size < Math.round(CLAUSES * CHANGED_SHARE)) chosen.add(Math.floor(rng() * clauses.length))
  for (const index of chosen) {
    const clause = clausesMap(doc).get(clauses[index]?.id ?? '')
    const body = clause?.get('body')
    if (!(body instanceof Y.XmlFragment)) continue
    const paragraphs = body.toArray().flatMap((node) => (node instanceof Y.XmlElement && node.nodeName === 'orderedList' ? node.toArray() : [node]))
    for (let edit = 0; edit < 3; edit++) {
      const node = paragraphs[Math.floor(rng() * paragraphs.length)]
      const paragraph = node instanceof Y.XmlElement && node.nodeName === 'listItem' ? node.get(0) : node
      const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
      if (!(text instanceof Y.XmlText) || text.length < 40) continue
      const at = Math.floor(rng() * (text.length - 30))
      const kind = rng()
      if (kind < 0.35) text.insert(at, 'promptly and in writing ')
      else if (kind < 0.6) text.delete(at, 12)
      else if (kind < 0.8) text.format(at, 15, { bracket: { states: ['KEN'] } })
      else {
        text.delete(at, 8)
        text.insert(at, 'revised wording')
      }
    }
    if (rng() < 0.3) {
      const heading = clause?.get('heading')
      if (heading instanceof Y.Text) heading.insert(heading.length, ' (revised)')
    }
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

export async function runDiffBench(): Promise<{ name: string; value: number; unit: string }[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'provisio-bench-diff-'))
  const server = await createServer(loadConfig({}, { host: '127.0.0.1', port: 0, dataDir, logLevel: 'silent' }))
  try {
    const { url } = await server.listen()
    const { ctx } = server
    const group = await buildGroup(ctx.storage)
    const rapporteur = await buildUser(ctx.storage, { role: 'rapporteur', group })
    const draft = await buildDraft(ctx.storage, rapporteur, { clauses: diffBenchClauses() })
    await saveRevision(ctx, draft, rapporteur, 'Before')
    await ctx.collab.withDoc(draft.id, reviseTenPercent)
    await saveRevision(ctx, draft, rapporteur, 'After')

    const first = await diffDraft(ctx, draft, rapporteur, 1, 2)
    const words = first.clauses.reduce((n, c) => n + c.body.reduce((m, o) => m + (o.op === 'insert' ? 0 : o.text.split(/\s+/).filter(Boolean).length), 0), 0)
    if (first.summary.clauses !== CLAUSES || first.summary.changed !== CLAUSES * CHANGED_SHARE || Math.abs(words - WORDS) > WORDS * 0.02) {
      throw new Error(`unexpected bench draft: ${first.summary.clauses} clauses, ${first.summary.changed} changed, ${words} words`)
    }
    const times: number[] = []
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const t0 = performance.now()
      await diffDraft(ctx, draft, rapporteur, 1, 2)
      if (i >= WARMUP) times.push(performance.now() - t0)
    }
    // The same through HTTP (auth, JSON of every clause's ops, loopback): what a browser waits for.
    const token = (await issueCredential(ctx.storage, rapporteur, 'token', { label: 'bench' })).secret
    const httpTimes: number[] = []
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const t0 = performance.now()
      const res = await fetch(`${url}/api/drafts/${draft.id}/diff?from=1&to=2`, { headers: { authorization: `Bearer ${token}` } })
      await res.arrayBuffer()
      if (!res.ok) throw new Error(`diff over HTTP: ${res.status}`)
      if (i >= WARMUP) httpTimes.push(performance.now() - t0)
    }
    return [
      { name: 'diff.300.ms', value: Number(median(times).toFixed(1)), unit: 'ms' },
      { name: 'diff.300.http.ms', value: Number(median(httpTimes).toFixed(1)), unit: 'ms' },
    ]
  } finally {
    await server.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const figure of await runDiffBench()) console.log(`${figure.name}\t${figure.value} ${figure.unit}`)
}

/** The diff as a scenario of `npm run bench` (target: under 100 ms of server time). */
export const diff: Scenario = {
  name: 'diff',
  async run() {
    const figures = await runDiffBench()
    const value = (name: string) => figures.find((f) => f.name === name)?.value ?? Number.NaN
    const rows: Row[] = [
      { label: `diff: ${CLAUSES} clauses / ${WORDS} words, 10% changed (server), median`, unit: 'ms', ours: { name: 'diff.300.ms', value: value('diff.300.ms') }, target: { on: 'ours', op: '<=', value: 100 } },
      { label: 'diff: the same over HTTP (JSON of every op)', unit: 'ms', ours: { name: 'diff.300.http.ms', value: value('diff.300.http.ms') } },
    ]
    return rows
  },
}
