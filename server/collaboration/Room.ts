import type { Logger } from 'pino'
import * as Y from 'yjs'
import { CloseCode, type CloseCodeValue } from '../../shared/closeCodes'
import { type DocStore, applyStoredDoc } from '../storage/docs'
import { type ChangeNote, type ClauseHistorySink, type UpdateAuthor, clauseChanges } from './clauseChanges'
import { type DraftDelta, analyzeTransaction } from './guard/changes'
import { suggestionChanges } from './guard/suggestionChanges'
import { type PresenceLimits, RoomAwareness } from './awareness'
import { PresenceTooLargeError } from './presenceFields'
import type { Connection } from './Connection'
import { type MessageHandlers, dispatchFrame } from './dispatch'
import { DraftGuard } from './guard/draftGuard'
import { type Refusal, type UpdateInspector, costInspector, inspectUpdate } from './inspection'
import { REMOTE_ORIGIN, SERVER_ORIGIN } from './origins'
import { Pacer } from './pacer'
import { PersistenceChain } from './PersistenceChain'
import { UnknownMessageError, syncStep1Message, syncStep2Message, updateMessage } from './protocol'
import { RoomConnections, closeSocket } from './RoomConnections'
import { DraftDamagedError, type LoadDamage, type RevisionReader, loadWithinLimits } from './roomLoad'
import { countItems, measureUpdate } from './updateCost'
import { type CostLimits, UpdateGuard } from './updateGuard'

export { REMOTE_ORIGIN, SERVER_ORIGIN, closeSocket }

/** How many websockets one user (all drafts), and one draft, may hold on this process (the endpoint checks). */
export interface SocketLimits {
  readonly maxSocketsPerUser: number
  readonly maxSocketsPerDraft: number
}

export interface RoomOptions extends CostLimits, PresenceLimits, SocketLimits {
  readonly presenceQueryIntervalMs: number
  readonly compactAfterUpdates: number
  readonly compactAfterBytes: number
  readonly awarenessBatchMs: number
  readonly sendBufferLimitBytes: number
}

/** What a room needs of storage: the draft's document log, and revisions to fall back on when its snapshot is beyond the limits. */
export interface RoomStorage {
  readonly docs: DocStore
  readonly revisions: RevisionReader
}

/** Where a room sends what peer processes need (see RedisBus); none in a single process. */
export interface RoomPeers {
  /** One of this process's updates, once persisted. */
  update(update: Uint8Array): void
  /** A batch of presence entries of this process's own connections (a y-protocols awareness update). */
  awareness(update: Uint8Array): void
}

// An encoded state vector with no entries: a client that has nothing yet.
const isEmptyStateVector = (sv: Uint8Array): boolean => sv.length === 1 && sv[0] === 0
// An encoded update with no structs and no deletions (what y-websocket sends when it has nothing).
const isEmptyUpdate = (update: Uint8Array): boolean => update.length === 2 && update[0] === 0 && update[1] === 0

// An update this large waits a turn between its inspection and its application (each a long run of work).
const DEFER_AFTER_BYTES = 64 * 1024

/**
 * One loaded draft: its Y.Doc, wired to its parts: the connections (RoomConnections), presence
 * (RoomAwareness), the inspection of incoming updates (`inspectors`) and persistence
 * (PersistenceChain). Every document change is persisted before it is broadcast or served to a joiner.
 */
