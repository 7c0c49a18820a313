import type { Logger } from 'pino'
import type * as Y from 'yjs'
import { clauseSnapshots } from '../../shared/diff/snapshot'
import { bodyText, readClauseEntries } from '../../shared/draft/ydoc'
import type { ClauseSnapshot } from '../../shared/diff/types'
import type { HistoryEvent } from '../../shared/threadsApi'
import type { ClauseChange, ClauseHistorySink, UpdateAuthor } from '../collaboration/clauseChanges'
import { People } from '../services/people'
import type { SearchEntry, SearchIndexSize, SearchStore } from '../storage/search'
import type { Storage } from '../storage/Storage'
import type { DraftEvent } from '../storage/threads'
import { type LabelOf, type StateNames, clauseEntry, commentEntry, eventEntry, indexedEvent, positionEntry, proposalEntry, revisionEntries } from './entries'

/** Reads a draft's document (the live one when loaded, else from storage). */
export type DraftReader = <T>(draftId: string, read: (doc: Y.Doc) => T) => Promise<T>

/** Live text is indexed this long after the last edit of a clause (per draft and clause), not on every keystroke. */
export const SEARCH_INDEX_DELAY_MS = 1500

/** How long a draft's clause labels read for indexing events are reused. */
const LABELS_KEPT_MS = 1000

interface Pending {
  timer: ReturnType<typeof setTimeout>
  /** The clause was added, deleted, moved or changed kind: every clause's label may have changed. */
  structural: boolean
}

/**
 * Keeps the search index current. The rooms tell it (as a ClauseHistorySink) which clauses a
 * stored update changed: each is re-read and re-indexed once its edits have stopped for
 * `delayMs`. Every published draft event indexes itself and what it is about (a comment, a
 * proposal, positions). Saved revisions are indexed whole. A draft never indexed whole is indexed
 * before it is first searched. All writes of one draft run one after the other.
 */
export class SearchIndexer implements ClauseHistorySink {
  private readonly chains = new Map<string, Promise<void>>()
  private readonly pending = new Map<string, Pending>()
  /** Each draft's clause labels, kept a moment (or until this process sees a clause added, deleted or moved): a burst of events reads them once. */
  private readonly labelCache = new Map<string, { read: Promise<Map<string, string>>; at: number }>()
  private states: Promise<StateNames> | null = null
  private closed = false

  constructor(
    private readonly storage: Storage,
    readonly index: SearchStore,
    private readonly readDraft: DraftReader,
    private readonly log: Logger,
    private readonly delayMs = SEARCH_INDEX_DELAY_MS,
  ) {}

  record(draftId: string, _author: UpdateAuthor, _updateId: number, changes: readonly ClauseChange[]): void {
    if (this.closed) return
    for (const change of changes) {
      const structural = change.kind === 'added' || change.kind === 'deleted' || change.fields.includes('position') || change.fields.includes('kind')
      const key = `${draftId}\u0000${change.clauseId}`
      const seen = this.pending.get(key)
      if (seen) clearTimeout(seen.timer)
      if (structural) this.labelCache.delete(draftId)
      const timer = setTimeout(() => this.flushClause(draftId, change.clauseId), this.delayMs)
      this.pending.set(key, { timer, structural: structural || (seen?.structural ?? false) })
    }
  }

  /** A draft event was published by this process: index it and what it is about. */
  eventPublished(draftId: string, event: HistoryEvent): void {
    this.enqueue(draftId, () => this.indexEvent(draftId, event))
  }

  /** A revision was saved: its clauses become searchable as that revision. */
  revisionSaved(draftId: string, number: number): void {
    this.enqueue(draftId, async () => {
      const meta = await this.storage.revisions.getRevision(draftId, number)
      const clauses = await this.storage.revisions.revisionClauses(draftId, number)
      if (meta && clauses) await this.index.put(revisionEntries(meta, clauses))
    })
  }

