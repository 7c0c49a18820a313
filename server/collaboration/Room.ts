import * as decoding from 'lib0/decoding'
import type { Logger } from 'pino'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { CloseCode, type CloseCodeValue, closeReason } from '../../shared/closeCodes'
import type { Storage } from '../storage/Storage'
import { RoomAwareness } from './awareness'
import type { Connection } from './Connection'
import { frameBinary, sendFramed } from './frames'
import { MessageType, SyncType, UnknownMessageError, syncStep1Message, syncStep2Message, updateMessage } from './protocol'
import { Pacer } from './pacer'
import { DraftDamagedError, type LoadDamage, loadWithinLimits } from './roomLoad'
import { countItems, measureUpdate } from './updateCost'
import { type CostLimits, type Inspection, UpdateGuard } from './updateGuard'

export interface RoomOptions extends CostLimits {
  readonly compactAfterUpdates: number
  readonly compactAfterBytes: number
  readonly awarenessBatchMs: number
  readonly sendBufferLimitBytes: number
}

/** Origin of changes the server makes to a document itself. */
export const SERVER_ORIGIN = Symbol('provisio-server')

/** Origin of changes another process has already persisted (pub/sub, repair): broadcast, never stored again. */
export const REMOTE_ORIGIN = Symbol('provisio-remote')

/** Where a room sends what peer processes need (see RedisBus); null in a single process. */
export interface RoomPeers {
  /** One of this process's updates, once persisted. */
  update(update: Uint8Array): void
  /** A batch of presence entries of this process's own connections (a y-protocols awareness update). */
  awareness(update: Uint8Array): void
}

// An encoded state vector with no entries: a client that has nothing yet.
const isEmptyStateVector = (sv: Uint8Array): boolean => sv.length === 1 && sv[0] === 0

/** At most this many updates are merged into one stored row and one broadcast (merging grows faster than linearly). */
const MAX_BATCH = 256

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

interface PendingUpdate {
  readonly update: Uint8Array
  readonly from: Connection | null
}

/**
 * One loaded draft: its Y.Doc, its connections and its presence. Every document change is
 * persisted before it is broadcast or served to a joiner; persistence runs in one ordered chain.
 */
export class Room {
  readonly doc = new Y.Doc()
  readonly connections = new Set<Connection>()
  /** Server-side users of the document (e.g. applying a proposal): the room stays loaded while > 0. */
  leases = 0
  readonly ready: Promise<void>
  private readonly awareness: RoomAwareness
  /** The inspection point: every client update is measured (and may be refused) before it is applied. */
  readonly guard: UpdateGuard
  private readonly pacer = new Pacer()
  /** Set when the stored draft could not be loaded within the limits: read-only for everyone, never compacted. */
  damage: LoadDamage | null = null
  /** The persistence chain: appends and compactions, in order. */
  private tail: Promise<void> = Promise.resolve()
  private loaded = false
  private failed = false
  private lastUpdateId = 0
  /** Every stored update with an id ≤ this is in `doc` (from the load, or the last compaction's catch-up). */
  private syncedThroughId = 0
  /** Set by the collaboration service when other processes share the draft (Redis). */
  peers: RoomPeers | null = null
  private logCount = 0
  private logBytes = 0
  /** Sync step 2 for a joiner with an empty document, reused until the document changes. */
  private fullStateMessage: Uint8Array | null = null
  /** Applied updates waiting for the next persistence step of the chain. */
  private pending: PendingUpdate[] = []

  constructor(
    readonly draftId: string,
    private readonly storage: Storage,
    private readonly options: RoomOptions,
    private readonly log: Logger,
  ) {
    this.guard = new UpdateGuard(options)
    this.awareness = new RoomAwareness(
      options.awarenessBatchMs,
      (message) => this.broadcast(message, null),
      (update) => this.peers?.awareness(update),
    )
    this.ready = this.load()
    this.ready.catch(() => undefined) // observed by whoever awaits it; avoid an unhandled rejection here
  }

  get isLoaded(): boolean {
    return this.loaded
  }

  get isFailed(): boolean {
    return this.failed
  }

