import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { CloseCode } from '../../../shared/closeCodes'
import { ApiError } from '../api/http'
import { sessionApi } from '../api/session'
import { createDraftUndo } from './draftUndo'
import { recoveryNotice } from './offlineRecovery'
import type { PresenceUser } from './presence'
import { recoverRefused } from './recoverRefused'
import { SavedTracker } from './savedTracker'
import { collabBase, syncedServerCopy } from './serverCopy'
import { draftChanged } from './useDraft'

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'paused' | 'refused' | 'forbidden' | 'revoked'

/** Statuses after which the socket stays stopped until the page is reloaded. */
const FINAL: ReadonlySet<ConnectionStatus> = new Set(['refused', 'forbidden', 'revoked'])

/** After 4420 (too many updates in a minute) the socket waits this long before trying again. */
const RATE_PAUSE_MS = 60_000

const RECOVERY_FAILED =
  'Your latest changes could not be applied, and could not be kept as proposals just now: the server did not answer. They stay on this device: reload the page to try again.'

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
  private readonly restartListeners = new Set<(notice: string) => void>()
  /** The document holds something not from the server (typed here, or loaded from this device). */
  private hasLocalChanges = false
  /** Some of what is not yet saved was changed while the socket was down (typed offline). */
  private changedWhileDown = false
  private recovering = false
  private sessionEndedOnce = false
  private destroyed = false
  /** Shown once the session resumed after a refusal: what was kept and where (null: nothing to say). */
  private recoveryNotice: string | null
  private readonly onOffline = () => {
    // The browser knows it is offline: stop the socket, keep editing locally.
    this.provider.disconnect()
    this.setStatus('offline')
  }
  private readonly onOnline = () => {
    if (FINAL.has(this.status)) return // stopped for a reason the network coming back does not change
    this.setStatus(this.everConnected ? 'reconnecting' : 'connecting')
    this.provider.connect()
  }

  constructor(
    readonly draftId: string,
    readonly user: PresenceUser,
    notice: string | null = null,
  ) {
    this.recoveryNotice = notice
    this.local = new IndexeddbPersistence(`provisio:draft:${draftId}`, this.doc)
    this.provider = new WebsocketProvider(collabBase(), draftId, this.doc, { disableBc: true, connect: navigator.onLine })
    this.provider.awareness.setLocalStateField('user', user)
    this.undo = createDraftUndo(this.doc)
    this.saved = new SavedTracker(this.doc, this.provider)
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === this.provider) return
      this.hasLocalChanges = true
      if (origin === this.local || this.status !== 'connected') this.changedWhileDown = true
    })
    this.saved.subscribe(() => {
      if (this.saved.current === 'saved') this.changedWhileDown = false
    })
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

  /** What the last recovery kept (see onRefused), until the user dismisses it. */
  get notice(): string | null {
    return this.recoveryNotice
  }

  dismissNotice(): void {
    this.recoveryNotice = null
    for (const listener of this.listeners) listener()
  }

  /** Called once this session has given way to a fresh one from the server's state (useDraftSession makes it). */
  onRestart(listener: (notice: string) => void): () => void {
    this.restartListeners.add(listener)
    return () => this.restartListeners.delete(listener)
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
   * make (4422) when nothing of the user's is at stake; otherwise onRefused keeps it first. No longer a
   * member of the draft's group (4403): a reconnection would be refused, so stop and say so (the local
   * copy is forgotten too: the user may no longer read it). Session ended (4401): to the sign-in
   * screen, keeping the local copy. Too many changes in a minute (4420): wait.
   */
  private onClose(code: number | null): void {
    if (code === CloseCode.CHANGE_FORBIDDEN && this.hasLocalChanges && !this.recovering) {
      void this.onRefused()
      return
    }
    if (code === CloseCode.SESSION_ENDED) {
      void this.onSessionEnded()
      return
    }
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

  /**
   * The server refused the user's own change (typed offline and forbidden meanwhile, or raced by a
   * text-mode change): keep it as proposal threads, forget the local copy and hand over to a fresh
   * session from the server's state. Once per refusal: the fresh session has no local change, so a
   * refusal before the user types again ends as 'forbidden' instead of recovering in a loop. If the
   * server cannot be reached for it, the local copy stays for the next attempt (a reload).
   */
  private async onRefused(): Promise<void> {
    this.recovering = true
    this.provider.disconnect()
    this.setStatus('reconnecting')
    try {
      const outcome = await recoverRefused({
        draftId: this.draftId,
        local: this.doc,
        userId: this.user.id,
        role: this.user.role,
        offline: this.changedWhileDown,
        serverCopy: () => syncedServerCopy(this.draftId),
      })
      if (this.isDestroyed()) return
      await this.forgetLocalCopy()
      if (this.isDestroyed()) return
      draftChanged(this.draftId)
      const notice = recoveryNotice(outcome)
      for (const listener of this.restartListeners) listener(notice)
    } catch {
      if (this.isDestroyed()) return
      // Kept on this device; a reload tries again (and skips the threads this attempt opened).
      this.recovering = false
      this.recoveryNotice = RECOVERY_FAILED
      this.setStatus('forbidden')
    }
  }

  /** Deletes this device's copy and waits until it is gone (y-indexeddb's clearData does not wait). */
  private async forgetLocalCopy(): Promise<void> {
    await this.local.destroy()
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(this.local.name)
      request.onsuccess = () => resolve()
      request.onblocked = () => resolve() // another tab holds it open: deleted once it closes
      request.onerror = () => reject(request.error ?? new Error('could not delete the local copy'))
    })
  }

  /** Signed out elsewhere, or the session expired: the sign-in screen (a reload shows it), the local copy kept. */
  private async onSessionEnded(): Promise<void> {
    this.provider.disconnect()
    this.setStatus('reconnecting')
    const me = await sessionApi.current().catch((e: unknown) => (e instanceof ApiError && e.status === 401 ? null : undefined))
    if (this.isDestroyed()) return
    if (me === null || this.sessionEndedOnce) {
      window.location.reload()
      return
    }
    // Still signed in (the socket's token ended, not the page's session): one more try.
    this.sessionEndedOnce = true
    this.provider.connect()
  }

  /** A method, not the field: it is read again after awaits (a field read is narrowed as if nothing changed). */
  private isDestroyed(): boolean {
    return this.destroyed
  }

  destroy(): void {
    this.destroyed = true
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
