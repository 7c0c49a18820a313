import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Logger } from 'pino'
import { type RawData, WebSocket, WebSocketServer } from 'ws'
import { CloseCode } from '../../shared/closeCodes'
import type { Draft, Storage } from '../storage/Storage'
import { authorizeUpgrade } from './auth'
import type { Connection } from './Connection'
import type { Room } from './Room'
import { closeSocket } from './RoomConnections'
import type { RoomRegistry } from './RoomRegistry'

const PING_INTERVAL_MS = 30_000

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
 * The websocket endpoint `/collab/:draftId`: authentication at the upgrade (refused before the
 * handshake), each accepted socket joined to its draft's room once loaded, pings for dead peers.
 */
export class CollabEndpoint {
  private readonly wss: WebSocketServer
  private readonly pinger: NodeJS.Timeout
  private closed = false
  /** Open sockets per user id on this process (the per-user cap). */
  private readonly perUser = new Map<string, number>()

  constructor(
    private readonly storage: Storage,
    private readonly registry: RoomRegistry,
    maxPayloadBytes: number,
    private readonly log: Logger,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: maxPayloadBytes, perMessageDeflate: false })
    this.pinger = setInterval(() => this.ping(), PING_INTERVAL_MS)
    this.pinger.unref()
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
    if (this.closed) {
      socket.destroy()
      return
    }
    const decision = await authorizeUpgrade(this.storage, req)
    if (!decision.ok) {
      refuse(socket, decision.status, decision.code, decision.message)
      return
    }
    if (socket.destroyed) return
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      void this.connect(ws, decision.draft, {
        ws,
        user: decision.user,
        credentialHash: decision.credentialHash,
        readOnly: decision.readOnly,
        text: decision.text,
        decide: decision.decide,
        clientId: null,
        isAlive: true,
      })
    })
  }

  private async connect(ws: WebSocket, draft: Draft, conn: Connection): Promise<void> {
    ws.on('error', (error) => this.log.debug({ err: error, draftId: draft.id }, 'websocket error'))
    // Counted from the handshake to the close, whether or not the room ever took the socket.
    const userId = conn.user.id
    const held = (this.perUser.get(userId) ?? 0) + 1
    this.perUser.set(userId, held)
    ws.once('close', () => {
      const left = (this.perUser.get(userId) ?? 1) - 1
      if (left > 0) this.perUser.set(userId, left)
      else this.perUser.delete(userId)
    })
    if (held > this.registry.socketLimits.maxSocketsPerUser) {
      this.log.warn({ user: conn.user.username, draftId: draft.id, held }, 'refused a websocket: too many for this user')
      closeSocket(ws, CloseCode.TOO_MANY_CONNECTIONS)
      return
    }
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
      if (!room) return
      room.removeConnection(conn)
      this.registry.unloadIfIdle(room)
    })
    let loaded: Room
    try {
      loaded = await this.registry.open(draft.id)
    } catch (error) {
      this.log.error({ err: error, draftId: draft.id }, 'could not load draft')
      closeSocket(ws, CloseCode.INTERNAL_ERROR)
      return
    }
    if (ws.readyState !== WebSocket.OPEN) {
      this.registry.unloadIfIdle(loaded)
      return
    }
    if (loaded.connections.size >= this.registry.socketLimits.maxSocketsPerDraft) {
      this.log.warn({ draftId: draft.id }, 'refused a websocket: too many on this draft')
      closeSocket(ws, CloseCode.TOO_MANY_CONNECTIONS)
      this.registry.unloadIfIdle(loaded)
      return
    }
    room = loaded
    room.addConnection(conn)
    for (const frame of early.splice(0)) room.receive(conn, frame)
  }

  private ping(): void {
    for (const room of this.registry.loaded()) {
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

  /** Refuses new upgrades and closes every connection (1001); the rooms are the registry's to save. */
  closeConnections(): void {
    this.closed = true
    clearInterval(this.pinger)
    for (const room of this.registry.loaded()) room.connections.closeAll(CloseCode.GOING_AWAY)
  }

  /** Terminates what is left and stops the websocket server. */
  async stop(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate()
    await new Promise<void>((resolve) => this.wss.close(() => resolve()))
  }
}
