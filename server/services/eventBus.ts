import type { HistoryEvent } from '../../shared/threadsApi'

type Listener = (event: HistoryEvent) => void

/** Per-draft live events for the browser's event stream (one per server; Redis later carries them across). */
export class DraftEventBus {
  private readonly listeners = new Map<string, Set<Listener>>()

  subscribe(draftId: string, listener: Listener): () => void {
    let set = this.listeners.get(draftId)
    if (!set) {
      set = new Set()
      this.listeners.set(draftId, set)
    }
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0) this.listeners.delete(draftId)
    }
  }

  publish(draftId: string, event: HistoryEvent): void {
    for (const listener of this.listeners.get(draftId) ?? []) listener(event)
  }

  listenerCount(draftId: string): number {
    return this.listeners.get(draftId)?.size ?? 0
  }
}
