/** What a process does when a peer process goes silent, and when it is heard from again. */
export interface PeerEvents {
  gone(peer: string): void
  back(peer: string): void
}

/**
 * Which peer processes are alive, judged from what they send (any message counts, heartbeats keep it
 * up when there is nothing else). A peer silent for longer than `limitMs` is gone until it is heard
 * from again: a busy peer taken for gone comes back by speaking; a killed one stays gone.
 */
export class PeerLiveness {
  private readonly lastHeard = new Map<string, number>()
  private readonly silent = new Set<string>()

  constructor(
    private readonly limitMs: number,
    private readonly events: PeerEvents,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A message from the peer. */
  heard(peer: string): void {
    this.lastHeard.set(peer, this.now())
    if (this.silent.delete(peer)) this.events.back(peer)
  }

  /** The peer said goodbye (it is stopping): gone now. */
  left(peer: string): void {
    const known = this.lastHeard.delete(peer)
    if (known && !this.silent.delete(peer)) this.events.gone(peer)
  }

  /** Declares gone every peer silent for too long; forgets those silent for a hundred times that. */
  sweep(): void {
    const now = this.now()
    for (const [peer, heard] of this.lastHeard) {
      const quiet = now - heard
      if (this.silent.has(peer)) {
        if (quiet > 100 * this.limitMs) {
          this.silent.delete(peer)
          this.lastHeard.delete(peer)
        }
      } else if (quiet > this.limitMs) {
        this.silent.add(peer)
        this.events.gone(peer)
      }
    }
  }
}
