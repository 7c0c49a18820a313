import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
import type { RawClientHandlers } from './rawClient'

/**
 * A headless client of Hocuspocus's protocol on raw `ws`: every message is the document's name
 * (varString), a message type, then y-protocols' payload. It authenticates with its token, syncs as
 * an empty document (or as `doc`, which then follows the document and sends its own changes), and
 * hands each update frame (sync/update) to the scenario untouched, as RawClient does.
 */
const SYNC = 0
const AWARENESS = 1
const AUTH = 2
const SYNC_REPLY = 4
const STEP1 = 0
const STEP2 = 1
const UPDATE = 2
const CONNECT_TIMEOUT_MS = 60_000
const REMOTE = Symbol('hocuspocus server')

/** [name, type, (sub-type,) payload]: uints, then a string or a byte array. */
function message(name: string, uints: readonly number[], payload?: string | Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, name)
  for (const n of uints) encoding.writeVarUint(e, n)
  if (typeof payload === 'string') encoding.writeVarString(e, payload)
  else if (payload) encoding.writeVarUint8Array(e, payload)
  return encoding.toUint8Array(e)
}

export class HocuspocusClient {
  readonly ws: WebSocket
  readonly synced: Promise<number>
  readonly opened: Promise<void>
  closed = false

  constructor(url: string, name: string, token: string, handlers: RawClientHandlers = {}, doc: Y.Doc | null = null) {
    this.ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: CONNECT_TIMEOUT_MS })
    let markSynced: (at: number) => void = () => undefined
    let fail: (error: Error) => void = () => undefined
    this.synced = new Promise<number>((resolve, reject) => {
      markSynced = resolve
      fail = reject
    })
    this.synced.catch(() => undefined)
    this.opened = new Promise<void>((resolve, reject) => {
      this.ws.once('open', () => resolve())
      this.ws.once('error', reject)
    })
    this.opened.catch(() => undefined)
    this.ws.on('error', (error) => fail(error))
    this.ws.on('close', (code) => {
      this.closed = true
      fail(new Error(`closed (${code}) before syncing`))
    })
    this.ws.on('open', () => {
      this.ws.send(message(name, [AUTH, 0], token))
      const sv = doc ? Y.encodeStateVector(doc) : new Uint8Array([0])
      this.ws.send(message(name, [SYNC, STEP1], sv))
    })
    doc?.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.send(message(name, [SYNC, UPDATE], update))
    })
    this.ws.on('message', (data: Buffer) => {
      const at = performance.now()
      const d = decoding.createDecoder(data)
      decoding.readVarString(d)
      const type = decoding.readVarUint(d)
      if (type === SYNC || type === SYNC_REPLY) {
        const sub = decoding.readVarUint(d)
        if (sub === UPDATE) {
          handlers.onUpdate?.(data, at)
          if (doc) Y.applyUpdate(doc, decoding.readVarUint8Array(d), REMOTE)
        } else if (sub === STEP2) {
          if (doc) Y.applyUpdate(doc, decoding.readVarUint8Array(d), REMOTE)
          markSynced(at)
        } else if (sub === STEP1) {
          const update = doc ? Y.encodeStateAsUpdate(doc, decoding.readVarUint8Array(d)) : new Uint8Array([0, 0])
          this.send(message(name, [SYNC_REPLY, STEP2], update))
        }
      } else if (type === AWARENESS) handlers.onAwareness?.(data, at)
    })
  }

  send(frame: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame)
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate()
  }
}