  /** Indexes, whole, those of the drafts never indexed so (before they are searched). */
  async ensure(draftIds: readonly string[]): Promise<void> {
    for (const draftId of await this.index.unindexed(draftIds)) {
      // Asked again in turn: two searches at once index a new draft once.
      await this.run(draftId, async () => {
        if ((await this.index.unindexed([draftId])).length > 0) await this.indexDraft(draftId)
      })
    }
  }

  /**
   * The admin command: indexes these drafts whole again, read afresh from storage; `all`: the index
   * is emptied first (entries of drafts no longer listed go too). Returns the index's size after.
   */
  async rebuild(draftIds: readonly string[], all: boolean): Promise<SearchIndexSize> {
    if (all) await this.index.clear()
    for (const draftId of draftIds) await this.run(draftId, () => this.indexDraft(draftId))
    return this.index.size()
  }

  /** Indexes now what is waiting for its delay, and resolves once every write so far is done (tests, shutdown). */
  async settled(): Promise<void> {
    for (const [key, pending] of [...this.pending]) {
      clearTimeout(pending.timer)
      const [draftId = '', clauseId = ''] = key.split('\u0000')
      this.flushClause(draftId, clauseId)
    }
    await Promise.all([...this.chains.values()])
  }

  async close(): Promise<void> {
    await this.settled()
    this.closed = true
  }

  /** A clause's edits have stopped: it is indexed with every other clause of its draft still waiting, from one read of the document. */
  private flushClause(draftId: string, clauseId: string): void {
    if (!this.pending.has(`${draftId}\u0000${clauseId}`)) return
    const clauseIds: string[] = []
    let structural = false
    for (const [key, pending] of [...this.pending]) {
      const [ofDraft = '', id = ''] = key.split('\u0000')
      if (ofDraft !== draftId) continue
      clearTimeout(pending.timer)
      this.pending.delete(key)
      clauseIds.push(id)
      structural ||= pending.structural
    }
    this.enqueue(draftId, () => this.indexClauses(draftId, clauseIds, structural))
  }

  private enqueue(draftId: string, work: () => Promise<void>): void {
    void this.run(draftId, work).catch((error: unknown) => this.log.error({ err: error, draftId }, 'could not update the search index'))
  }

