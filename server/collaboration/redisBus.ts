import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { type PeerEvents, PeerLiveness } from './peerLiveness'

/** What a bus message carries; the first byte of every message. */
export const BusKind = {
  /** A Yjs update the sending process has already persisted. */
  update: 1,
  /** A y-protocols awareness update (presence of the sender's own clients). */
  awareness: 2,
  /** "Send me what I lack": the sender's state vector. */
  syncRequest: 3,
  /** An answer to a sync request: target process id, a diff, and optionally the answerer's state vector. */
  syncAnswer: 4,
  /** A live draft event (JSON). */
  event: 5,
  /** "I am alive" on the processes channel. */
  heartbeat: 6,
  /** "I am stopping" on the processes channel: forget my clients' presence now. */
  goodbye: 7,
} as const

export type BusHandler = (kind: number, payload: Uint8Array, from: Buffer) => void

export const PROCESS_ID_BYTES = 8
export const draftChannel = (draftId: string): string => `provisio:draft:${draftId}`
export const eventsChannel = (draftId: string): string => `provisio:events:${draftId}`
export const PROCESSES_CHANNEL = 'provisio:processes'
/** A peer silent for this many heartbeat intervals is taken for gone. */
const SILENT_INTERVALS = 3

/**
 * One per process: a publisher and a subscriber connection to Redis. Messages are binary:
 * kind byte + this process's random id + payload; a process ignores its own messages.
 * After the subscriber reconnects (and has re-subscribed), the `reconnected` listeners run so that
 * rooms can repair what pub/sub lost meanwhile.
 */
export class RedisBus {
  readonly processId: Buffer = randomBytes(PROCESS_ID_BYTES)
  private readonly pub: Redis
  private readonly sub: Redis
  private readonly handlers = new Map<string, Set<BusHandler>>()
  private readonly reconnectListeners = new Set<() => void>()
  private readyOnce = false
  private closed = false
  /** A failed publish is logged once per outage, not once per message. */
  private publishFailing = false
  private watching: { readonly timer: NodeJS.Timeout; readonly liveness: PeerLiveness } | null = null

  private constructor(
    url: string,
    private readonly log: Logger,
    retryMs: number,
  ) {
    // Retry forever (capped back-off): a Redis restart must not take the process down.
    const options = { lazyConnect: true, maxRetriesPerRequest: null, retryStrategy: (times: number) => Math.min(retryMs * times, 2000) }
    // No offline queue for publishing: what is published while Redis is away is repaired after the
    // reconnect (state vectors, the shared log), rather than piling up in memory meanwhile.
    this.pub = new Redis(url, { ...options, enableOfflineQueue: false, connectionName: 'provisio-pub' })
    this.sub = new Redis(url, { ...options, connectionName: 'provisio-sub' })
    for (const client of [this.pub, this.sub]) client.on('error', (error: unknown) => this.log.warn({ err: error }, 'redis connection error'))
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.deliver(channel.toString(), message))
    this.sub.on('ready', () => {
      if (!this.readyOnce) {
        this.readyOnce = true
        return
      }
      // ioredis has already written the re-subscriptions; a PING answered after them means they are in place.
      this.sub
        .ping()
        .then(() => {
          this.log.info('redis subscriber reconnected; repairing loaded drafts')
          for (const listener of this.reconnectListeners) listener()
        })
        .catch((error: unknown) => this.log.warn({ err: error }, 'redis ping after reconnect failed'))
    })
  }

  static async connect(url: string, log: Logger, retryMs = 50): Promise<RedisBus> {
    const bus = new RedisBus(url, log, retryMs)
    await Promise.all([bus.pub.connect(), bus.sub.connect()])
    return bus
  }

  /** Adds a handler for a channel, subscribing in Redis for the first one; resolves once subscribed. */
  async subscribe(channel: string, handler: BusHandler): Promise<void> {
    let set = this.handlers.get(channel)
    const first = !set
    if (!set) {
      set = new Set()
      this.handlers.set(channel, set)
    }
    set.add(handler)
    if (first) await this.sub.subscribe(channel)
  }

  /** Removes a handler; the last one for a channel unsubscribes in Redis. */
  async unsubscribe(channel: string, handler: BusHandler): Promise<void> {
    const set = this.handlers.get(channel)
    if (!set?.delete(handler) || set.size > 0) return
    this.handlers.delete(channel)
    if (!this.closed) await this.sub.unsubscribe(channel).catch(() => undefined)
  }

  publish(channel: string, kind: number, payload: Uint8Array): void {
    if (this.closed) return
    const message = Buffer.concat([Buffer.from([kind]), this.processId, payload])
    this.pub.publish(channel, message).then(
      () => {
        this.publishFailing = false
      },
      (error: unknown) => {
        if (!this.publishFailing) this.log.warn({ err: error, channel }, 'redis publish failed (further failures until it works again are not logged)')
        this.publishFailing = true
      },
    )
  }

  /**
   * Says every `intervalMs` that this process is alive, and judges its peers by what they send: a
   * peer that said goodbye, or was silent for 3 intervals (killed, or cut off from Redis), is gone;
   * one heard from again after that is back.
   */
  async watchPeers(intervalMs: number, events: PeerEvents): Promise<void> {
    if (this.watching) return
    const liveness = new PeerLiveness(SILENT_INTERVALS * intervalMs, events)
    const tick = () => {
      this.publish(PROCESSES_CHANNEL, BusKind.heartbeat, new Uint8Array(0))
      // After the I/O phase: messages that arrived while this process was busy are read first.
      setImmediate(() => liveness.sweep())
    }
    this.watching = { timer: setInterval(tick, intervalMs), liveness }
    this.watching.timer.unref()
    await this.subscribe(PROCESSES_CHANNEL, (kind, _payload, from) => {
      if (kind === BusKind.goodbye) liveness.left(from.toString('hex'))
    })
    this.publish(PROCESSES_CHANNEL, BusKind.heartbeat, new Uint8Array(0))
  }

  /** Runs `listener` after each reconnection of the subscriber; returns a function that removes it. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener)
    return () => this.reconnectListeners.delete(listener)
  }

  isFrom(from: Buffer): boolean {
    return from.equals(this.processId)
  }

  /** For tests: drops the subscriber connection as a Redis restart would; ioredis reconnects it. */
  dropSubscriber(): void {
    this.sub.disconnect(true)
  }

  private deliver(channel: string, message: Buffer): void {
    const set = this.handlers.get(channel)
    if (!set || message.length < 1 + PROCESS_ID_BYTES) return
    const kind = message[0] ?? 0
    const from = message.subarray(1, 1 + PROCESS_ID_BYTES)
    if (from.equals(this.processId)) return
    // Any message shows the sender alive (a goodbye is judged by its handler).
    if (kind !== BusKind.goodbye) this.watching?.liveness.heard(from.toString('hex'))
    const payload = new Uint8Array(message.buffer, message.byteOffset + 1 + PROCESS_ID_BYTES, message.length - 1 - PROCESS_ID_BYTES)
    for (const handler of set) {
      try {
        handler(kind, payload, Buffer.from(from))
      } catch (error) {
        this.log.warn({ err: error, channel, kind }, 'refused a message from a peer process')
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    if (this.watching) {
      clearInterval(this.watching.timer)
      this.publish(PROCESSES_CHANNEL, BusKind.goodbye, new Uint8Array(0))
    }
    this.closed = true
    await Promise.all([this.pub.quit().catch(() => undefined), this.sub.quit().catch(() => undefined)])
  }
}
