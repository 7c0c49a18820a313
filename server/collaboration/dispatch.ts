import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import type { Connection } from './Connection'
import { MessageType, SyncType, UnknownMessageError } from './protocol'

/** What a room does with each kind of y-websocket message of one connection. */
export interface MessageHandlers {
  /** A client's state vector (already validated): answer with what it lacks. */
  syncStep1(conn: Connection, stateVector: Uint8Array): void
  /** Sync step 2 or an update: inspected, then applied (unless the connection is read-only). */
  update(conn: Connection, update: Uint8Array): void
  awareness(conn: Connection, update: Uint8Array): void
  queryAwareness(conn: Connection): void
}

/** Decodes one frame and hands it to its handler; throws on a malformed or unknown one. */
export function dispatchFrame(handlers: MessageHandlers, conn: Connection, frame: Uint8Array): void {
  const decoder = decoding.createDecoder(frame)
  const type = decoding.readVarUint(decoder)
  switch (type) {
    case MessageType.sync: {
      const subType = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      if (subType === SyncType.step1) {
        Y.decodeStateVector(payload) // validate now: the answer may be sent later
        handlers.syncStep1(conn, payload)
      } else if (subType === SyncType.step2 || subType === SyncType.update) {
        handlers.update(conn, payload)
      } else {
        throw new UnknownMessageError(`sync/${subType}`)
      }
      return
    }
    case MessageType.awareness:
      return handlers.awareness(conn, decoding.readVarUint8Array(decoder))
    case MessageType.queryAwareness:
      return handlers.queryAwareness(conn)
    default:
      throw new UnknownMessageError(String(type))
  }
}