  /** One draft's index writes in order; `work` runs after those before it. */
  private run(draftId: string, work: () => Promise<void>): Promise<void> {
    // Each job waits for the next turn: a burst of events (a 300-clause restore) must not hold the event loop in one go.
    const next = (this.chains.get(draftId) ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(work)
    const kept = next.catch(() => undefined)
    this.chains.set(draftId, kept)
    void kept.then(() => {
      if (this.chains.get(draftId) === kept) this.chains.delete(draftId)
    })
    return next
  }

  private stateNames(): Promise<StateNames> {
    this.states ??= this.storage.listMemberStates().then((list) => new Map(list.map((s) => [s.code, s.name])))
    return this.states
  }

  private liveClauses(draftId: string): Promise<ClauseSnapshot[]> {
    return this.readDraft(draftId, clauseSnapshots)
  }

  private async indexClauses(draftId: string, clauseIds: readonly string[], structural: boolean): Promise<void> {
    // Only these clauses' bodies are rendered to text; the others give their labels when they may have moved.
    const { clauses, gone, labels } = await this.readDraft(draftId, (doc) => {
      const entries = readClauseEntries(doc)
      const byId = new Map(entries.map((c) => [c.id, c]))
      const found = clauseIds.flatMap((id) => {
        const entry = byId.get(id)
        return entry ? [{ id: entry.id, label: entry.label, heading: entry.heading, text: bodyText(entry.body) }] : []
      })
      return {
        clauses: found,
        gone: clauseIds.filter((id) => !byId.has(id)),
        labels: structural ? entries.map((c) => ({ clauseId: c.id, label: c.label })) : [],
      }
    })
    const at = new Date().toISOString()
    if (clauses.length > 0) await this.index.put(clauses.map((clause) => clauseEntry(draftId, clause, at)))
    if (gone.length > 0) await this.index.remove(draftId, gone.map((id) => `clause:${id}`))
    if (labels.length > 0) await this.index.relabel(draftId, labels)
  }

  private async labels(draftId: string): Promise<LabelOf> {
    let cached = this.labelCache.get(draftId)
    // Another process's moves are not seen here: the labels are read again after LABELS_KEPT_MS.
    if (!cached || performance.now() - cached.at > LABELS_KEPT_MS) {
      // Labels only: rendering every clause's text for each event made a 300-event burst quadratic.
      const read = this.readDraft(draftId, (doc) => new Map(readClauseEntries(doc).map((c) => [c.id, c.label])))
      cached = { read, at: performance.now() }
      this.labelCache.set(draftId, cached)
      read.catch(() => this.labelCache.delete(draftId))
    }
    const byId = await cached.read
    return (clauseId) => (clauseId ? (byId.get(clauseId) ?? '') : '')
  }

  private async indexEvent(draftId: string, event: HistoryEvent): Promise<void> {
    const states = await this.stateNames()
    const people = new People(this.storage)
    const labelOf = await this.labels(draftId)
    const entries: SearchEntry[] = []
    const stored: DraftEvent = { ...event, draftId, actorId: event.actor.id, actorState: event.actor.state }
    if (indexedEvent(event.type)) entries.push(eventEntry(stored, event.actor, states, labelOf))
    const thread = event.threadId ? await this.storage.threads.getThread(event.threadId) : null
    if (event.type === 'comment.deleted' && event.commentId) await this.index.remove(draftId, [`comment:${event.commentId}`])
    else if (thread && event.commentId) {
      const comment = await this.storage.threads.getComment(event.commentId)
      if (comment && !comment.deletedAt) entries.push(commentEntry(thread, comment, await people.get(comment.authorId), states, labelOf))
    }
    if (thread && event.type === 'thread.created') {
      const proposal = proposalEntry(thread, await people.get(thread.authorId), states, labelOf)
      if (proposal) entries.push(proposal)
    }
    if (event.type === 'position.recorded' && event.clauseId) {
      for (const position of await this.storage.threads.positionHistory(draftId, event.clauseId)) {
        entries.push(positionEntry(position, await people.get(position.authorId), states, labelOf))
      }
    }
    await this.index.put(entries)
  }

  /** Everything of one draft, read afresh: live clauses, revisions, threads, comments, proposals, positions, events. */
  private async indexDraft(draftId: string): Promise<void> {
    const states = await this.stateNames()
    const people = new People(this.storage)
    const clauses = await this.liveClauses(draftId)
    const byId = new Map(clauses.map((c) => [c.id, c.label]))
    const labelOf: LabelOf = (clauseId) => (clauseId ? (byId.get(clauseId) ?? '') : '')
    const at = new Date().toISOString()
    const entries: SearchEntry[] = clauses.map((c) => clauseEntry(draftId, c, at))
    for (const meta of await this.storage.revisions.listRevisions(draftId)) {
      entries.push(...revisionEntries(meta, (await this.storage.revisions.revisionClauses(draftId, meta.number)) ?? []))
    }
    const threads = await this.storage.threads.listThreads(draftId)
    const threadById = new Map(threads.map((t) => [t.id, t]))
    for (const thread of threads) {
      const proposal = proposalEntry(thread, await people.get(thread.authorId), states, labelOf)
      if (proposal) entries.push(proposal)
    }
    for (const comment of await this.storage.threads.listComments(threads.map((t) => t.id))) {
      const thread = threadById.get(comment.threadId)
      if (thread && !comment.deletedAt) entries.push(commentEntry(thread, comment, await people.get(comment.authorId), states, labelOf))
    }
    for (const position of await this.storage.threads.positionHistory(draftId)) {
      entries.push(positionEntry(position, await people.get(position.authorId), states, labelOf))
    }
    for (const event of await this.storage.threads.listEvents(draftId)) {
      if (indexedEvent(event.type)) entries.push(eventEntry(event, await people.get(event.actorId), states, labelOf))
    }
    await this.index.replaceDraft(draftId, entries)
  }
}
