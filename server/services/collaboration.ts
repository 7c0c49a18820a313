import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Logger } from 'pino'
import { type RawData, WebSocket, WebSocketServer } from 'ws'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { can } from '../../shared/permissions'
import type { Config } from '../config'
import { authorizeUpgrade } from '../collaboration/auth'
import type { Connection } from '../collaboration/Connection'
import { PeerLinks } from '../collaboration/peerLinks'
import type { RedisBus } from '../collaboration/redisBus'
import { Room, closeSocket } from '../collaboration/Room'
import { DraftDamagedError } from '../collaboration/roomLoad'
import { conflict } from '../errors'
import { audit } from './audit'
import type { Draft, Storage } from '../storage/Storage'

const PING_INTERVAL_MS = 30_000
// A draft loaded to answer a request stays loaded this long: the editor's websocket and the
// panels' requests that follow an opening then share one load.
const READ_GRACE_MS = 2_000

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } })
  const reason = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status] ?? 'Error'
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}

/**
 * The collaboration websocket (`/collab/:draftId`): authentication at the upgrade, one Room per
 * loaded draft, unloading (state compacted and saved) when a draft's last connection goes.
 */
export class CollaborationService {
  private readonly wss: WebSocketServer
  private readonly rooms = new Map<string, Room>()
  private readonly unloading = new Map<string, Promise<void>>()
  private readonly pinger: NodeJS.Timeout
  /** The rooms' links to peer processes over Redis; null: this process is alone. */
  private readonly peers: PeerLinks | null
  private closed = false

