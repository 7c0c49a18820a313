import * as encoding from 'lib0/encoding'

/** y-websocket top-level message types. */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const
/** y-protocols sync sub-types. */
export const SyncType = { step1: 0, step2: 1, update: 2 } as const

export function syncStep1Message(stateVector: Uint8Array): Uint8Array {
  return syncMessage(SyncType.step1, stateVector)
}

export function syncStep2Message(update: Uint8Array): Uint8Array {
  return syncMessage(SyncType.step2, update)
}

export function updateMessage(update: Uint8Array): Uint8Array {
  return syncMessage(SyncType.update, update)
}

function syncMessage(subType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, subType)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

export function awarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.awareness)
  encoding.writeVarUint8Array(encoder, awarenessUpdate)
  return encoding.toUint8Array(encoder)
}

/** Raised for a frame the protocol does not define; the connection closes with 4405. */
export class UnknownMessageError extends Error {
  constructor(what: string) {
    super(`unknown message type: ${what}`)
    this.name = 'UnknownMessageError'
  }
}