  private async load(): Promise<void> {
    const stored = await this.storage.loadDoc(this.draftId)
    this.damage = await loadWithinLimits(this.draftId, this.doc, stored, this.guard, this.storage)
    this.lastUpdateId = stored.lastUpdateId
    this.syncedThroughId = stored.lastUpdateId
    this.logCount = stored.updates.length
    this.logBytes = stored.updates.reduce((sum, u) => sum + u.byteLength, 0)
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin))
    this.loaded = true
  }

  /** Adds a connection to the loaded room: our sync step 1, then everyone's presence. */
  addConnection(conn: Connection): void {
    if (!this.loaded) throw new Error('addConnection before the room has loaded')
    if (this.damage) conn.readOnly = true
    this.connections.add(conn)
    this.send(conn, syncStep1Message(Y.encodeStateVector(this.doc)))
    const presence = this.awareness.encodeAll()
    if (presence) this.send(conn, presence)
  }

  /** Handles one frame; anything malformed closes this connection only. */
  receive(conn: Connection, frame: Uint8Array): void {
    if (!this.connections.has(conn)) return
    try {
      this.dispatch(conn, frame)
    } catch (error) {
      const code = error instanceof UnknownMessageError ? CloseCode.UNKNOWN_MESSAGE_TYPE : CloseCode.MALFORMED_MESSAGE
      this.log.warn({ draftId: this.draftId, user: conn.user.username, err: error }, 'refused a websocket message')
      this.close(conn, code)
    }
  }

  private dispatch(conn: Connection, frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MessageType.sync: {
        const subType = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        if (subType === SyncType.step1) {
          Y.decodeStateVector(payload) // validate now: the answer may be sent later
          this.answerSyncStep1(conn, payload)
        } else if (subType === SyncType.step2 || subType === SyncType.update) {
          // Read-only: never applied, stored or broadcast.
          if (!conn.readOnly) {
            // Measured whole first (which also validates it: Yjs integrates structs before it reads
            // the delete set, so a damaged tail would leave half an update in everyone's document).
            const verdict = this.guard.inspect(conn, payload, this.doc)
            if (!verdict.ok) return this.refuse(conn, verdict)
            Y.applyUpdate(this.doc, payload, conn)
            this.guard.admit(verdict.cost)
          }
        } else {
          throw new UnknownMessageError(`sync/${subType}`)
        }
        return
      }
      case MessageType.awareness: {
        const reply = this.awareness.receive(conn, decoding.readVarUint8Array(decoder))
        if (reply) this.send(conn, reply)
        return
      }
      case MessageType.queryAwareness: {
        const presence = this.awareness.encodeAll()
        if (presence) this.send(conn, presence)
        return
      }
      default:
        throw new UnknownMessageError(String(type))
    }
  }

  /** An update beyond the limits: nothing of it was applied; its connection is closed with the code. */
  private refuse(conn: Connection, verdict: Extract<Inspection, { ok: false }>): void {
    this.log.warn({ draftId: this.draftId, user: conn.user.username, code: verdict.code, reason: verdict.reason }, 'refused a costly update')
    this.close(conn, verdict.code)
  }

  /** Answers a client's state vector once everything already applied has been persisted. */
  private answerSyncStep1(conn: Connection, stateVector: Uint8Array): void {
    // Paced: a join storm on a large draft must not encode every joiner's answer in one run of
    // microtasks while other requests wait.
    this.tail = this.tail.then(() => this.pacer.slice()).then(() => {
      if (!this.connections.has(conn)) return
      if (isEmptyStateVector(stateVector)) {
        this.fullStateMessage ??= syncStep2Message(Y.encodeStateAsUpdate(this.doc))
        this.send(conn, this.fullStateMessage)
      } else {
        this.send(conn, syncStep2Message(Y.encodeStateAsUpdate(this.doc, stateVector)))
      }
    })
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    this.fullStateMessage = null
    if (origin === REMOTE_ORIGIN) {
      // Already persisted by the process it came from: straight to our connections.
      this.broadcast(updateMessage(update), null)
      return
    }
    const from = origin && typeof origin === 'object' && this.connections.has(origin as Connection) ? (origin as Connection) : null
    this.pending.push({ update, from })
    if (this.pending.length > 1) return // the persistence step already chained takes this one too
    // Chained now, so a joiner's answer queued after this update waits for it to be stored; run one
    // event-loop turn later, so that updates read from every socket in this turn share one write
    // (one fsync) and one broadcast: group commit under load, no added wait when idle.
    this.tail = this.tail
      .then(nextTurn)
      .then(() => this.persistPending())
      .catch((error: unknown) => this.fail(error))
  }

  /** Stores the pending updates as one merged update, then broadcasts it; chains a step for any left over. */
  private async persistPending(): Promise<void> {
    const batch = this.pending.splice(0, MAX_BATCH)
    if (this.pending.length > 0) this.tail = this.tail.then(() => this.persistPending()).catch((error: unknown) => this.fail(error))
    const first = batch[0]
    if (this.failed || !first) return
    const update = batch.length === 1 ? first.update : Y.mergeUpdates(batch.map((p) => p.update))
    // Persist before broadcast: a peer must never see an update we could lose.
    this.lastUpdateId = await this.storage.appendUpdate(this.draftId, update)
    this.logCount += 1
    this.logBytes += update.byteLength
    this.peers?.update(update)
    // A batch from several connections goes to all of them: Yjs ignores what a client already has.
    const from = batch.every((p) => p.from === first.from) ? first.from : null
    this.broadcast(updateMessage(update), from)
    if (this.logCount >= this.options.compactAfterUpdates || this.logBytes >= this.options.compactAfterBytes) {
      await this.compactNow()
    }
  }

  private async compactNow(): Promise<void> {
    // A damaged draft keeps its log as stored: `draft repair` decides what to drop.
    if (this.logCount === 0 || this.damage) return
    if (!this.peers) {
      const snapshot = Y.encodeStateAsUpdate(this.doc)
      await this.storage.compact(this.draftId, snapshot, this.lastUpdateId)
      this.syncedThroughId = this.lastUpdateId
      this.measured(snapshot.byteLength)
    } else {
      // Other processes append to the same log: one compaction at a time (a PostgreSQL advisory
      // lock; a process that does not get it leaves the work to the holder), with no append in
      // flight. First catch up with every update still in the log (a peer's update still on its
      // way, or lost by pub/sub), so the snapshot folds every update it deletes.
      await this.storage.withCompactionLock(this.draftId, async () => {
        const since = await this.storage.loadDocSince(this.draftId, this.syncedThroughId, { everyUpdate: true })
        Y.transact(
          this.doc,
          () => {
            if (since.snapshot) Y.applyUpdate(this.doc, since.snapshot)
            for (const update of since.updates) Y.applyUpdate(this.doc, update)
          },
          REMOTE_ORIGIN,
        )
        const through = Math.max(since.lastUpdateId, this.syncedThroughId)
        const snapshot = Y.encodeStateAsUpdate(this.doc)
        await this.storage.compact(this.draftId, snapshot, through)
        this.syncedThroughId = through
        this.measured(snapshot.byteLength)
      })
    }
    this.logCount = 0
    this.logBytes = 0
  }

  /** The draft's size is known exactly after a compaction: the guard counts from it, the secretariat sees it. */
  private measured(bytes: number): void {
    const items = countItems(this.doc)
    this.guard.measured(bytes, items)
    this.storage.recordDraftSize(this.draftId, { bytes, items }).catch((error: unknown) => this.log.warn({ err: error, draftId: this.draftId }, 'could not record the draft size'))
  }

  /** Applies an update a peer process has persisted (pub/sub or a repair answer): broadcast, not stored. */
  applyRemoteUpdate(update: Uint8Array): void {
    if (!this.loaded || this.failed) return
    const cost = measureUpdate(update, this.doc) // whole, before applying (as for clients); inspected by its process
    Y.applyUpdate(this.doc, update, REMOTE_ORIGIN)
    this.guard.admit(cost)
  }

  /** Applies what the shared log holds beyond what this room has surely seen (a repair; idempotent). */
  async catchUpFromStorage(): Promise<void> {
    const since = await this.storage.loadDocSince(this.draftId, this.syncedThroughId)
    if (!this.loaded || this.failed) return
    Y.transact(
      this.doc,
      () => {
        if (since.snapshot) Y.applyUpdate(this.doc, since.snapshot)
        for (const update of since.updates) Y.applyUpdate(this.doc, update)
      },
      REMOTE_ORIGIN,
    )
  }

  /** Applies a peer process's (hex id) presence batch and relays it to our connections. */
  applyRemoteAwareness(update: Uint8Array, peer: string): void {
    if (this.loaded) this.awareness.receiveRemote(update, peer)
  }

  /** Removes, for our connections, the presence of the clients of a peer process that is gone. */
  dropPeer(peer: string): void {
    if (this.loaded) this.awareness.dropPeer(peer)
  }

  /** The presence of this process's own connections, for peers (null when none). */
  ownAwareness(): Uint8Array | null {
    return this.loaded ? this.awareness.encodeOwn() : null
  }

  /** What a peer with this state vector lacks, once everything applied here is persisted. */
  async diffFor(stateVector: Uint8Array): Promise<Uint8Array> {
    await this.tail
    return Y.encodeStateAsUpdate(this.doc, stateVector)
  }

  /** Waits for every pending write; then compacts the log into one snapshot. */
  async flushAndCompact(): Promise<void> {
    await this.tail
    if (this.loaded && !this.failed) await this.compactNow()
  }

  /**
   * A change made by the server itself (applying a proposal, restoring a revision): persisted and
   * then broadcast to every connection like any update. Resolves once it is stored.
   */
  async change<T>(edit: (doc: Y.Doc) => T): Promise<T> {
    if (this.damage) throw new DraftDamagedError(this.damage.reason)
    let result: T | undefined
    this.doc.transact(() => {
      result = edit(this.doc)
    }, SERVER_ORIGIN)
    await this.tail
    if (this.failed) throw new Error('the draft could not be stored')
    return result as T
  }

  /** Waits for every pending write. */
  settled(): Promise<void> {
    return this.tail
  }

  /** Storage failed: drop every connection; clients resend what they have when they reconnect. */
  private fail(error: unknown): void {
    if (this.failed) return
    this.failed = true
    this.log.error({ draftId: this.draftId, err: error }, 'could not persist an update; closing the draft')
    for (const conn of [...this.connections]) this.close(conn, CloseCode.INTERNAL_ERROR)
  }

  send(conn: Connection, message: Uint8Array): void {
    // No callback: a failed write surfaces as the socket's 'error' event, which is logged there.
    if (this.writable(conn)) conn.ws.send(message)
  }

  /** Sends one message to every connection but `except`, framed once for all of them. */
  broadcast(message: Uint8Array, except: Connection | null): void {
    const framed = frameBinary(message)
    for (const conn of this.connections) if (conn !== except && this.writable(conn)) sendFramed(conn.ws, framed)
  }

  /** Open and keeping up; a client that stopped reading is closed instead of growing our memory. */
  private writable(conn: Connection): boolean {
    const ws = conn.ws
    if (ws.readyState !== ws.OPEN) return false
    if (ws.bufferedAmount > this.options.sendBufferLimitBytes) {
      this.close(conn, CloseCode.SLOW_CONSUMER)
      return false
    }
    return true
  }

  /** Closes one connection with a documented code and forgets it. */
  close(conn: Connection, code: CloseCodeValue): void {
    this.removeConnection(conn)
    closeSocket(conn.ws, code)
  }

  removeConnection(conn: Connection): void {
    if (!this.connections.delete(conn)) return
    this.awareness.remove(conn)
    this.awareness.flush()
  }

  /** Recomputes read-only for each connection, e.g. after the draft's phase changed. */
  updateAccess(readOnly: (conn: Connection) => boolean): void {
    for (const conn of this.connections) conn.readOnly = this.damage !== null || readOnly(conn)
  }

  destroy(): void {
    this.loaded = false
    this.awareness.destroy()
    this.doc.destroy()
  }
}

export function closeSocket(ws: WebSocket, code: CloseCodeValue): void {
  if (ws.readyState === ws.CLOSED || ws.readyState === ws.CLOSING) return
  ws.close(code, closeReason[code])
}
