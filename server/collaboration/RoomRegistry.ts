import type { Logger } from 'pino'
import type { ClauseHistorySink } from './clauseChanges'
import type { PeerLinks } from './peerLinks'
import { draftFormatInspector } from './draftFormatInspector'
import { Room, type RoomOptions, type RoomStorage, type SocketLimits } from './Room'

// A draft loaded to answer a request stays loaded this long: the editor's websocket and the
// panels' requests that follow an opening then share one load.
const READ_GRACE_MS = 2_000

/**
 * The loaded rooms of this process: one per draft, loaded once for every caller (connections and
 * server-side readers share a load in progress), held by its connections and leases, and unloaded
 * (flushed, compacted, unlinked from peers) when neither is left.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>()
  private readonly unloading = new Map<string, Promise<void>>()
  /** Server-side users of each room (e.g. applying a proposal): it stays loaded while it has any. */
  private readonly leases = new Map<Room, number>()

  constructor(
    private readonly storage: RoomStorage,
    private readonly options: RoomOptions,
    private readonly log: Logger,
    /** The rooms' links to peer processes over Redis; null: this process is alone. */
    private readonly peers: PeerLinks | null,
    /** Told once per load of a draft whose stored log is beyond the limits (it opened read-only). */
    private readonly onDamaged: (room: Room) => Promise<void>,
    /** Where each room reports who changed which clause (the per-clause history); null: not kept. */
    private readonly history: ClauseHistorySink | null = null,
  ) {}

  /** The socket caps the endpoint applies (configuration). */
  get socketLimits(): SocketLimits {
    return this.options
  }

  /** The loaded rooms (not those being unloaded). */
  loaded(): IterableIterator<Room> {
    return this.rooms.values()
  }

  /** The registered room of a draft, loaded or loading, or undefined. */
  get(draftId: string): Room | undefined {
    return this.rooms.get(draftId)
  }

  /** The loaded room for a draft, registered at the time it resolves (never one being unloaded). */
  async open(draftId: string): Promise<Room> {
    let room: Room
    // Re-check after the await: the room must still be the registered one, not one being unloaded.
    do room = await this.load(draftId)
    while (this.rooms.get(draftId) !== room)
    return room
  }

  /** The loaded room for a draft, waiting for an unload in progress to finish first. */
  private async load(draftId: string): Promise<Room> {
    for (;;) {
      const pendingUnload = this.unloading.get(draftId)
      if (pendingUnload) await pendingUnload
      const existing = this.rooms.get(draftId)
      if (existing && !existing.isFailed) {
        // Another caller may still be loading it: share that load (its failure is theirs to clean up).
        await existing.ready
        return existing
      }
      if (existing) this.rooms.delete(draftId)
      if (!this.unloading.has(draftId)) break
    }
    const room = new Room(draftId, this.storage, this.options, this.log, [draftFormatInspector()], this.history)
    this.rooms.set(draftId, room)
    try {
      await room.ready
      if (room.damage) await this.onDamaged(room)
      await this.peers?.link(room)
    } catch (error) {
      if (this.rooms.get(draftId) === room) this.rooms.delete(draftId)
      await this.peers?.unlink(room)
      room.destroy()
      throw error
    }
    return room
  }

  /** The loaded room of a draft, held loaded until `release`. */
  async lease(draftId: string): Promise<Room> {
    const room = await this.open(draftId)
    this.leases.set(room, (this.leases.get(room) ?? 0) + 1)
    return room
  }

  /** Gives a lease back, now or (`afterGrace`) a moment later for the next request. */
  release(room: Room, afterGrace = false): void {
    const give = () => {
      const left = (this.leases.get(room) ?? 1) - 1
      if (left > 0) this.leases.set(room, left)
      else this.leases.delete(room)
      this.unloadIfIdle(room)
    }
    if (afterGrace) setTimeout(give, READ_GRACE_MS).unref()
    else give()
  }

  /** Unloads the room if it has no connection and no lease left. */
  unloadIfIdle(room: Room): void {
    if (room.connections.size === 0 && !this.leases.has(room) && this.rooms.get(room.draftId) === room) void this.unload(room)
  }

  /** Saves the draft's state as one snapshot and frees its memory. */
  private unload(room: Room): Promise<void> {
    this.rooms.delete(room.draftId)
    const done = room
      .flushAndCompact()
      .catch((error: unknown) => this.log.error({ err: error, draftId: room.draftId }, 'could not save draft on unload'))
      .finally(async () => {
        await this.peers?.unlink(room).catch(() => undefined)
        room.destroy()
        if (this.unloading.get(room.draftId) === done) this.unloading.delete(room.draftId)
      })
    this.unloading.set(room.draftId, done)
    return done
  }

  /** How many drafts are in memory (loaded or being saved). */
  get inMemory(): number {
    // A room being unloaded is still in memory until its state is saved.
    return this.rooms.size + this.unloading.size
  }

  /** Unloads (saves) every room, and waits for the unloads already under way. */
  async unloadAll(): Promise<void> {
    const rooms = [...this.rooms.values()]
    await Promise.all([...rooms.map((room) => this.unload(room)), ...this.unloading.values()])
  }
}
