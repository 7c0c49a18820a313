import type { Logger } from 'pino'
import { connectionAccess } from '../collaboration/auth'
import type { AccessChange, Storage } from '../storage/Storage'
import type { CollaborationService } from './collaboration'

/** An open event stream (`GET /api/drafts/:id/events`), ended when its reader may no longer read. */
export interface OpenStream {
  readonly userId: string
  readonly credentialHash: string
  readonly draftId: string
  end(): void
}

/** How often each process reads the access change log. */
export const ACCESS_POLL_MS = 500
/** Changes are read again for this long after they were written: a late commit is not missed. */
const LATE_COMMIT_MS = 5_000
/** Rows older than this are pruned: every running watcher has read them. */
const KEEP_CHANGES_MS = 60 * 60 * 1000

/**
 * The one mechanism by which a change of rights reaches open connections, in every process: a role,
 * State, membership or disabled account (userChanged), a phase (draftChanged) or an ended session or
 * token (credentialsEnded) is written to the database's access change log and applied here at once;
 * one watcher per process polls that log, so changes made by another server process or the admin CLI
 * reach this process's websockets and event streams within a poll (ACCESS_POLL_MS, 500 ms).
 */
export class AccessService {
  private readonly streams = new Set<OpenStream>()
  /** Ids applied within the late-commit window, with when they were first seen. */
  private readonly seen = new Map<number, number>()
  private lastId = 0
  private lastPrune = 0
  private timer: NodeJS.Timeout | null = null
  private polling: Promise<void> | null = null

  constructor(
    private readonly storage: Storage,
    private readonly collab: CollaborationService,
    private readonly log: Logger,
    private readonly pollMs: number,
  ) {}

  start(): void {
    if (this.timer) return
    this.timer = setInterval(() => void this.poll(), this.pollMs)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.polling
  }

  /** The user's role, State, group membership or account changed. */
  async userChanged(userId: string): Promise<void> {
    await this.recordAndApply({ userId, draftId: null, credentialHash: null })
  }

  /** The draft's phase changed. */
  async draftChanged(draftId: string): Promise<void> {
    await this.recordAndApply({ userId: null, draftId, credentialHash: null })
  }

  /** These sessions or tokens ended (signed out, revoked, account disabled). */
  async credentialsEnded(hashes: readonly string[]): Promise<void> {
    for (const credentialHash of hashes) await this.recordAndApply({ userId: null, draftId: null, credentialHash })
  }

  /** Registers an open event stream; the returned function forgets it. */
  openStream(stream: OpenStream): () => void {
    this.streams.add(stream)
    return () => this.streams.delete(stream)
  }

  /** One poll of the change log (also called by tests that do not wait for the timer). */
  async poll(): Promise<void> {
    this.polling ??= this.readChanges().finally(() => {
      this.polling = null
    })
    return this.polling
  }

  private async readChanges(): Promise<void> {
    const now = Date.now()
    try {
      const changes = await this.storage.access.changesSince(this.lastId, new Date(now - LATE_COMMIT_MS).toISOString())
      for (const change of changes) {
        this.lastId = Math.max(this.lastId, change.id)
        if (this.seen.has(change.id)) continue
        this.seen.set(change.id, now)
        await this.apply(change)
      }
      for (const [id, at] of this.seen) if (at < now - 2 * LATE_COMMIT_MS) this.seen.delete(id)
      if (now - this.lastPrune > KEEP_CHANGES_MS / 4) {
        this.lastPrune = now
        await this.storage.access.pruneChanges(new Date(now - KEEP_CHANGES_MS).toISOString())
      }
    } catch (error) {
      this.log.warn({ err: error }, 'could not read the access change log; retrying')
    }
  }

  private async recordAndApply(change: Omit<AccessChange, 'id' | 'at'>): Promise<void> {
    await this.storage.access.recordChange({ ...change, at: new Date().toISOString() })
    // Here at once; the watcher applies it again when it reads the row (harmless: a check is idempotent).
    await this.apply(change)
  }

  private async apply(change: Omit<AccessChange, 'id' | 'at'>): Promise<void> {
    const ended = change.credentialHash
    if (ended) this.collab.credentialEnded(ended)
    const concerns = (userId: string, credentialHash: string, draftId: string) =>
      userId === change.userId || draftId === change.draftId || credentialHash === ended
    await this.collab.recheck((conn, draftId) => concerns(conn.user.id, conn.credentialHash, draftId))
    for (const stream of [...this.streams]) {
      if (!concerns(stream.userId, stream.credentialHash, stream.draftId)) continue
      if (!(await connectionAccess(this.storage, stream.credentialHash, stream.draftId)).ok) {
        this.streams.delete(stream)
        stream.end()
      }
    }
  }
}
