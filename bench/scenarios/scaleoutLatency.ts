import { cpuUs, paced, sleep, until } from '../lib/context'
import { nowUs, scanMarkers } from '../lib/marker'
import { RawClient, openClients } from '../lib/rawClient'
import type { Target } from '../lib/servers'
import { type Summary, summarize } from '../lib/stats'
import { Writer } from '../lib/writer'

/**
 * Fan-out latency with the clients of one draft spread over one or more processes (fanout.ts's
 * method): WRITERS real y-websocket providers type a timestamped word at RATE_HZ each, the other
 * clients (raw `ws`) record when each word arrives. Client i goes to process i mod P, writer k to
 * process k mod P, so with two processes each has one writer and half the receivers.
 *
 * Where a word was typed travels in its timestamp: a writer on process p sends a time ≡ p (mod P)
 * (at most P−1 µs early), so a receiver tells words typed on its own process from words that
 * crossed Redis without decoding the update.
 */
export const WRITERS = 2
export const RATE_HZ = 10

export interface LatencySide {
  readonly name: string
  readonly servers: readonly Target[]
  readonly n: number
  readonly receivers: RawClient[]
  readonly writers: { readonly writer: Writer; readonly server: number }[]
  readonly all: number[]
  /** Arrivals on another process than the writer's (only with several processes). */
  readonly cross: number[]
  recording: boolean
  cpuUs: number
  updates: number
}

/** A send time ≡ `server` (mod `servers`), at most servers−1 µs before now. */
function stamp(server: number, servers: number): number {
  const t = nowUs()
  return t - ((((t - server) % servers) + servers) % servers)
}

/** Opens the N clients of a side on `draftId`, spread over `servers`. */
export async function connectSide(name: string, servers: readonly Target[], draftId: string, n: number): Promise<LatencySide> {
  const count = servers.length
  const side: LatencySide = { name, servers, n, receivers: [], writers: [], all: [], cross: [], recording: false, cpuUs: 0, updates: 0 }
  const receiver = (i: number): RawClient => {
    const server = i % count
    return new RawClient(servers[server]?.url(draftId, i) ?? '', {
      onUpdate: (frame, at) => {
        if (!side.recording) return
        const arrivedUs = (performance.timeOrigin + at) * 1000
        scanMarkers(frame, (sentUs) => {
          const ms = (arrivedUs - sentUs) / 1000
          side.all.push(ms)
          if (sentUs % count !== server) side.cross.push(ms)
        })
      },
    })
  }
  side.receivers.push(...(await openClients(n - WRITERS, receiver)))
  for (let k = 0; k < WRITERS; k++) {
    const server = k % count
    const target = servers[server]
    if (!target) throw new Error('no server for a writer')
    side.writers.push({ writer: new Writer(target, draftId, n - WRITERS + k, k), server })
  }
  await Promise.all(side.writers.map((w) => w.writer.synced()))
  return side
}

export function typing(side: LatencySide, keystrokes: number): Promise<unknown> {
  const period = 1000 / RATE_HZ
  const count = side.servers.length
  return Promise.all(side.writers.map(({ writer, server }, k) => paced(keystrokes, period, (k * period) / WRITERS, () => writer.type(stamp(server, count)))))
}

async function cpuOf(servers: readonly Target[]) {
  return Promise.all(servers.map((s) => s.server.stats()))
}

/** One measured round: every process's CPU over it is summed. */
export async function latencyRound(side: LatencySide, seconds: number): Promise<void> {
  const keystrokes = Math.round(seconds * RATE_HZ)
  const expected = side.all.length + keystrokes * WRITERS * side.receivers.length
  const before = await cpuOf(side.servers)
  side.recording = true
  await typing(side, keystrokes)
  await until(() => side.all.length >= expected, 30_000, () => `${side.name}: arrivals at N=${side.n} (${side.all.length}/${expected})`)
  side.recording = false
  const after = await cpuOf(side.servers)
  side.cpuUs += after.reduce((sum, a, i) => sum + cpuUs(before[i] ?? a, a), 0)
  side.updates += keystrokes * WRITERS
  await sleep(100)
}

export function closeSide(side: LatencySide): void {
  for (const { writer } of side.writers) writer.destroy()
  for (const r of side.receivers) r.close()
}

export interface LatencyResult {
  readonly all: Summary
  readonly cross: Summary
  /** Server CPU (all processes of the side) per update per observer (N−1), µs. */
  readonly cpuUsPerUpdate: number
}

export function latencyResult(side: LatencySide): LatencyResult {
  return { all: summarize(side.all), cross: summarize(side.cross), cpuUsPerUpdate: side.cpuUs / (side.updates * (side.n - 1)) }
}
