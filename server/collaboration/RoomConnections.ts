import type { WebSocket } from 'ws'
import { CloseCode, type CloseCodeValue, closeReason } from '../../shared/closeCodes'
import type { Connection } from './Connection'
import { frameBinary, sendFramed } from './frames'

/** The connections of one room: sending, broadcasting framed once, and closing the slow and the refused. */
export class RoomConnections implements Iterable<Connection> {
  private readonly set = new Set<Connection>()

  constructor(
    private readonly sendBufferLimitBytes: number,
    /** Called once for each connection that leaves (its presence goes with it). */
    private readonly onRemoved: (conn: Connection) => void,
  ) {}

  get size(): number {
    return this.set.size
  }

  has(conn: Connection): boolean {
    return this.set.has(conn)
  }

  add(conn: Connection): void {
    this.set.add(conn)
  }

  [Symbol.iterator](): Iterator<Connection> {
    return this.set[Symbol.iterator]()
  }

  send(conn: Connection, message: Uint8Array): void {
    // No callback: a failed write surfaces as the socket's 'error' event, which is logged there.
    if (this.writable(conn)) conn.ws.send(message)
  }

  /** Sends one message to every connection but `except`, framed once for all of them. */
  broadcast(message: Uint8Array, except: Connection | null): void {
    const framed = frameBinary(message)
    for (const conn of this.set) if (conn !== except && this.writable(conn)) sendFramed(conn.ws, framed)
  }

  /** Open and keeping up; a client that stopped reading is closed instead of growing our memory. */
  private writable(conn: Connection): boolean {
    const ws = conn.ws
    if (ws.readyState !== ws.OPEN) return false
    if (ws.bufferedAmount > this.sendBufferLimitBytes) {
      this.close(conn, CloseCode.SLOW_CONSUMER)
      return false
    }
    return true
  }

  /** Closes one connection with a documented code and forgets it. */
  close(conn: Connection, code: CloseCodeValue): void {
    this.remove(conn)
    closeSocket(conn.ws, code)
  }

  remove(conn: Connection): void {
    if (this.set.delete(conn)) this.onRemoved(conn)
  }

  closeAll(code: CloseCodeValue): void {
    for (const conn of [...this.set]) this.close(conn, code)
  }
}

export function closeSocket(ws: WebSocket, code: CloseCodeValue): void {
  if (ws.readyState === ws.CLOSED || ws.readyState === ws.CLOSING) return
  ws.close(code, closeReason[code])
}
