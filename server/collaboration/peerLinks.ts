import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Logger } from 'pino'
import * as Y from 'yjs'
import { BusKind, type BusHandler, PROCESS_ID_BYTES, type RedisBus, draftChannel } from './redisBus'
import type { Room } from './Room'

// Peers coming back together (as after a Redis outage) share one repair round.
const REPAIR_DEBOUNCE_MS = 100

/**
 * The loaded rooms of this process linked to the same drafts in peer processes over Redis
 * (README, "Several processes"): updates and presence both ways, repairs by state vector, and the
 * presence of a peer that is gone taken away.
 */
export class PeerLinks {
  /** Per linked room: its handler on the draft's Redis channel. */
  private readonly links = new Map<Room, BusHandler>()
  private readonly stopRepairs: () => void
  private repairAllSoon: NodeJS.Timeout | null = null

  constructor(
    private readonly bus: RedisBus,
    heartbeatMs: number,
    private readonly log: Logger,
  ) {
    // After a Redis reconnect, whatever pub/sub lost meanwhile is repaired for every loaded draft.
    this.stopRepairs = bus.onReconnect(() => this.repairAll())
    bus
      .watchPeers(heartbeatMs, {
        // The presence of a peer process's clients goes with that process (killed, or stopped).
        gone: (peer) => {
          this.log.info({ peer }, 'peer process gone; removing its clients from presence')
          for (const room of this.links.keys()) room.dropPeer(peer)
        },
        // Only busy after all: a repair round has every peer announce its presence again.
        back: (peer) => {
          this.log.info({ peer }, 'peer process back')
          this.repairAllSoon ??= setTimeout(() => {
            this.repairAllSoon = null
            this.repairAll()
          }, REPAIR_DEBOUNCE_MS)
        },
      })
      .catch((error: unknown) => this.log.error({ err: error }, 'could not watch peer processes'))
  }

  /**
   * Joins a loaded room to its peers in other processes: our persisted updates and our clients'
   * presence go out on `provisio:draft:<id>`, theirs come in; then a repair (below).
   */
  async link(room: Room): Promise<void> {
    const bus = this.bus
    const channel = draftChannel(room.draftId)
    const handler: BusHandler = (kind, payload, from) => this.fromPeer(room, kind, payload, from)
    room.attachPeers({
      update: (update) => bus.publish(channel, BusKind.update, update),
      awareness: (update) => bus.publish(channel, BusKind.awareness, update),
    })
    this.links.set(room, handler)
    await bus.subscribe(channel, handler)
    this.repair(room)
  }

  async unlink(room: Room): Promise<void> {
    const handler = this.links.get(room)
    if (!handler) return
    this.links.delete(room)
    await this.bus.unsubscribe(draftChannel(room.draftId), handler)
  }

  close(): void {
    if (this.repairAllSoon) clearTimeout(this.repairAllSoon)
    this.stopRepairs()
  }

  private repairAll(): void {
    for (const room of this.links.keys()) this.repair(room)
  }

  /**
   * Repairs what pub/sub may have lost: updates published by peers between our load and our
   * subscription, or while the Redis connection was down. Peers that have the draft loaded answer our
   * state vector with what we lack (and we answer theirs, so both sides heal); updates of peers that
   * have since unloaded the draft are read back from the shared log. Yjs ignores what we already have.
   */
  private repair(room: Room): void {
    if (!room.isLoaded) return
    this.bus.publish(draftChannel(room.draftId), BusKind.syncRequest, Y.encodeStateVector(room.doc))
    this.announcePresence(room)
    room.catchUpFromStorage().catch((error: unknown) => this.log.warn({ err: error, draftId: room.draftId }, 'could not read the shared log'))
  }

  private fromPeer(room: Room, kind: number, payload: Uint8Array, from: Buffer): void {
    const bus = this.bus
    if (this.links.get(room) === undefined) return
    switch (kind) {
      case BusKind.update:
        room.applyRemoteUpdate(payload)
        return
      case BusKind.awareness:
        room.applyRemoteAwareness(payload, from.toString('hex'))
        return
      case BusKind.syncRequest: {
        Y.decodeStateVector(payload)
        const stateVector = payload.slice()
        // A peer that has just loaded the draft (or reconnected) learns who is here at once.
        this.announcePresence(room)
        void room
          .diffFor(stateVector)
          .then((diff) => this.answer(room, from, diff, Y.encodeStateVector(room.doc)))
          .catch((error: unknown) => this.log.warn({ err: error, draftId: room.draftId }, 'could not answer a peer'))
        return
      }
      case BusKind.syncAnswer: {
        const decoder = decoding.createDecoder(payload)
        const target = decoding.readUint8Array(decoder, PROCESS_ID_BYTES)
        if (!bus.isFrom(Buffer.from(target))) return
        const diff = decoding.readVarUint8Array(decoder)
        const theirs = decoding.readVarUint8Array(decoder)
        room.applyRemoteUpdate(diff)
        // The answerer's state vector: send back what it lacks (once; that answer carries none).
        if (theirs.length > 0) {
          Y.decodeStateVector(theirs)
          const stateVector = theirs.slice()
          void room
            .diffFor(stateVector)
            .then((back) => this.answer(room, from, back, new Uint8Array(0)))
            .catch((error: unknown) => this.log.warn({ err: error, draftId: room.draftId }, 'could not answer a peer'))
        }
        return
      }
      default:
        this.log.warn({ draftId: room.draftId, kind }, 'unknown message from a peer process')
    }
  }

  /** Publishes the presence of our own connections to a draft's peers. */
  private announcePresence(room: Room): void {
    const own = room.ownAwareness()
    if (own) this.bus.publish(draftChannel(room.draftId), BusKind.awareness, own)
  }

  private answer(room: Room, to: Buffer, diff: Uint8Array, stateVector: Uint8Array): void {
    if (!this.links.has(room)) return
    const encoder = encoding.createEncoder()
    encoding.writeUint8Array(encoder, to)
    encoding.writeVarUint8Array(encoder, diff)
    encoding.writeVarUint8Array(encoder, stateVector)
    this.bus.publish(draftChannel(room.draftId), BusKind.syncAnswer, encoding.toUint8Array(encoder))
  }
}
