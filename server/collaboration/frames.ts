import type { WebSocket } from 'ws'

/**
 * A broadcast is framed once and the same bytes are written to every socket: `ws.send` would build
 * a header, allocate and write twice (cork/uncork) per connection, which is most of the server's
 * own CPU per observer. Frames go through ws's sender (`_sender.sendFrame`, ws 8 internals, pinned
 * version) so they keep their order with everything else ws writes; where those internals are not
 * as expected, or ws is busy (compressing, reading a Blob), it falls back to `ws.send`.
 */
export interface Framed {
  /** The y-websocket message. */
  readonly payload: Uint8Array
  /** The whole WebSocket frame: FIN, binary opcode, unmasked (server to client), length, payload. */
  readonly frame: Buffer
}

export function frameBinary(payload: Uint8Array): Framed {
  const n = payload.byteLength
  const header = n < 126 ? 2 : n < 65536 ? 4 : 10
  const frame = Buffer.allocUnsafe(header + n)
  frame[0] = 0x82
  if (n < 126) {
    frame[1] = n
  } else if (n < 65536) {
    frame[1] = 126
    frame.writeUInt16BE(n, 2)
  } else {
    frame[1] = 127
    frame.writeUInt32BE(Math.floor(n / 2 ** 32), 2)
    frame.writeUInt32BE(n >>> 0, 6)
  }
  frame.set(payload, header)
  return { payload, frame }
}

interface SenderInternals {
  readonly _state?: unknown
  sendFrame?(list: Buffer[]): void
}

const DEFAULT_STATE = 0

export function sendFramed(ws: WebSocket, message: Framed): void {
  const sender = (ws as unknown as { _sender?: SenderInternals })._sender
  if (sender && sender._state === DEFAULT_STATE && typeof sender.sendFrame === 'function') sender.sendFrame([message.frame])
  else ws.send(message.payload)
}
