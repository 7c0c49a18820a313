import * as Y from 'yjs'

/** What is stored of a draft's Y.Doc: the last snapshot and the updates appended after it. */
export interface StoredDoc {
  readonly snapshot: Uint8Array | null
  readonly updates: Uint8Array[]
  /** Id of the newest stored update (0 when none); compaction folds updates up to an id. */
  readonly lastUpdateId: number
}

/** What the server last measured of a draft (after a compaction) and, if its stored log could not be loaded within the limits, why. */
export interface DraftHealth {
  readonly bytes: number
  readonly items: number
  readonly measuredAt: string | null
  /** Set while the draft is read-only from its last good state; cleared by `draft repair`. */
  readonly damage: string | null
  readonly damagedAt: string | null
}

/** One row of a draft's update log. */
export interface StoredUpdate {
  readonly id: number
  readonly data: Uint8Array
  /** The user whose connection sent it; null for the server's own changes and rows stored before authors were kept. */
  readonly authorId: string | null
}

export interface DocStats {
  readonly updates: number
  readonly updateBytes: number
  readonly snapshotBytes: number
}

export interface DraftSize {
  readonly bytes: number
  readonly items: number
}

/**
 * A draft's document log (snapshot plus append-only updates) and its health: all the collaboration
 * code needs of storage. The draft's first snapshot is written by `Storage.createDraft`.
 */
export interface DocStore {
  load(draftId: string): Promise<StoredDoc>
  /**
   * What was stored after update `afterId`: the snapshot only if it folds updates with a greater id,
   * the updates with a greater id in append order, and the newest id included (`afterId` when nothing
   * is newer). Several processes compacting one draft catch up with it first. `everyUpdate`: every
   * update still in the log, whatever its id (a compaction must fold all it deletes; on PostgreSQL an
   * update with a lower id can commit after one with a higher id).
   */
  loadSince(draftId: string, afterId: number, options?: { readonly everyUpdate?: boolean }): Promise<StoredDoc>
  /** Appends one Yjs update durably, with the user who wrote it (null: the server itself), and returns its id. */
  append(draftId: string, update: Uint8Array, authorId?: string | null): Promise<number>
  /** Replaces the snapshot and drops the updates with id ≤ throughUpdateId, atomically. */
  compact(draftId: string, snapshot: Uint8Array, throughUpdateId: number): Promise<void>
  /**
   * Runs `fn` holding the draft's compaction lock, or returns false at once without running it when
   * another process holds it (PostgreSQL advisory lock; one process on SQLite: always runs). While
   * `fn` runs no update of the draft is being appended: those in flight have committed, new ones wait.
   */
  withCompactionLock(draftId: string, fn: () => Promise<void>): Promise<boolean>
  stats(draftId: string): Promise<DocStats>
  /** The draft's update log with ids, in append order (for `draft repair`). */
  listUpdates(draftId: string): Promise<StoredUpdate[]>
  /** Deletes these updates of the draft's log; returns how many were deleted. */
  dropUpdates(draftId: string, ids: readonly number[]): Promise<number>
  /** Remembers the draft's size as measured now. */
  recordSize(draftId: string, size: DraftSize): Promise<void>
  /** Marks the draft damaged (read-only from its last good state) with a reason, or clears the mark (null). */
  setDamage(draftId: string, damage: string | null): Promise<void>
  /** Null when nothing was ever measured or marked. */
  getHealth(draftId: string): Promise<DraftHealth | null>
}

/** Applies a stored snapshot and its updates to `doc` in one transaction (one merge at its end, not one per update). */
export function applyStoredDoc(doc: Y.Doc, stored: Pick<StoredDoc, 'snapshot' | 'updates'>, origin: unknown = null): void {
  Y.transact(
    doc,
    () => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(doc, update)
    },
    origin,
  )
}
