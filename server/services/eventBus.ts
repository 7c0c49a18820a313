import type { Logger } from 'pino'
import type { HistoryEvent } from '../../shared/threadsApi'
import { BusKind, type BusHandler, type RedisBus, eventsChannel } from '../collaboration/redisBus'

type Listener = (event: HistoryEvent) => void

/**
 * Per-draft live events for the browser's event stream. With Redis, each event is also published on
 * `provisio:events:<draftId>`, and the events peer processes publish there reach this process's
 * listeners (delivered locally only, never published again).
 */
export class DraftEventBus {
  private readonly listeners = new Map<string, Set<Listener>>()
  /** Per draft with listeners: the Redis handler and the subscription in progress. */
  private readonly remote = new Map<string, { handler: BusHandler; subscribed: Promise<void> }>()
  /** Told of every event this process publishes (not those of peers): the search index. */
  private readonly observers = new Set<(draftId: string, event: HistoryEvent) => void>()

  constructor(
    private readonly bus: RedisBus | null = null,
    private readonly log: Logger | null = null,
  ) {}

  subscribe(draftId: string, listener: Listener): () => void {
    let set = this.listeners.get(draftId)
    if (!set) {
      set = new Set()
      this.listeners.set(draftId, set)
      this.listenRemote(draftId)
    }
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0 && this.listeners.get(draftId) === set) {
        this.listeners.delete(draftId)
        this.stopRemote(draftId)
      }
    }
  }

  /** Resolves once events from peer processes reach this draft's listeners (at once without Redis). */
  async whenSubscribed(draftId: string): Promise<void> {
    await this.remote.get(draftId)?.subscribed
  }

  /** `observer` is called with every event this process publishes from now on. */
  observe(observer: (draftId: string, event: HistoryEvent) => void): void {
    this.observers.add(observer)
  }

  publish(draftId: string, event: HistoryEvent): void {
    this.deliver(draftId, event)
    for (const observer of this.observers) observer(draftId, event)
    this.bus?.publish(eventsChannel(draftId), BusKind.event, Buffer.from(JSON.stringify(event)))
  }

  listenerCount(draftId: string): number {
    return this.listeners.get(draftId)?.size ?? 0
  }

  private deliver(draftId: string, event: HistoryEvent): void {
    for (const listener of this.listeners.get(draftId) ?? []) listener(event)
  }

  private listenRemote(draftId: string): void {
    const bus = this.bus
    if (!bus) return
    const handler: BusHandler = (kind, payload) => {
      if (kind === BusKind.event) this.deliver(draftId, JSON.parse(Buffer.from(payload).toString('utf8')) as HistoryEvent)
    }
    const subscribed = bus.subscribe(eventsChannel(draftId), handler).catch((error: unknown) => {
      this.log?.warn({ err: error, draftId }, 'could not subscribe to live events of peer processes')
    })
    this.remote.set(draftId, { handler, subscribed })
  }

  private stopRemote(draftId: string): void {
    const entry = this.remote.get(draftId)
    if (!entry || !this.bus) return
    this.remote.delete(draftId)
    void this.bus.unsubscribe(eventsChannel(draftId), entry.handler)
  }
}
