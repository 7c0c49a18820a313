import { encodeEntries } from '../../server/collaboration/awareness'
import { awarenessMessage } from '../../server/collaboration/protocol'
import { cpuUs, paced, type Scenario, type ScenarioContext, sleep } from '../lib/context'
import { generateClauses } from '../lib/draftText'
import { RawClient, openClients } from '../lib/rawClient'
import type { Row } from '../lib/results'
import { type Target, startPair } from '../lib/servers'

/**
 * Presence: CLIENTS raw clients on one draft each publish their awareness state (name, State,
 * caret) once a second, spread evenly over the second; we read the server's CPU over the window.
 */
const CLIENTS = 200

const awarenessFrame = (clientId: number, clock: number, state: object): Uint8Array =>
  awarenessMessage(encodeEntries([[clientId, clock, JSON.stringify(state)]]))

interface Side {
  readonly target: Target
  readonly clients: RawClient[]
  readonly clocks: number[]
  cpuUs: number
  wallMs: number
  received: number
}

const CLIENT_ID_BASE = 1_000_000

async function connect(target: Target, draftId: string): Promise<Side> {
  const side: Side = { target, clients: [], clocks: Array.from({ length: CLIENTS }, () => 0), cpuUs: 0, wallMs: 0, received: 0 }
  side.clients.push(...(await openClients(CLIENTS, (i) => new RawClient(target.url(draftId, i), { onAwareness: () => { side.received++ } }))))
  return side
}

/** Client k publishes its state (a new clock each time); called for one client every 5 ms, so each once a second. */
function beat(side: Side, i: number): void {
  const k = i % CLIENTS
  const clock = (side.clocks[k] ?? 0) + 1
  side.clocks[k] = clock
  const state = {
    user: { name: `Delegate ${k}`, state: 'KEN', color: `#${((k * 2654435761) >>> 0).toString(16).padStart(8, '0').slice(-6)}` },
    cursor: { clause: `c${k % 20}`, anchor: i % 500, head: (i % 500) + 3 },
  }
  side.clients[k]?.send(awarenessFrame(CLIENT_ID_BASE + k, clock, state))
}

async function round(side: Side, seconds: number): Promise<void> {
  const period = 1000 / CLIENTS
  const before = await side.target.server.stats()
  const t0 = performance.now()
  await paced(CLIENTS * seconds, period, 0, (i) => beat(side, i))
  const after = await side.target.server.stats()
  side.wallMs += performance.now() - t0
  side.cpuUs += cpuUs(before, after)
}

export const presence: Scenario = {
  name: 'presence',
  async run(ctx: ScenarioContext): Promise<Row[]> {
    const rounds = ctx.quick ? 1 : 4
    const seconds = ctx.quick ? 3 : 5
    const pair = await startPair(ctx.processes, [generateClauses(20, 2000, 7)], CLIENTS)
    try {
      const draftId = pair.drafts[0]?.id ?? ''
      const sides = [await connect(pair.ours, draftId), await connect(pair.reference, draftId)]
      try {
        // Warm-up: every client announces itself once on each server.
        await Promise.all(sides.map((side) => paced(CLIENTS, 1000 / CLIENTS, 0, (i) => beat(side, i))))
        await sleep(300)
        for (let r = 0; r < rounds; r++) {
          for (const side of r % 2 === 0 ? sides : [...sides].reverse()) {
            ctx.log(`presence: ${side.target.kind}, round ${r + 1}/${rounds}…`)
            await round(side, seconds)
          }
        }
      } finally {
        for (const side of sides) for (const c of side.clients) c.close()
      }
      const [ours, ref] = sides.map((s) => ({ cpuPct: (s.cpuUs / 1000 / s.wallMs) * 100, received: s.received })) as [{ cpuPct: number; received: number }, { cpuPct: number; received: number }]
      ctx.log(`presence: ${ours.cpuPct.toFixed(1)}% / ${ref.cpuPct.toFixed(1)}% of a core (awareness messages received by the clients: ${ours.received} / ${ref.received})`)
      return [
        {
          label: `presence ${CLIENTS} clients at 1 Hz: server CPU`,
          unit: '% core',
          ours: { name: `presence.n${CLIENTS}.cpu_pct.ours`, value: ours.cpuPct },
          reference: { name: `presence.n${CLIENTS}.cpu_pct.reference`, value: ref.cpuPct },
          target: { on: 'ratio', op: '<=', value: 0.25 },
        },
      ]
    } finally {
      await pair.stop()
    }
  },
}