export class Room {
  readonly doc = new Y.Doc()
  readonly connections: RoomConnections
  readonly ready: Promise<void>
  /** The cost check's state (the draft's size, each connection's minute budget). */
  readonly guard: UpdateGuard
  /**
   * The inspection point: every client update passes these, in order, before it is applied. The
   * cost check is first; the draft guard (what the update changes, against the sender's
   * permissions) goes after it.
   */
  private readonly inspectors: readonly UpdateInspector[]
  /** What each client update changes, judged against its sender's rights on a shadow of the document. */
  private readonly draftGuard = new DraftGuard()
  /** Admitted updates waiting for their turn on the live document (see receiveUpdate). */
  private readonly admitted: (() => void)[] = []
  private draining: Promise<void> | null = null
  private readonly awareness: RoomAwareness
  private readonly queried = new WeakMap<Connection, number>()
  private readonly presenceQueryIntervalMs: number
  private readonly chain: PersistenceChain
  private readonly pacer = new Pacer()
  /** The protocol dispatch's handlers for this room's messages. */
  private readonly handlers: MessageHandlers = {
    syncStep1: (conn, stateVector) => this.answerSyncStep1(conn, stateVector),
    update: (conn, update) => this.receiveUpdate(conn, update),
    awareness: (conn, update) => {
      const reply = this.awareness.receive(conn, update)
      if (reply) this.connections.send(conn, reply)
    },
    queryAwareness: (conn) => {
      // Each answer is the whole room's presence: answered at most once an interval per connection.
      const now = Date.now()
      if (now - (this.queried.get(conn) ?? -Infinity) < this.presenceQueryIntervalMs) return
      this.queried.set(conn, now)
      this.sendPresence(conn)
    },
  }
  /** Set when the stored draft could not be loaded within the limits: read-only for everyone, never compacted. */
  private damageFound: LoadDamage | null = null
  private loaded = false
  private peers: RoomPeers | null = null
  /** Sync step 2 for a joiner with an empty document, reused until the document changes. */
  private fullStateMessage: Uint8Array | null = null
  /** While a server-side change runs: the user it is made for (its stored update's author). */
  private changeAuthor: UpdateAuthor | null = null
  /** While a server-side change runs: the decision it carries out, if any. */
  private changeNote: ChangeNote | null = null
  /** What the update being applied changes (the guard's account of a client's; analysed for the server's own). */
  private applying: DraftDelta | null = null

  constructor(
    readonly draftId: string,
    private readonly storage: RoomStorage,
    options: RoomOptions,
    private readonly log: Logger,
    /** Inspectors run after the cost check (the draft guard's place). */
    moreInspectors: readonly UpdateInspector[] = [],
    /** Told, once each update is stored, what it did to the clauses and who wrote it (the per-clause history). */
    private readonly history: ClauseHistorySink | null = null,
  ) {
    this.guard = new UpdateGuard(options)
    // The draft guard last: it applies the update to its shadow, which an earlier refusal would spare.
    this.inspectors = [costInspector(this.guard), ...moreInspectors, this.draftGuard]
    this.awareness = new RoomAwareness(
      options.awarenessBatchMs,
      (message) => this.connections.broadcast(message, null),
      (update) => this.peers?.awareness(update),
      options,
    )
    this.presenceQueryIntervalMs = options.presenceQueryIntervalMs
    this.connections = new RoomConnections(options.sendBufferLimitBytes, (conn) => {
      this.awareness.remove(conn)
      this.awareness.flush()
    })
    this.chain = new PersistenceChain(draftId, this.doc, storage.docs, options, {
      persisted: (update, from, stored) => {
        this.peers?.update(update)
        this.connections.broadcast(updateMessage(update), from)
        if (stored.author && (stored.changes.length > 0 || stored.suggestions.length > 0)) this.history?.record(this.draftId, stored.author, stored.id, stored.changes, stored.suggestions, stored.note)
      },
      compacted: (bytes) => this.measured(bytes),
      failed: (error) => {
        this.log.error({ draftId: this.draftId, err: error }, 'could not persist an update; closing the draft')
        this.connections.closeAll(CloseCode.INTERNAL_ERROR)
      },
    })
    this.ready = this.load()
    this.ready.catch(() => undefined) // observed by whoever awaits it; avoid an unhandled rejection here
  }

  get isLoaded(): boolean {
    return this.loaded
  }

  get isFailed(): boolean {
    return this.chain.isFailed
  }

  get damage(): LoadDamage | null {
    return this.damageFound
  }

