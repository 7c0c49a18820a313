import { type Scenario, type ScenarioContext, sleep } from '../lib/context'
import { generateClauses } from '../lib/draftText'
import { HocuspocusClient } from '../lib/hocuspocusClient'
import { RawClient } from '../lib/rawClient'
import type { Row } from '../lib/results'
import { type Target, startPair } from '../lib/servers'

/**
 * Memory (issue 21): RSS per loaded 300-clause / 150,000-word draft (1.4 MiB encoded), and after
 * the drafts unload, ours against Hocuspocus (the reference keeps every draft in memory from its
 * start: nothing to load). One draft is loaded and unloaded first (code and caches warm), then RSS
 * is read after a full collection (before), DRAFTS drafts are opened by one client each (loaded),
 * the clients leave, and RSS is read again once the server has had time to unload (after).
 */
const CLAUSES = 300
const WORDS = 150_000
const UNLOAD_WAIT_MS = 1500

interface Memory {
  readonly beforeMib: number
  readonly perDraftMib: number
  readonly afterMib: number
}

const mib = (bytes: number): number => bytes / 2 ** 20

function opener(target: Target, draftId: string, client: number): RawClient | HocuspocusClient {
  return target.kind === 'hocuspocus' ? new HocuspocusClient(target.url(draftId, client), draftId, target.token(client)) : new RawClient(target.url(draftId, client))
}

async function openAll(target: Target, draftIds: readonly string[]): Promise<(RawClient | HocuspocusClient)[]> {
  const clients = draftIds.map((id, i) => opener(target, id, i))
  await Promise.all(clients.map((c) => c.synced))
  return clients
}

/** RSS after a collection, read twice a little apart (freed pages may go back to the system late). */
async function settledRss(target: Target): Promise<number> {
  await target.server.stats(true)
  await sleep(200)
  return (await target.server.stats(true)).rss
}

async function measure(target: Target, warmId: string, draftIds: readonly string[]): Promise<Memory> {
  for (const c of await openAll(target, [warmId])) c.close()
  await sleep(UNLOAD_WAIT_MS)
  const before = await settledRss(target)
  const clients = await openAll(target, draftIds)
  const loaded = await settledRss(target)
  for (const c of clients) c.close()
  await sleep(UNLOAD_WAIT_MS)
  const after = await settledRss(target)
  return { beforeMib: mib(before), perDraftMib: mib(loaded - before) / draftIds.length, afterMib: mib(after) }
}

export const memory: Scenario = {
  name: 'memory',
  async run(ctx: ScenarioContext): Promise<Row[]> {
    const count = ctx.quick ? 2 : 4
    ctx.log(`memory: seeding ${count + 1} drafts of ${CLAUSES} clauses / ${WORDS.toLocaleString('en')} words`)
    const drafts = Array.from({ length: count + 1 }, (_, i) => generateClauses(CLAUSES, WORDS, 500 + i))
    const pair = await startPair(ctx.processes, drafts, count + 1, true)
    try {
      const [warm, ...measured] = pair.drafts.map((d) => d.id)
      const targets = [pair.ours, pair.hocuspocus].filter((t): t is Target => t !== null)
      const results = new Map<string, Memory>()
      for (const target of targets) {
        const m = await measure(target, warm ?? '', measured)
        ctx.log(`memory: ${target.kind}: ${m.beforeMib.toFixed(1)} MiB before, +${m.perDraftMib.toFixed(1)} MiB per draft loaded, ${m.afterMib.toFixed(1)} MiB after unloading`)
        results.set(target.kind, m)
      }
      const ours = results.get('ours')
      const hp = results.get('hocuspocus')
      if (!ours) return []
      const overPct = (m: Memory) => ((m.afterMib - m.beforeMib) / m.beforeMib) * 100
      const row = (key: string, label: string, unit: string, pick: (m: Memory) => number, target?: Row['target']): Row => ({
        label: `memory: ${label}`,
        unit,
        ours: { name: `memory.${key}.ours`, value: pick(ours) },
        ...(hp ? { hocuspocus: { name: `memory.${key}.hocuspocus`, value: pick(hp) } } : {}),
        ...(target ? { target } : {}),
      })
      return [
        row('before_mib', 'server RSS before (one draft loaded and unloaded)', 'MiB', (m) => m.beforeMib),
        row('per_draft_mib', `RSS per loaded ${CLAUSES}-clause draft (${count} loaded)`, 'MiB', (m) => m.perDraftMib),
        row('after_unload_pct', 'RSS after they unload, above before', '%', overPct, { on: 'ours', op: '<=', value: 10 }),
      ]
    } finally {
      await pair.stop()
    }
  },
}
