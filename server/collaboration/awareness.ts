import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Connection } from './Connection'
import { awarenessMessage } from './protocol'

interface Entry {
  clock: number
  /** The JSON text exactly as the client sent it ('null' once removed): relayed without re-encoding. */
  json: string
}

const MAX_STATE_CHARS = 16 * 1024

/**
 * A draft's presence (y-protocols awareness) on the server. Each connection may only speak for
 * its own client id; changes are broadcast in batches, one encoded message for all connections.
 */
export class RoomAwareness {
  private readonly states = new Map<number, Entry>()
  private readonly owners = new Map<number, Connection>()
  private readonly dirty = new Set<number>()
  /** Entries changed by peer processes: relayed to our connections, never published back. */
  private readonly remote = new Set<number>()
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly batchMs: number,
    private readonly broadcast: (message: Uint8Array) => void,
    /** Receives each batch of our own connections' entries (an awareness update), e.g. for peer processes. */
    private readonly publish: ((update: Uint8Array) => void) | null = null,
  ) {}

  /** Applies the entries of an awareness update that belong to the connection; throws on malformed input. */
  receive(conn: Connection, update: Uint8Array): void {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const json = decoding.readVarString(decoder)
      if (!this.claim(conn, clientId)) continue // echoes of other clients' states, or forgeries
      if (this.apply(clientId, clock, json)) {
        this.remote.delete(clientId)
        this.markDirty(clientId)
      }
    }
  }

  /**
   * Applies a peer process's batch: its own clients' entries (that process checked ownership), so no
   * per-connection check here; relayed to our connections with the next batch, never published again.
   */
  receiveRemote(update: Uint8Array): void {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const json = decoding.readVarString(decoder)
      if (this.owners.has(clientId)) continue // one of our own connections speaks for it
      if (this.apply(clientId, clock, json)) {
        this.remote.add(clientId)
        this.markDirty(clientId)
      }
    }
  }

  /** Validates an entry and stores it if it is newer; true when it changed. */
  private apply(clientId: number, clock: number, json: string): boolean {
    if (json.length > MAX_STATE_CHARS) throw new RangeError('awareness state too large')
    const parsed: unknown = JSON.parse(json)
    if (typeof parsed !== 'object') throw new TypeError('awareness state must be an object or null')
    const current = this.states.get(clientId)
    const newer = !current || current.clock < clock || (current.clock === clock && json === 'null' && current.json !== 'null')
    if (!newer) return false
    this.states.set(clientId, { clock, json })
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
      this.states.set(id, { clock: entry.clock + 1, json: 'null' })
      this.markDirty(id)
    } else if (!this.dirty.has(id)) {
      // Its removal already waits in the batch: keep the entry (and its clock) until that is sent.
      this.states.delete(id)
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
        this.states.delete(id)
        this.remote.delete(id)
      }
    }
    this.broadcast(message)
  }

  get size(): number {
    return this.states.size
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private claim(conn: Connection, clientId: number): boolean {
    if (conn.clientId === clientId) return true
    if (conn.clientId !== null || this.owners.has(clientId)) return false
    conn.clientId = clientId
    this.owners.set(clientId, conn)
    return true
  }

  private markDirty(clientId: number): void {
    this.dirty.add(clientId)
    this.timer ??= setTimeout(() => this.flush(), this.batchMs)
  }

  private encode(ids: readonly number[]): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, ids.length)
    for (const id of ids) {
      const entry = this.states.get(id) ?? { clock: 0, json: 'null' }
      encoding.writeVarUint(encoder, id)
      encoding.writeVarUint(encoder, entry.clock)
      encoding.writeVarString(encoder, entry.json)
    }
    return encoding.toUint8Array(encoder)
  }
}
