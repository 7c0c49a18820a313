import { cpuUs, type Scenario, type ScenarioContext, sleep } from '../lib/context'
import { generateClauses } from '../lib/draftText'
import { RawClient } from '../lib/rawClient'
import type { Row } from '../lib/results'
import { type ServerKind, type Target, startPair } from '../lib/servers'
import { summarize } from '../lib/stats'
import { startPingProbe } from '../lib/pingProbe'

/**
 * Join storm: JOINERS raw clients open the same 300-clause / 150,000-word draft at once; each is
 * synced when the server's sync step 2 (the whole document) has arrived. The draft is already open
 * on both servers (one client connected): loading it from storage is the cold-open scenario.
 * Rounds alternate between the servers; each figure is the median over the rounds.
 */
const JOINERS = 100
const CLAUSES = 300
const WORDS = 150_000

interface Storm {
  readonly p50: number
  readonly max: number
  readonly cpuMsPerJoin: number
  /** The slowest websocket ping round trip of another client during the storm. */
  readonly worstPingMs: number
}

async function storm(target: Target, draftId: string): Promise<Storm> {
  const probe = await startPingProbe(target.url(draftId, 0))
  const before = await target.server.stats()
  const t0 = performance.now()
  const joiners = Array.from({ length: JOINERS }, (_, i) => new RawClient(target.url(draftId, i + 1)))
  try {
    const synced = await Promise.all(joiners.map((j) => j.synced))
    const worstPingMs = probe.stop()
    const after = await target.server.stats()
    const s = summarize(synced.map((at) => at - t0))
    return { p50: s.p50, max: s.max, cpuMsPerJoin: cpuUs(before, after) / 1000 / JOINERS, worstPingMs }
  } finally {
    for (const j of joiners) j.close()
    await sleep(500)
  }
}

export const joinStorm: Scenario = {
  name: 'joinstorm',
  async run(ctx: ScenarioContext): Promise<Row[]> {
    const rounds = ctx.quick ? 1 : 5
    const pair = await startPair(ctx.processes, [generateClauses(CLAUSES, WORDS)], JOINERS + 1)
    try {
      const draft = pair.drafts[0]
      if (!draft) throw new Error('no draft')
      ctx.log(`join storm: draft of ${CLAUSES} clauses / ${WORDS.toLocaleString('en-US')} words, ${(draft.state.byteLength / 2 ** 20).toFixed(2)} MiB`)
      // The draft is open on both servers (one client each) before any storm.
      const hosts = [new RawClient(pair.ours.url(draft.id, 0)), new RawClient(pair.reference.url(draft.id, 0))]
      const storms: Record<ServerKind, Storm[]> = { ours: [], reference: [], hocuspocus: [] }
      try {
        await Promise.all(hosts.map((h) => h.synced))
        for (let r = 0; r < rounds; r++) {
          for (const target of r % 2 === 0 ? [pair.ours, pair.reference] : [pair.reference, pair.ours]) {
            const s = await storm(target, draft.id)
            storms[target.kind].push(s)
            ctx.log(`join storm ${target.kind}, round ${r + 1}/${rounds}: all synced in ${s.max.toFixed(0)} ms, ${s.cpuMsPerJoin.toFixed(2)} ms CPU per joiner, worst ping ${s.worstPingMs.toFixed(0)} ms`)
          }
        }
      } finally {
        for (const h of hosts) h.close()
      }
      const summary = async (target: Target) => {
        const median = (pick: (s: Storm) => number) => summarize(storms[target.kind].map(pick)).p50
        const peak = (await target.server.stats()).maxRss
        const worstPing = Math.max(...storms[target.kind].map((s) => s.worstPingMs))
        return { p50: median((s) => s.p50), max: median((s) => s.max), cpuMsPerJoin: median((s) => s.cpuMsPerJoin), peakRssMb: peak / 2 ** 20, worstPingMs: worstPing }
      }
      const ours = await summary(pair.ours)
      const ref = await summary(pair.reference)
      const base = `joinstorm.n${JOINERS}`
      const row = (key: string, label: string, unit: string, pick: (m: typeof ours) => number, target?: Row['target']): Row => ({
        label: `join storm ${JOINERS} × ${CLAUSES}-clause draft: ${label}`,
        unit,
        ours: { name: `${base}.${key}.ours`, value: pick(ours) },
        reference: { name: `${base}.${key}.reference`, value: pick(ref) },
        ...(target ? { target } : {}),
      })
      return [
        row('p50_ms', 'synced p50', 'ms', (m) => m.p50),
        row('max_ms', 'all synced (max)', 'ms', (m) => m.max, { on: 'ratio', op: '<=', value: 1 }),
        row('cpu_ms_per_join', 'server CPU per joiner', 'ms', (m) => m.cpuMsPerJoin, { on: 'ratio', op: '<=', value: 0.5 }),
        row('peak_rss_mb', 'server peak RSS', 'MiB', (m) => m.peakRssMb),
        row('worst_ping_ms', "another client's worst ping round trip (event-loop delay)", 'ms', (m) => m.worstPingMs, { on: 'ours', op: '<=', value: 1000 }),
      ]
    } finally {
      await pair.stop()
    }
  },
}
