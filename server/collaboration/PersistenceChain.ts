import * as Y from 'yjs'
import { type DocStore, type StoredDoc, applyStoredDoc } from '../storage/docs'
import type { ChangeNote, ClauseChange, UpdateAuthor } from './clauseChanges'
import type { Connection } from './Connection'
import type { SuggestionChange } from './guard/suggestionChanges'
import { REMOTE_ORIGIN } from './origins'

/** At most this many updates are merged into one stored row and one broadcast (merging grows faster than linearly). */
const MAX_BATCH = 256

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** An applied update waiting to be stored, with who wrote it and what it did to the clauses. */
export interface PendingUpdate {
  readonly update: Uint8Array
  readonly from: Connection | null
  /** Null: the server's own change, made for no one (e.g. a repair). */
  readonly author: UpdateAuthor | null
  readonly changes: readonly ClauseChange[]
  /** What it did to suggestions (their text, or their fate). */
  readonly suggestions: readonly SuggestionChange[]
  /** A server-side change's decision (its fate and reason). */
  readonly note: ChangeNote | null
}

/** The batch's updates by author, in the order each author first appears. */
function byAuthor(batch: readonly PendingUpdate[]): PendingUpdate[][] {
  const groups = new Map<string | null, PendingUpdate[]>()
  for (const pending of batch) {
    const key = pending.author?.id ?? null
    const group = groups.get(key)
    if (group) group.push(pending)
    else groups.set(key, [pending])
  }
  return [...groups.values()]
}

export interface PersistenceOptions {
  readonly compactAfterUpdates: number
  readonly compactAfterBytes: number
}

/** One stored row: its id, its author and what its updates did to the clauses. */
export interface StoredBatch {
  readonly id: number
  readonly author: UpdateAuthor | null
  readonly changes: readonly ClauseChange[]
  readonly suggestions: readonly SuggestionChange[]
  readonly note: ChangeNote | null
}

/** What the chain tells its room. */
export interface PersistenceEvents {
  /** An update (one or several of one author, merged) is stored with this id: now it may reach peers and connections. */
  persisted(update: Uint8Array, from: Connection | null, stored: StoredBatch): void
  /** The log was folded into a snapshot of this many bytes. */
  compacted(snapshotBytes: number): void
  /** Storage failed: nothing more is stored. */
  failed(error: unknown): void
}

/**
 * A room's persistence, in one ordered chain: pending updates stored by group commit (one row and
 * one broadcast per author and event-loop turn: a row's author is the one user who wrote all of it), compaction of the log into a snapshot, and the steps that
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
  push(pending: PendingUpdate): void {
    this.pending.push(pending)
    if (this.pending.length > 1) return // the persistence step already chained takes this one too
    // Chained now, so a joiner's answer queued after this update waits for it to be stored; run one
    // event-loop turn later, so that updates read from every socket in this turn share one write
    // (one fsync) and one broadcast: group commit under load, no added wait when idle.
    this.tail = this.tail
      .then(nextTurn)
      .then(() => this.persistPending())
      .catch((error: unknown) => this.fail(error))
  }

  /** Stores the pending updates as one merged update per author, then reports each; chains a step for any left over. */
  private async persistPending(): Promise<void> {
    const batch = this.pending.splice(0, MAX_BATCH)
    if (this.pending.length > 0) this.tail = this.tail.then(() => this.persistPending()).catch((error: unknown) => this.fail(error))
    if (this.failed || batch.length === 0) return
    for (const group of byAuthor(batch)) {
      const first = group[0]
      if (!first) continue
      const update = group.length === 1 ? first.update : Y.mergeUpdates(group.map((p) => p.update))
      // Persist before broadcast: a peer must never see an update we could lose.
      const id = await this.docs.append(this.draftId, update, first.author?.id ?? null)
      this.lastUpdateId = Math.max(this.lastUpdateId, id)
      this.logCount += 1
      this.logBytes += update.byteLength
      // Updates of several connections go to all of them: Yjs ignores what a client already has.
      const from = group.every((p) => p.from === first.from) ? first.from : null
      this.events.persisted(update, from, { id, author: first.author, changes: group.flatMap((p) => p.changes), suggestions: group.flatMap((p) => p.suggestions), note: group.find((p) => p.note)?.note ?? null })
    }
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
