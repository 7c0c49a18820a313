import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { CloseCode } from '../../../shared/closeCodes'
import { createDraftUndo } from './draftUndo'
import type { PresenceUser } from './presence'
import { SavedTracker } from './savedTracker'

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'paused' | 'refused' | 'forbidden' | 'revoked'

/** Statuses after which the socket stays stopped until the page is reloaded. */
const FINAL: ReadonlySet<ConnectionStatus> = new Set(['refused', 'forbidden', 'revoked'])

/** After 4420 (too many updates in a minute) the socket waits this long before trying again. */
const RATE_PAUSE_MS = 60_000

/**
 * Everything one open draft needs in the browser: the Y.Doc, kept on this device (IndexedDB) and
 * synced with the server (y-websocket, session cookie), the user's undo history and save state.
 */
export class DraftSession {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  readonly local: IndexeddbPersistence
  readonly undo: Y.UndoManager
  readonly saved: SavedTracker
  private status: ConnectionStatus = 'connecting'
  private everConnected = false
  private resumeTimer: ReturnType<typeof setTimeout> | null = null
  private readonly listeners = new Set<() => void>()
  private readonly onOffline = () => {
    // The browser knows it is offline: stop the socket, keep editing locally.
    this.provider.disconnect()
    this.setStatus('offline')
  }
  private readonly onOnline = () => {
    this.setStatus(this.everConnected ? 'reconnecting' : 'connecting')
    this.provider.connect()
  }

  constructor(
    readonly draftId: string,
    readonly user: PresenceUser,
  ) {
    this.local = new IndexeddbPersistence(`provisio:draft:${draftId}`, this.doc)
    const base = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/collab`
    this.provider = new WebsocketProvider(base, draftId, this.doc, { disableBc: true, connect: navigator.onLine })
    this.provider.awareness.setLocalStateField('user', user)
    this.undo = createDraftUndo(this.doc)
    this.saved = new SavedTracker(this.doc, this.provider)
    this.provider.on('status', ({ status }) => {
      if (FINAL.has(this.status) || (this.status === 'paused' && status !== 'connected')) return
      if (status === 'connected') {
        this.everConnected = true
        this.setStatus('connected')
      } else if (!navigator.onLine) {
        this.setStatus('offline')
      } else {
        this.setStatus(this.everConnected ? 'reconnecting' : 'connecting')
      }
    })
    this.provider.on('connection-close', (event) => this.onClose(event?.code ?? null))
    if (!navigator.onLine) this.status = 'offline'
    window.addEventListener('offline', this.onOffline)
    window.addEventListener('online', this.onOnline)
  }

  get connection(): ConnectionStatus {
    return this.status
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Runs a change to the draft's structure (add, move, delete, status) as one undo step of its own. */
  structural<T>(change: () => T): T {
    this.undo.stopCapturing()
    const result = change()
    this.undo.stopCapturing()
    return result
  }

  /** Marks which clause the user is in, for everyone's presence list. */
  setCurrentClause(clauseId: string | null): void {
    if (this.provider.awareness.getLocalState()?.clauseId !== clauseId) {
      this.provider.awareness.setLocalStateField('clauseId', clauseId)
    }
  }

  /**
   * The server refused what this browser sent. A change too costly for it (4413) or one that would
   * pass the draft's size (4414) will be refused again on every reconnect: stop, and forget the
   * local copy so a reload starts from the saved text; the same for a change the user's role may not
   * make (4422). No longer a member of the draft's group (4403): a reconnection would be refused, so
   * stop and say so (the local copy is forgotten too: the user may no longer read it). Too many
   * changes in a minute (4420): wait.
   */
  private onClose(code: number | null): void {
    const final: Partial<Record<number, ConnectionStatus>> = {
      [CloseCode.UPDATE_TOO_COSTLY]: 'refused',
      [CloseCode.DRAFT_TOO_LARGE]: 'refused',
      [CloseCode.DRAFT_FORMAT_INVALID]: 'refused',
      [CloseCode.CHANGE_FORBIDDEN]: 'forbidden',
      [CloseCode.ACCESS_REVOKED]: 'revoked',
    }
    const stop = code === null ? undefined : final[code]
    if (stop) {
      this.provider.disconnect()
      void this.local.clearData()
      this.setStatus(stop)
    } else if (code === CloseCode.UPDATE_RATE_EXCEEDED || code === CloseCode.TOO_MANY_CONNECTIONS) {
      this.provider.disconnect()
      this.setStatus('paused')
      if (this.resumeTimer) clearTimeout(this.resumeTimer)
      this.resumeTimer = setTimeout(() => {
        this.resumeTimer = null
        this.provider.connect()
      }, RATE_PAUSE_MS)
    }
  }

  destroy(): void {
    if (this.resumeTimer) clearTimeout(this.resumeTimer)
    window.removeEventListener('offline', this.onOffline)
    window.removeEventListener('online', this.onOnline)
    this.saved.destroy()
    this.undo.destroy()
    this.provider.destroy()
    void this.local.destroy()
    this.doc.destroy()
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.status) return
    this.status = status
    for (const listener of this.listeners) listener()
  }
}
