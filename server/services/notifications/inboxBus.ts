import type { Logger } from 'pino'
import { BusKind, type BusHandler, type RedisBus } from '../../collaboration/redisBus'

type Listener = (unread: number) => void

const inboxChannel = (userId: string) => `provisio:inbox:${userId}`

/**
 * Tells a user's open inbox streams their new unread count, in this process and (through Redis,
 * `provisio:inbox:<userId>`) in every other; a process ignores its own messages, so it delivers locally too.
 */
export class InboxBus {
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly remote = new Map<string, { handler: BusHandler; subscribed: Promise<void> }>()

  constructor(
    private readonly bus: RedisBus | null,
    private readonly log: Logger,
  ) {}

  subscribe(userId: string, listener: Listener): () => void {
    let set = this.listeners.get(userId)
    if (!set) {
      set = new Set()
      this.listeners.set(userId, set)
      this.listenRemote(userId)
    }
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size > 0 || this.listeners.get(userId) !== set) return
      this.listeners.delete(userId)
      const entry = this.remote.get(userId)
      this.remote.delete(userId)
      if (entry && this.bus) void this.bus.unsubscribe(inboxChannel(userId), entry.handler)
    }
  }

  async whenSubscribed(userId: string): Promise<void> {
    await this.remote.get(userId)?.subscribed
  }

  publish(userId: string, unread: number): void {
    this.deliver(userId, unread)
    this.bus?.publish(inboxChannel(userId), BusKind.event, Buffer.from(JSON.stringify({ unread })))
  }

  private deliver(userId: string, unread: number): void {
    for (const listener of this.listeners.get(userId) ?? []) listener(unread)
  }

  private listenRemote(userId: string): void {
    const bus = this.bus
    if (!bus) return
    const handler: BusHandler = (kind, payload) => {
      if (kind !== BusKind.event) return
      const message = JSON.parse(Buffer.from(payload).toString('utf8')) as { unread: number }
      this.deliver(userId, message.unread)
    }
    const subscribed = bus.subscribe(inboxChannel(userId), handler).catch((error: unknown) => {
      this.log.warn({ err: error, userId }, 'could not subscribe to the inbox of peer processes')
    })
    this.remote.set(userId, { handler, subscribed })
  }
}
