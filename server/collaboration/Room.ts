import * as decoding from 'lib0/decoding'
import type { Logger } from 'pino'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { CloseCode, type CloseCodeValue, closeReason } from '../../shared/closeCodes'
import type { Storage } from '../storage/Storage'
import { RoomAwareness } from './awareness'
import type { Connection } from './Connection'
import { MessageType, SyncType, UnknownMessageError, syncStep1Message, syncStep2Message, updateMessage } from './protocol'

export interface RoomOptions {
  readonly compactAfterUpdates: number
  readonly compactAfterBytes: number
  readonly awarenessBatchMs: number
  readonly sendBufferLimitBytes: number
}

// An encoded state vector with no entries: a client that has nothing yet.
const isEmptyStateVector = (sv: Uint8Array): boolean => sv.length === 1 && sv[0] === 0

/**
 * One loaded draft: its Y.Doc, its connections and its presence. Every document change is
 * persisted before it is broadcast or served to a joiner; persistence runs in one ordered chain.
 */
export class Room {
  readonly doc = new Y.Doc()
  readonly connections = new Set<Connection>()
  readonly ready: Promise<void>
  private readonly awareness: RoomAwareness
  /** The persistence chain: appends and compactions, in order. */
  private tail: Promise<void> = Promise.resolve()
  private loaded = false
  private failed = false
  private lastUpdateId = 0
  private logCount = 0
  private logBytes = 0
  /** Sync step 2 for a joiner with an empty document, reused until the document changes. */
  private fullStateMessage: Uint8Array | null = null

  constructor(
    readonly draftId: string,
    private readonly storage: Storage,
    private readonly options: RoomOptions,
    private readonly log: Logger,
  ) {
    this.awareness = new RoomAwareness(options.awarenessBatchMs, (message) => this.broadcast(message, null))
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
    Y.transact(this.doc, () => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(this.doc, update)
    })
    this.lastUpdateId = stored.lastUpdateId
    this.logCount = stored.updates.length
    this.logBytes = stored.updates.reduce((sum, u) => sum + u.byteLength, 0)
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin))
    this.loaded = true
  }

  /** Adds a connection to the loaded room: our sync step 1, then everyone's presence. */
  addConnection(conn: Connection): void {
    if (!this.loaded) throw new Error('addConnection before the room has loaded')
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
          if (!conn.readOnly) Y.applyUpdate(this.doc, payload, conn)
        } else {
          throw new UnknownMessageError(`sync/${subType}`)
        }
        return
      }
      case MessageType.awareness:
        this.awareness.receive(conn, decoding.readVarUint8Array(decoder))
        return
      case MessageType.queryAwareness: {
        const presence = this.awareness.encodeAll()
        if (presence) this.send(conn, presence)
        return
      }
      default:
        throw new UnknownMessageError(String(type))
    }
  }

  /** Answers a client's state vector once everything already applied has been persisted. */
  private answerSyncStep1(conn: Connection, stateVector: Uint8Array): void {
    this.tail = this.tail.then(() => {
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
    const from = origin && typeof origin === 'object' && this.connections.has(origin as Connection) ? (origin as Connection) : null
    this.tail = this.tail
      .then(async () => {
        if (this.failed) return
        // Persist before broadcast: a peer must never see an update we could lose.
        this.lastUpdateId = await this.storage.appendUpdate(this.draftId, update)
        this.logCount += 1
        this.logBytes += update.byteLength
        this.broadcast(updateMessage(update), from)
        if (this.logCount >= this.options.compactAfterUpdates || this.logBytes >= this.options.compactAfterBytes) {
          await this.compactNow()
        }
      })
      .catch((error: unknown) => this.fail(error))
  }

  private async compactNow(): Promise<void> {
    if (this.logCount === 0) return
    await this.storage.compact(this.draftId, Y.encodeStateAsUpdate(this.doc), this.lastUpdateId)
    this.logCount = 0
    this.logBytes = 0
  }

  /** Waits for every pending write; then compacts the log into one snapshot. */
  async flushAndCompact(): Promise<void> {
    await this.tail
    if (this.loaded && !this.failed) await this.compactNow()
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
    const ws = conn.ws
    if (ws.readyState !== ws.OPEN) return
    if (ws.bufferedAmount > this.options.sendBufferLimitBytes) {
      this.close(conn, CloseCode.SLOW_CONSUMER)
      return
    }
    ws.send(message, (error) => {
      if (error) this.log.debug({ err: error }, 'send failed')
    })
  }

  broadcast(message: Uint8Array, except: Connection | null): void {
    for (const conn of this.connections) if (conn !== except) this.send(conn, message)
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
    for (const conn of this.connections) conn.readOnly = readOnly(conn)
  }

  destroy(): void {
    this.awareness.destroy()
    this.doc.destroy()
  }
}

export function closeSocket(ws: WebSocket, code: CloseCodeValue): void {
  if (ws.readyState === ws.CLOSED || ws.readyState === ws.CLOSING) return
  ws.close(code, closeReason[code])
}
