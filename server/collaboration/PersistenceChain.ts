import * as Y from 'yjs'
import { type DocStore, type StoredDoc, applyStoredDoc } from '../storage/docs'
import type { Connection } from './Connection'
import { REMOTE_ORIGIN } from './origins'

/** At most this many updates are merged into one stored row and one broadcast (merging grows faster than linearly). */
const MAX_BATCH = 256

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

interface PendingUpdate {
  readonly update: Uint8Array
  readonly from: Connection | null
}

export interface PersistenceOptions {
  readonly compactAfterUpdates: number
  readonly compactAfterBytes: number
}

/** What the chain tells its room. */
export interface PersistenceEvents {
  /** An update (one or several merged) is stored: now it may reach peers and connections. */
  persisted(update: Uint8Array, from: Connection | null): void
  /** The log was folded into a snapshot of this many bytes. */
  compacted(snapshotBytes: number): void
  /** Storage failed: nothing more is stored. */
  failed(error: unknown): void
}

/**
 * A room's persistence, in one ordered chain: pending updates stored by group commit (one row and
 * one broadcast per event-loop turn), compaction of the log into a snapshot, and the steps that
 * must wait for what is already applied to be stored (answers to joiners and peers).
 */
export class PersistenceChain {
  private tail: Promise<void> = Promise.resolve()
  private pending: PendingUpdate[] = []
  private failed = false
  private lastUpdateId = 0
  /** Every stored update with an id ≤ this is in `doc` (from the load, or the last compaction's catch-up). */
  private syncedThroughId = 0
  private logCount = 0
  private logBytes = 0
  /** Other processes append to the same log (set once peers are attached). */
  private sharedLog = false
  /** A damaged draft keeps its log as stored: `draft repair` decides what to drop. */
  private frozen = false

  constructor(
    private readonly draftId: string,
    private readonly doc: Y.Doc,
    private readonly docs: DocStore,
    private readonly options: PersistenceOptions,
    private readonly events: PersistenceEvents,
  ) {}

  get isFailed(): boolean {
    return this.failed
  }

  /** Starts from what the room loaded; `frozen`: never compacted (a damaged draft). */
  loaded(stored: StoredDoc, frozen: boolean): void {
    this.lastUpdateId = stored.lastUpdateId
    this.syncedThroughId = stored.lastUpdateId
    this.logCount = stored.updates.length
    this.logBytes = stored.updates.reduce((sum, u) => sum + u.byteLength, 0)
    this.frozen = frozen
  }

  /** From now on other processes append to the log too: compactions take the lock and catch up first. */
  shareLog(): void {
    this.sharedLog = true
  }

  /** Runs `step` once everything chained before it is done (it is chained as is: a failing step is its caller's). */
  then(step: () => void | Promise<void>): void {
    this.tail = this.tail.then(step)
  }

  /** Waits for every pending write. */
  settled(): Promise<void> {
    return this.tail
  }

  /** An applied update to store; the first of a turn chains the step that stores all of that turn's. */
  push(update: Uint8Array, from: Connection | null): void {
    this.pending.push({ update, from })
    if (this.pending.length > 1) return // the persistence step already chained takes this one too
    // Chained now, so a joiner's answer queued after this update waits for it to be stored; run one
    // event-loop turn later, so that updates read from every socket in this turn share one write
    // (one fsync) and one broadcast: group commit under load, no added wait when idle.
    this.tail = this.tail
      .then(nextTurn)
      .then(() => this.persistPending())
      .catch((error: unknown) => this.fail(error))
  }

  /** Stores the pending updates as one merged update, then reports it; chains a step for any left over. */
  private async persistPending(): Promise<void> {
    const batch = this.pending.splice(0, MAX_BATCH)
    if (this.pending.length > 0) this.tail = this.tail.then(() => this.persistPending()).catch((error: unknown) => this.fail(error))
    const first = batch[0]
    if (this.failed || !first) return
    const update = batch.length === 1 ? first.update : Y.mergeUpdates(batch.map((p) => p.update))
    // Persist before broadcast: a peer must never see an update we could lose.
    this.lastUpdateId = await this.docs.append(this.draftId, update)
    this.logCount += 1
    this.logBytes += update.byteLength
    // A batch from several connections goes to all of them: Yjs ignores what a client already has.
    this.events.persisted(update, batch.every((p) => p.from === first.from) ? first.from : null)
    if (this.logCount >= this.options.compactAfterUpdates || this.logBytes >= this.options.compactAfterBytes) {
      await this.compact()
    }
  }

  /** Folds the log into one snapshot (call it once the chain is settled, or from within it). */
  async compact(): Promise<void> {
    if (this.logCount === 0 || this.frozen) return
    if (!this.sharedLog) {
      const snapshot = Y.encodeStateAsUpdate(this.doc)
      await this.docs.compact(this.draftId, snapshot, this.lastUpdateId)
      this.syncedThroughId = this.lastUpdateId
      this.events.compacted(snapshot.byteLength)
    } else {
      // Other processes append to the same log: one compaction at a time (a PostgreSQL advisory
      // lock; a process that does not get it leaves the work to the holder), with no append in
      // flight. First catch up with every update still in the log (a peer's update still on its
      // way, or lost by pub/sub), so the snapshot folds every update it deletes.
      await this.docs.withCompactionLock(this.draftId, async () => {
        const since = await this.docs.loadSince(this.draftId, this.syncedThroughId, { everyUpdate: true })
        applyStoredDoc(this.doc, since, REMOTE_ORIGIN)
        const through = Math.max(since.lastUpdateId, this.syncedThroughId)
        const snapshot = Y.encodeStateAsUpdate(this.doc)
        await this.docs.compact(this.draftId, snapshot, through)
        this.syncedThroughId = through
        this.events.compacted(snapshot.byteLength)
      })
    }
    this.logCount = 0
    this.logBytes = 0
  }

  /** What the shared log holds beyond what this room has surely seen (for a repair; idempotent to apply). */
  newerInStorage(): Promise<StoredDoc> {
    return this.docs.loadSince(this.draftId, this.syncedThroughId)
  }

  private fail(error: unknown): void {
    if (this.failed) return
    this.failed = true
    this.events.failed(error)
  }
}
