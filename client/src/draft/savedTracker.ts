import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

export type SaveState = 'saved' | 'saving' | 'unsaved'

/** What the tracker uses of the y-websocket provider (narrow, so a test can drive it without a socket). */
export interface SyncChannel {
  readonly synced: boolean
  readonly ws: Pick<WebSocket, 'readyState' | 'OPEN' | 'send'> | null
  readonly messageHandlers: WebsocketProvider['messageHandlers']
  on(name: 'sync', f: (synced: boolean) => void): void
  on(name: 'status', f: (event: { status: string }) => void): void
  off(name: 'sync', f: (synced: boolean) => void): void
  off(name: 'status', f: (event: { status: string }) => void): void
}

const MESSAGE_SYNC = 0
const SYNC_STEP_1 = 0
const SYNC_STEP_2 = 1

/**
 * "Saved" means stored on the server. Our server answers a sync step 1 only once everything the
 * connection sent before it is persisted, so the answer (a step 2) to a step 1 we send after our
 * changes acknowledges them. No extra endpoint, no polling.
 */
export class SavedTracker {
  private state: SaveState = 'saved'
  private changeSeq = 0
  private probeSeq: number | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private readonly listeners = new Set<() => void>()
  private readonly onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === this.provider) return // from the server: nothing of ours to save
    this.changeSeq += 1
    this.set('saving')
    this.schedule()
  }
  private readonly onSync = (synced: boolean) => {
    if (synced && this.state !== 'saved') this.schedule()
  }
  private readonly onStatus = ({ status }: { status: string }) => {
    if (status !== 'connected' && this.state === 'saving') this.set('unsaved')
  }

  constructor(
    private readonly doc: Y.Doc,
    private readonly provider: SyncChannel,
    private readonly debounceMs = 300,
  ) {
    doc.on('update', this.onUpdate)
    provider.on('sync', this.onSync)
    provider.on('status', this.onStatus)
    const original = provider.messageHandlers[MESSAGE_SYNC]
    if (!original) throw new Error('y-websocket sync handler missing')
    // Peek at the sync sub-type, then let y-websocket handle the message as usual.
    provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, messageType) => {
      const subType = decoding.peekVarUint(decoder)
      original(encoder, decoder, p, emitSynced, messageType)
      if (subType === SYNC_STEP_2) this.acknowledged()
    }
  }

  get current(): SaveState {
    return this.state
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer)
    this.doc.off('update', this.onUpdate)
    this.provider.off('sync', this.onSync)
    this.provider.off('status', this.onStatus)
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => this.probe(), this.debounceMs)
  }

  private probe(): void {
    this.timer = null
    const ws = this.provider.ws
    if (!ws || ws.readyState !== ws.OPEN || !this.provider.synced) {
      this.set('unsaved')
      return
    }
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    encoding.writeVarUint(encoder, SYNC_STEP_1)
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(this.doc))
    this.probeSeq = this.changeSeq
    ws.send(encoding.toUint8Array(encoder))
  }

  private acknowledged(): void {
    if (this.probeSeq === null) return
    const acked = this.probeSeq
    this.probeSeq = null
    if (acked === this.changeSeq) this.set('saved')
  }

  private set(state: SaveState): void {
    if (state === this.state) return
    this.state = state
    for (const listener of this.listeners) listener()
  }
}