  private async load(): Promise<void> {
    const stored = await this.storage.docs.load(this.draftId)
    this.damageFound = await loadWithinLimits(this.draftId, this.doc, stored, this.guard, this.storage.revisions)
    this.chain.loaded(stored, this.damageFound !== null)
    this.doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => this.onDocUpdate(update, origin, tr))
    // The server's own changes are analysed here (before garbage collection): what they do to suggestions is recorded too.
    this.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === SERVER_ORIGIN && this.history) this.applying = analyzeTransaction(this.doc, tr)
    })
    this.loaded = true
  }

  /** Links the room to its peer processes (once): our persisted updates and presence go to them; the log is shared. */
  attachPeers(peers: RoomPeers): void {
    this.peers = peers
    this.chain.shareLog()
  }

  /** Adds a connection to the loaded room: our sync step 1, then everyone's presence. */
  addConnection(conn: Connection): void {
    if (!this.loaded) throw new Error('addConnection before the room has loaded')
    this.connections.add(conn)
    this.connections.send(conn, syncStep1Message(Y.encodeStateVector(this.doc)))
    this.sendPresence(conn)
  }

  /** Characters of presence the room holds (bounded by roomPresenceMaxBytes). */
  get presenceBytes(): number {
    return this.awareness.heldBytes
  }

  /** Handles one frame; anything malformed closes this connection only. */
  receive(conn: Connection, frame: Uint8Array): void {
    if (!this.connections.has(conn)) return
    try {
      dispatchFrame(this.handlers, conn, frame)
    } catch (error) {
      const code =
        error instanceof UnknownMessageError ? CloseCode.UNKNOWN_MESSAGE_TYPE
        : error instanceof PresenceTooLargeError ? CloseCode.PRESENCE_TOO_LARGE
        : CloseCode.MALFORMED_MESSAGE
      this.log.warn({ draftId: this.draftId, user: conn.user.username, err: error }, 'refused a websocket message')
      this.close(conn, code)
    }
  }

  /** Answers a client's state vector once everything already applied has been persisted. */
  private answerSyncStep1(conn: Connection, stateVector: Uint8Array): void {
    // Paced: a join storm on a large draft must not encode every joiner's answer in one run of
    // microtasks while other requests wait.
    this.chain.then(() => this.pacer.slice())
    this.chain.then(() => {
      if (!this.connections.has(conn)) return
      if (isEmptyStateVector(stateVector)) {
        this.fullStateMessage ??= syncStep2Message(Y.encodeStateAsUpdate(this.doc))
        this.connections.send(conn, this.fullStateMessage)
      } else {
        this.connections.send(conn, syncStep2Message(Y.encodeStateAsUpdate(this.doc, stateVector)))
      }
    })
  }

  /** A client's update: inspected whole, then applied; a read-only connection's is never applied, stored or broadcast. */
  private receiveUpdate(conn: Connection, update: Uint8Array): void {
    if (this.isReadOnly(conn)) return
    // A joiner with nothing of its own answers sync step 1 with an empty update: nothing to inspect or apply.
    if (isEmptyUpdate(update)) return
    // Inspected whole first (which also validates it: Yjs integrates structs before it reads the
    // delete set, so a damaged tail would leave half an update in everyone's document).
    const verdict = inspectUpdate(this.inspectors, conn, update, this.doc)
    if (!verdict.ok) return this.refuse(conn, verdict)
    const generation = this.draftGuard.generation
    const apply = () => {
      if (!this.loaded) return
      this.applying = verdict.delta
      try {
        this.draftGuard.applyAdmitted(generation, () => Y.applyUpdate(this.doc, update, conn))
      } finally {
        this.applying = null
      }
      verdict.admit()
    }
    // A large update has just been applied once, to the guard's shadow: the live document takes it
    // on the next turn (and every update after it, in order), so others are answered in between.
    if (this.admitted.length > 0 || update.length > DEFER_AFTER_BYTES) this.defer(apply)
    else apply()
  }

  private defer(apply: () => void): void {
    this.admitted.push(apply)
    this.draining ??= (async () => {
      for (let next = this.admitted.shift(); next; next = this.admitted.shift()) {
        await new Promise<void>((resolve) => setImmediate(resolve))
        next()
      }
      this.draining = null
    })()
  }

  /** Everyone's presence, to one connection. */
  private sendPresence(conn: Connection): void {
    const presence = this.awareness.encodeAll()
    if (presence) this.connections.send(conn, presence)
  }

  /** The read-only rule as the room applies it: the connection's role and phase, or the draft's damage. */
  private isReadOnly(conn: Connection): boolean {
    return conn.readOnly || this.damageFound !== null
  }

  /** An update refused by an inspector: nothing of it was applied; its connection is closed with the code. */
  private refuse(conn: Connection, verdict: Refusal): void {
    this.log.warn({ draftId: this.draftId, user: conn.user.username, code: verdict.code, reason: verdict.reason }, 'refused a costly update')
    this.close(conn, verdict.code)
  }

  private onDocUpdate(update: Uint8Array, origin: unknown, tr: Y.Transaction): void {
    this.fullStateMessage = null
    if (origin === REMOTE_ORIGIN) {
      // Already persisted by the process it came from: straight to our connections.
      this.connections.broadcast(updateMessage(update), null)
      return
    }
    // A client's update keeps its author even when its connection closed before its turn came (deferred).
    const sender = origin && typeof origin === 'object' && 'user' in origin && 'ws' in origin ? (origin as Connection) : null
    const from = sender && this.connections.has(sender) ? sender : null
    const author = sender ? { id: sender.user.id, stateCode: sender.user.stateCode } : origin === SERVER_ORIGIN ? this.changeAuthor : null
    const delta = this.applying
    this.applying = null
    const suggestions = author && delta && this.history ? suggestionChanges(this.doc, delta, author.id) : []
    this.chain.push({ update, from, author, changes: author && this.history ? clauseChanges(this.doc, tr) : [], suggestions, note: origin === SERVER_ORIGIN ? this.changeNote : null })
  }

  /** The draft's size is known exactly after a compaction: the guard counts from it, the secretariat sees it. */
  private measured(bytes: number): void {
    const items = countItems(this.doc)
    this.guard.measured(bytes, items)
    this.storage.docs.recordSize(this.draftId, { bytes, items }).catch((error: unknown) => this.log.warn({ err: error, draftId: this.draftId }, 'could not record the draft size'))
  }

  /** Applies an update a peer process has persisted (pub/sub or a repair answer): broadcast, not stored. */
  applyRemoteUpdate(update: Uint8Array): void {
    if (!this.loaded || this.isFailed) return
    const cost = measureUpdate(update, this.doc) // whole, before applying (as for clients); inspected by its process
    Y.applyUpdate(this.doc, update, REMOTE_ORIGIN)
    this.guard.admit(cost)
  }

  /** Applies what the shared log holds beyond what this room has surely seen (a repair; idempotent). */
  async catchUpFromStorage(): Promise<void> {
    const since = await this.chain.newerInStorage()
    if (!this.loaded || this.isFailed) return
    applyStoredDoc(this.doc, since, REMOTE_ORIGIN)
  }

  /** Applies a peer process's (hex id) presence batch and relays it to our connections. */
  applyRemoteAwareness(update: Uint8Array, peer: string): void {
    if (this.loaded) this.awareness.receiveRemote(update, peer)
  }

  /** Removes, for our connections, the presence of the clients of a peer process that is gone. */
  dropPeer(peer: string): void {
    if (this.loaded) this.awareness.dropPeer(peer)
  }

  /** The presence of this process's own connections, for peers (null when none). */
  ownAwareness(): Uint8Array | null {
    return this.loaded ? this.awareness.encodeOwn() : null
  }

  /** What a peer with this state vector lacks, once everything applied here is persisted. */
  async diffFor(stateVector: Uint8Array): Promise<Uint8Array> {
    await this.settled()
    return Y.encodeStateAsUpdate(this.doc, stateVector)
  }

  /** Waits for every pending write; then compacts the log into one snapshot. */
  async flushAndCompact(): Promise<void> {
    await this.settled()
    if (this.loaded && !this.isFailed) await this.chain.compact()
  }

  /**
   * A change made by the server itself (applying a proposal, restoring a revision): persisted and
   * then broadcast to every connection like any update. Resolves once it is stored. `by`: the user
   * it is made for, its stored update's author (none: the server's own).
   */
  async change<T>(edit: (doc: Y.Doc) => T, by: UpdateAuthor | null = null, note: ChangeNote | null = null): Promise<T> {
    if (this.damageFound) throw new DraftDamagedError(this.damageFound.reason)
    let result: T | undefined
    this.changeAuthor = by
    this.changeNote = note
    try {
      this.doc.transact(() => {
        result = edit(this.doc)
      }, SERVER_ORIGIN)
    } finally {
      this.changeAuthor = null
      this.changeNote = null
    }
    await this.chain.settled()
    if (this.isFailed) throw new Error('the draft could not be stored')
    return result as T
  }

  /** Waits for every admitted update to be applied and every pending write. */
  async settled(): Promise<void> {
    while (this.draining) await this.draining
    return this.chain.settled()
  }

  /** Closes one connection with a documented code and forgets it. */
  close(conn: Connection, code: CloseCodeValue): void {
    this.connections.close(conn, code)
  }

  removeConnection(conn: Connection): void {
    this.connections.remove(conn)
  }

  destroy(): void {
    this.loaded = false
    this.awareness.destroy()
    this.doc.destroy()
  }
}