  constructor(
    private readonly storage: Storage,
    private readonly config: Config,
    private readonly log: Logger,
    /** Redis shared with peer processes (REDIS_URL); null: this process is alone. */
    bus: RedisBus | null = null,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: config.maxPayloadBytes, perMessageDeflate: false })
    this.pinger = setInterval(() => this.ping(), PING_INTERVAL_MS)
    this.pinger.unref()
    this.peers = bus ? new PeerLinks(bus, config.peerHeartbeatMs, log) : null
  }

  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', (error) => this.log.debug({ err: error }, 'upgrade socket error'))
      this.upgrade(req, socket, head).catch((error: unknown) => {
        this.log.error({ err: error }, 'websocket upgrade failed')
        if (!socket.destroyed) socket.destroy()
      })
    })
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (this.closed) return void socket.destroy()
    const decision = await authorizeUpgrade(this.storage, req)
    if (!decision.ok) return refuse(socket, decision.status, decision.code, decision.message)
    if (socket.destroyed) return
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      void this.connect(ws, decision.draft, {
        ws,
        user: decision.user,
        credentialHash: decision.credentialHash,
        readOnly: decision.readOnly,
        clientId: null,
        isAlive: true,
      })
    })
  }

  private async connect(ws: WebSocket, draft: Draft, conn: Connection): Promise<void> {
    ws.on('error', (error) => this.log.debug({ err: error, draftId: draft.id }, 'websocket error'))
    // Frames are kept until the room exists: a client speaks first, right after the handshake.
    const early: Uint8Array[] = []
    let room: Room | null = null
    ws.on('message', (data) => {
      const frame = toBytes(data)
      if (room) room.receive(conn, frame)
      else early.push(frame)
    })
    ws.on('pong', () => {
      conn.isAlive = true
    })
    ws.on('close', () => {
      if (room) this.leave(room, conn)
    })
    let loaded: Room
    try {
      // Re-check after the await: the room must still be the registered one, not one being unloaded.
      do loaded = await this.room(draft.id)
      while (this.rooms.get(draft.id) !== loaded)
    } catch (error) {
      this.log.error({ err: error, draftId: draft.id }, 'could not load draft')
      closeSocket(ws, CloseCode.INTERNAL_ERROR)
      return
    }
    if (ws.readyState !== WebSocket.OPEN) {
      this.unloadIfIdle(loaded)
      return
    }
    room = loaded
    room.addConnection(conn)
    for (const frame of early.splice(0)) room.receive(conn, frame)
  }

  /** The loaded room for a draft, waiting for an unload in progress to finish first. */
  private async room(draftId: string): Promise<Room> {
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
    const room = new Room(draftId, this.storage, this.config, this.log)
    this.rooms.set(draftId, room)
    try {
      await room.ready
      if (room.damage) await this.reportDamage(room)
      await this.peers?.link(room)
    } catch (error) {
      if (this.rooms.get(draftId) === room) this.rooms.delete(draftId)
      await this.peers?.unlink(room)
      room.destroy()
      throw error
    }
    return room
  }

  /** A draft whose stored log is beyond the limits: marked for the secretariat (and audited) once per new reason. */
  private async reportDamage(room: Room): Promise<void> {
    const reason = room.damage?.reason
    if (!reason) return
    this.log.error({ draftId: room.draftId, reason }, 'draft opened read-only: its stored log is beyond the limits (npm run admin -- draft repair)')
    const health = await this.storage.getDraftHealth(room.draftId)
    if (health?.damage === reason) return
    await this.storage.setDraftDamage(room.draftId, reason)
    await audit(this.storage, new Date(), { action: 'draft.damaged', actorName: 'server', target: room.draftId, data: { reason } })
  }

  private leave(room: Room, conn: Connection): void {
    room.removeConnection(conn)
    this.unloadIfIdle(room)
  }

  private unloadIfIdle(room: Room): void {
    if (room.connections.size === 0 && room.leases === 0 && this.rooms.get(room.draftId) === room) void this.unload(room)
  }

  /** The loaded room of a draft, held loaded (a lease) until the caller gives it back. */
  private async lease(draftId: string): Promise<Room> {
    let room: Room
    do room = await this.room(draftId)
    while (this.rooms.get(draftId) !== room)
    room.leases += 1
    return room
  }

  /**
   * Runs `read` on the draft's document, loading it once for everyone (connections and other
   * readers share the load); a draft loaded only for reading stays a moment for the next request.
   */
  async readDoc<T>(draftId: string, read: (doc: Y.Doc) => T): Promise<T> {
    const room = await this.lease(draftId)
    try {
      await room.settled()
      return read(room.doc)
    } finally {
      setTimeout(() => {
        room.leases -= 1
        this.unloadIfIdle(room)
      }, READ_GRACE_MS).unref()
    }
  }

  /**
   * Runs `edit` on the draft's live document as a server-side change (loading the draft if no one
   * has it open): persisted, then broadcast to every connected editor.
   */
  async withDoc<T>(draftId: string, edit: (doc: Y.Doc) => T): Promise<T> {
    const room = await this.lease(draftId)
    try {
      return await room.change(edit)
    } catch (error) {
      if (error instanceof DraftDamagedError) throw conflict(error.message)
      throw error
    } finally {
      room.leases -= 1
      this.unloadIfIdle(room)
    }
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

  /** The live Y.Doc of a loaded draft (e.g. to read its content), or null when not loaded. */
  loadedDoc(draftId: string): Y.Doc | null {
    const room = this.rooms.get(draftId)
    return room?.isLoaded ? room.doc : null
  }

  /** Re-applies permissions to every connection of a draft after its phase changed. */
  phaseChanged(draft: Draft): void {
    this.rooms.get(draft.id)?.updateAccess((conn) => !can(conn.user.role, 'draft.editText', draft.phase))
  }

  /** Closes (4401) every connection opened with a session or token that has just ended. */
  credentialEnded(credentialHash: string): void {
    for (const room of this.rooms.values()) {
      for (const conn of [...room.connections]) {
        if (conn.credentialHash === credentialHash) room.close(conn, CloseCode.SESSION_ENDED)
      }
    }
  }

  /** How many drafts are in memory (loaded or being saved) and how many connections are open. */
  stats(): { rooms: number; connections: number } {
    let connections = 0
    for (const room of this.rooms.values()) connections += room.connections.size
    // A room being unloaded is still in memory until its state is saved.
    return { rooms: this.rooms.size + this.unloading.size, connections }
  }

  private ping(): void {
    for (const room of this.rooms.values()) {
      for (const conn of room.connections) {
        if (!conn.isAlive) {
          room.removeConnection(conn)
          conn.ws.terminate()
          continue
        }
        conn.isAlive = false
        conn.ws.ping()
      }
    }
  }

  /** Closes every connection (1001), saves every loaded draft, and stops. */
  async close(): Promise<void> {
    this.closed = true
    clearInterval(this.pinger)
    this.peers?.close()
    const rooms = [...this.rooms.values()]
    for (const room of rooms) {
      for (const conn of [...room.connections]) {
        room.removeConnection(conn)
        closeSocket(conn.ws, CloseCode.GOING_AWAY)
      }
    }
    await Promise.all([...rooms.map((room) => this.unload(room)), ...this.unloading.values()])
    for (const ws of this.wss.clients) ws.terminate()
    await new Promise<void>((resolve) => this.wss.close(() => resolve()))
  }
}
