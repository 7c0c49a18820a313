import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Connection } from './Connection'
import { PresenceTooLargeError, presenceState, presenceUserId } from './presenceFields'
import { awarenessMessage } from './protocol'

interface Entry {
  clock: number
  /** The JSON text exactly as the client sent it ('null' once removed): relayed without re-encoding. */
  json: string
}

const MAX_STATE_CHARS = 16 * 1024
const MAX_DROPPED = 10_000

/** Bounds on what one room's presence may hold. */
export interface PresenceLimits {
  /** Largest state one connection may announce (as sent); beyond it the connection is closed (4417). */
  readonly presenceStateMaxBytes: number
  /** All of a room's states together; a new or grown state beyond it is not taken (nor relayed). */
  readonly roomPresenceMaxBytes: number
}

const DEFAULT_LIMITS: PresenceLimits = { presenceStateMaxBytes: 4 * 1024, roomPresenceMaxBytes: 256 * 1024 }

/**
 * A draft's presence (y-protocols awareness) on the server. Each connection may only speak for
 * its own client id (never one last held by another user); its `user` field is written from the
 * session; the room's total is bounded; changes are broadcast in batches, one message for all.
 */
export class RoomAwareness {
  private readonly states = new Map<number, Entry>()
  private readonly owners = new Map<number, Connection>()
  private readonly dirty = new Set<number>()
  /** Entries changed by peer processes: relayed to our connections, never published back. */
  private readonly remote = new Set<number>()
  /** Which peer process (hex id) last announced each remote entry: dropped together when it goes. */
  private readonly remoteOwners = new Map<number, string>()
  /** Clients removed with a gone peer, and the clock browsers removed them at (oldest first, bounded). */
  private readonly dropped = new Map<number, number>()
  /** The user each client id was last announced by (bounded): another user cannot take it over. */
  private readonly holders = new Map<number, string>()
  /** Characters of all states held (the room's presence budget). */
  private bytes = 0
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly batchMs: number,
    private readonly broadcast: (message: Uint8Array) => void,
    /** Receives each batch of our own connections' entries (an awareness update), e.g. for peer processes. */
    private readonly publish: ((update: Uint8Array) => void) | null = null,
    private readonly limits: PresenceLimits = DEFAULT_LIMITS,
  ) {}

  /**
   * Applies the entries of an awareness update that belong to the connection; throws on malformed
   * input. Returns a message for that connection alone, or null.
   */
  receive(conn: Connection, update: Uint8Array): Uint8Array | null {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    let reply: Uint8Array | null = null
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const sent = decoding.readVarString(decoder)
      if (!this.claim(conn, clientId)) continue // echoes of other clients' states, or forgeries
      if (sent.length > this.limits.presenceStateMaxBytes) throw new PresenceTooLargeError('presence state too large')
      const json = presenceState(JSON.parse(sent), conn.user)
      const dropped = this.states.has(clientId) ? undefined : this.dropped.get(clientId)
      // Back after its process went: its own removal at that clock makes the client (y-protocols)
      // re-announce itself above it, so its clock and ours agree again.
      if (dropped !== undefined && json !== 'null') reply = awarenessMessage(encodeEntries([[clientId, dropped, 'null']]))
      // A client that moved here from a peer process may repeat the state we have from that peer:
      // announce it as ours anyway, so that peers stop counting it as the other process's.
      const wasRemote = this.remote.has(clientId)
      if (this.apply(clientId, clock, json) || wasRemote) {
        this.remote.delete(clientId)
        this.remoteOwners.delete(clientId)
        this.markDirty(clientId)
      }
    }
    return reply
  }

  /**
   * Applies a peer process's batch: its own clients' entries (that process checked ownership), so no
   * per-connection check here; relayed to our connections with the next batch, never published again.
   */
  receiveRemote(update: Uint8Array, peer: string): void {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const json = decoding.readVarString(decoder)
      if (this.owners.has(clientId)) continue // one of our own connections speaks for it
      const changed = this.apply(clientId, clock, json)
      if (this.states.get(clientId)?.json === 'null') this.remoteOwners.delete(clientId)
      else if (changed || this.remote.has(clientId)) this.remoteOwners.set(clientId, peer)
      if (changed) {
        this.remote.add(clientId)
        this.markDirty(clientId)
      }
    }
  }

  /**
   * Forgets the clients a peer process spoke for (it stopped or was killed): they are removed for our
   * connections with the clock they had; the same client announcing itself again, from anywhere, is
   * taken at once and relayed with a clock above it.
   */
  dropPeer(peer: string): void {
    for (const [clientId, owner] of this.remoteOwners) {
      if (owner !== peer) continue
      this.remoteOwners.delete(clientId)
      const entry = this.states.get(clientId)
      if (!entry || entry.json === 'null') continue
      this.setState(clientId, { clock: entry.clock, json: 'null' })
      this.dropped.set(clientId, entry.clock)
      if (this.dropped.size > MAX_DROPPED) this.dropped.delete(this.dropped.keys().next().value ?? clientId)
      this.markDirty(clientId)
    }
  }

  /** The entries of our own connections (an awareness update), or null: for a peer that asks. */
  encodeOwn(): Uint8Array | null {
    const ids = [...this.states.keys()].filter((id) => !this.remote.has(id) && this.states.get(id)?.json !== 'null')
    return ids.length === 0 ? null : this.encode(ids)
  }

  /** Validates an entry and stores it if it is newer; true when it changed. */
  private apply(clientId: number, clock: number, json: string): boolean {
    if (json.length > MAX_STATE_CHARS) throw new RangeError('awareness state too large')
    const parsed: unknown = JSON.parse(json)
    if (typeof parsed !== 'object') throw new TypeError('awareness state must be an object or null')
    const current = this.states.get(clientId)
    const growth = json.length - (current?.json.length ?? 0)
    if (json !== 'null' && growth > 0 && this.bytes + growth > this.limits.roomPresenceMaxBytes) return false
    const holder = presenceUserId(json)
    if (holder) this.remember(clientId, holder)
    const dropped = current ? undefined : this.dropped.get(clientId)
    if (dropped !== undefined) {
      // Back after its process went: browsers removed it at `dropped`, so relay it above that clock.
      this.dropped.delete(clientId)
      if (json === 'null') return false
      this.setState(clientId, { clock: Math.max(clock, dropped + 1), json })
      return true
    }
    const newer = !current || current.clock < clock || (current.clock === clock && json === 'null' && current.json !== 'null')
    if (!newer) return false
    this.setState(clientId, { clock, json })
    return true
  }

  /** Every known state, for a connection that just joined or asked (message type 3). */
  encodeAll(): Uint8Array | null {
    const ids = [...this.states.keys()].filter((id) => this.states.get(id)?.json !== 'null')
    return ids.length === 0 ? null : awarenessMessage(this.encode(ids))
  }

  /** Marks the connection's client as gone for everyone (as y-protocols does on disconnect). */
  remove(conn: Connection): void {
    const id = conn.clientId
    if (id === null || this.owners.get(id) !== conn) return
    this.owners.delete(id)
    const entry = this.states.get(id)
    if (entry && entry.json !== 'null') {
      this.setState(id, { clock: entry.clock + 1, json: 'null' })
      this.markDirty(id)
    } else if (!this.dirty.has(id)) {
      // Its removal already waits in the batch: keep the entry (and its clock) until that is sent.
      this.deleteState(id)
    }
  }

  /** Sends the pending batch now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.dirty.size === 0) return
    const ids = [...this.dirty]
    this.dirty.clear()
    const message = awarenessMessage(this.encode(ids))
    if (this.publish) {
      const own = ids.filter((id) => !this.remote.has(id))
      if (own.length > 0) this.publish(this.encode(own))
    }
    for (const id of ids) {
      if (this.states.get(id)?.json === 'null') {
        this.deleteState(id)
        this.remote.delete(id)
        this.remoteOwners.delete(id)
      }
    }
    this.broadcast(message)
  }

  get size(): number {
    return this.states.size
  }

  /** Characters of presence the room holds now (bounded by roomPresenceMaxBytes). */
  get heldBytes(): number {
    return this.bytes
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private claim(conn: Connection, clientId: number): boolean {
    if (conn.clientId === clientId) return true
    if (conn.clientId !== null || this.owners.has(clientId)) return false
    // A client id someone else announced stays theirs: taking it while they reconnect would lock them out.
    const holder = this.holders.get(clientId) ?? presenceUserId(this.states.get(clientId)?.json ?? 'null')
    if (holder !== null && holder !== conn.user.id) return false
    this.remember(clientId, conn.user.id)
    conn.clientId = clientId
    this.owners.set(clientId, conn)
    return true
  }

  private remember(clientId: number, userId: string): void {
    this.holders.delete(clientId)
    this.holders.set(clientId, userId)
    if (this.holders.size > MAX_DROPPED) this.holders.delete(this.holders.keys().next().value ?? clientId)
  }

  private setState(clientId: number, entry: Entry): void {
    this.bytes += entry.json.length - (this.states.get(clientId)?.json.length ?? 0)
    this.states.set(clientId, entry)
  }

  private deleteState(clientId: number): void {
    this.bytes -= this.states.get(clientId)?.json.length ?? 0
    this.states.delete(clientId)
  }

  private markDirty(clientId: number): void {
    this.dirty.add(clientId)
    this.timer ??= setTimeout(() => this.flush(), this.batchMs)
  }

  private encode(ids: readonly number[]): Uint8Array {
    return encodeEntries(
      ids.map((id) => {
        const entry = this.states.get(id) ?? { clock: 0, json: 'null' }
        return [id, entry.clock, entry.json]
      }),
    )
  }
}

/** An awareness update of [client id, clock, state JSON] entries (y-protocols' encoding). */
export function encodeEntries(entries: readonly (readonly [number, number, string])[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const [id, clock, json] of entries) {
    encoding.writeVarUint(encoder, id)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, json)
  }
  return encoding.toUint8Array(encoder)
}
