import WebSocket from 'ws'

/**
 * A headless y-websocket client on raw `ws` (no Y.Doc): it speaks the sync protocol as an empty
 * document would (sends sync step 1, answers the server's step 1 with an empty step 2) and hands
 * every frame to the scenario untouched. The load generator uses it where a real Y.Doc per client
 * would only measure the load generator: receivers, joiners, presence clients, durable writers.
 */
export interface RawClientHandlers {
  /** A sync update (message 0/2) arrived; `at` is performance.now() on arrival. */
  onUpdate?(frame: Buffer, at: number): void
  /** An awareness message (type 1) arrived. */
  onAwareness?(frame: Buffer, at: number): void
}

// [messageSync, syncStep1, varUint8Array(stateVector of an empty doc = [0])]
const SYNC_STEP1_EMPTY = Buffer.from([0, 0, 1, 0])
// [messageSync, syncStep2, varUint8Array(an empty update = [0, 0])]
const SYNC_STEP2_EMPTY = Buffer.from([0, 1, 2, 0, 0])
const CONNECT_TIMEOUT_MS = 60_000

export class RawClient {
  readonly ws: WebSocket
  /** Resolves with performance.now() when the server's sync step 2 (the whole document) has arrived. */
  readonly synced: Promise<number>
  readonly opened: Promise<void>
  closed = false

  constructor(url: string, handlers: RawClientHandlers = {}) {
    this.ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: CONNECT_TIMEOUT_MS })
    let markSynced: (at: number) => void = () => undefined
    let fail: (error: Error) => void = () => undefined
    this.synced = new Promise<number>((resolve, reject) => {
      markSynced = resolve
      fail = reject
    })
    this.synced.catch(() => undefined)
    this.opened = new Promise<void>((resolve, reject) => {
      this.ws.once('open', () => resolve())
      this.ws.once('error', reject)
    })
    this.opened.catch(() => undefined)
    this.ws.on('error', (error) => fail(error))
    this.ws.on('close', (code) => {
      this.closed = true
      fail(new Error(`closed (${code}) before syncing`))
    })
    this.ws.on('open', () => this.ws.send(SYNC_STEP1_EMPTY))
    this.ws.on('message', (data: Buffer) => {
      const at = performance.now()
      if (data[0] === 0) {
        if (data[1] === 2) handlers.onUpdate?.(data, at)
        else if (data[1] === 1) markSynced(at)
        else if (data[1] === 0) this.ws.send(SYNC_STEP2_EMPTY)
      } else if (data[0] === 1) handlers.onAwareness?.(data, at)
    })
  }

  send(frame: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame)
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate()
  }
}

/** Opens `count` clients at most `concurrency` handshakes at a time (a join storm opens them all at once instead). */
export async function openClients<C extends { readonly synced: Promise<number> }>(count: number, make: (i: number) => C, concurrency = 50): Promise<C[]> {
  const clients: C[] = []
  for (let start = 0; start < count; start += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - start) }, (_, k) => make(start + k))
    clients.push(...batch)
    await Promise.all(batch.map((c) => c.synced))
  }
  return clients
}
