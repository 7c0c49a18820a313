import type { Logger } from 'pino'
import type { ChangeNote, ClauseChange, ClauseHistorySink, UpdateAuthor } from '../collaboration/clauseChanges'
import type { SuggestionChange } from '../collaboration/guard/suggestionChanges'
import type { SuggestionDecision } from './notifications/notifications'
import { recordSuggestions } from './suggestionRecord'
import type { EventType, NewEvent } from '../storage/threads'
import type { Storage } from '../storage/Storage'
import type { DraftEventBus } from './eventBus'
import { People } from './people'
import { historyEvent } from './threadViews'

/** Typing in a clause leaves one `clause.edited` per user and clause in this window (later ones are not written). */
export const CLAUSE_EDIT_MERGE_MS = 10 * 60_000

/** Clause events written before the history lets the event loop turn. */
const HISTORY_BATCH = 10

const EVENT_OF: Readonly<Record<ClauseChange['kind'], EventType>> = {
  added: 'clause.added',
  deleted: 'clause.deleted',
  edited: 'clause.edited',
  status: 'clause.status',
}

/** One change per clause and kind (a merged row may hold several of one author), fields united. */
function distinct(changes: readonly ClauseChange[]): ClauseChange[] {
  const byKey = new Map<string, ClauseChange>()
  for (const change of changes) {
    const key = `${change.kind}\u0000${change.clauseId}`
    const seen = byKey.get(key)
    byKey.set(key, seen ? { ...change, fields: [...new Set([...seen.fields, ...change.fields])].sort() } : change)
  }
  return [...byKey.values()]
}

/**
 * The per-clause history: once a room has stored an update, its clause changes become draft events
 * by the update's author (`clause.added`, `clause.deleted`, `clause.status`, `clause.edited` merged per
 * CLAUSE_EDIT_MERGE_MS), each with the stored update's id, published live like every other event.
 * Written one draft at a time in the order the updates were stored, after the update (never before
 * it: the history never tells of a change that was not kept); a failure is logged, the text is kept.
 */
export class ClauseHistory implements ClauseHistorySink {
  private readonly chains = new Map<string, Promise<void>>()
  /** Told of each suggestion accepted or rejected once it is recorded (the notifications: its State hears of it). */
  onSuggestionDecided: ((decision: SuggestionDecision) => Promise<void>) | null = null

  constructor(
    private readonly storage: Storage,
    private readonly events: DraftEventBus,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(draftId: string, author: UpdateAuthor, updateId: number, changes: readonly ClauseChange[], suggestions: readonly SuggestionChange[] = [], note: ChangeNote | null = null): void {
    const previous = this.chains.get(draftId) ?? Promise.resolve()
    const next = previous
      .then(() => this.write(draftId, author, updateId, changes, suggestions, note))
      .catch((error: unknown) => this.log.error({ err: error, draftId, updateId }, 'could not record the clause history of an update'))
    this.chains.set(draftId, next)
    void next.finally(() => {
      if (this.chains.get(draftId) === next) this.chains.delete(draftId)
    })
  }

  /** Resolves once every clause event recorded so far for the draft is written (tests, shutdown). */
  async settled(draftId: string): Promise<void> {
    await this.chains.get(draftId)
  }

  private async write(draftId: string, author: UpdateAuthor, updateId: number, changes: readonly ClauseChange[], suggestions: readonly SuggestionChange[], note: ChangeNote | null): Promise<void> {
    const at = this.now().toISOString()
    const people = new People(this.storage)
    for (const stored of await recordSuggestions(this.storage, people, draftId, author, updateId, suggestions, note, at)) {
      this.events.publish(draftId, await historyEvent(stored, people))
      const decision = stored.type === 'suggestion.accepted' ? 'accepted' : stored.type === 'suggestion.rejected' ? 'rejected' : null
      if (decision && this.onSuggestionDecided) {
        const { state, authorId, inserted, deleted } = stored.data
        await this.onSuggestionDecided({
          draftId,
          stateCode: typeof state === 'string' ? state : null,
          authorId: typeof authorId === 'string' ? authorId : null,
          decision,
          decidedBy: author.id,
          text: [inserted, deleted].filter((t): t is string => typeof t === 'string' && t !== '').join(' / '),
        })
      }
    }
    for (const [i, change] of distinct(changes).entries()) {
      // A 300-clause restore is 300 commits: give other connections a turn between batches of them.
      if (i > 0 && i % HISTORY_BATCH === 0) await new Promise((resolve) => setImmediate(resolve))
      const type = EVENT_OF[change.kind]
      const data: Record<string, unknown> = { updateId }
      if (change.kind === 'edited') data.fields = change.fields
      if (change.kind === 'status') data.status = change.status
      const event: NewEvent = { draftId, type, at, actorId: author.id, actorState: author.stateCode, clauseId: change.clauseId, threadId: null, commentId: null, roundId: null, data }
      const stored = await this.storage.threads.recordClauseEvent(event, type === 'clause.edited' ? CLAUSE_EDIT_MERGE_MS : 0)
      if (stored) this.events.publish(draftId, await historyEvent(stored, people))
    }
  }
}
