import type { ChangeNote, UpdateAuthor } from '../collaboration/clauseChanges'
import type { SuggestionChange } from '../collaboration/guard/suggestionChanges'
import type { EventType, NewEvent, DraftEvent } from '../storage/threads'
import type { Storage } from '../storage/Storage'
import type { People } from './people'

const FATE_EVENT: Readonly<Record<NonNullable<SuggestionChange['fate']>, EventType>> = {
  accepted: 'suggestion.accepted',
  rejected: 'suggestion.rejected',
  withdrawn: 'suggestion.withdrawn',
}

/**
 * Keeps the record of suggestions up to date from one stored update: an open suggestion's row
 * follows its text (`suggestion.made` the first time it is seen), a suggestion gone from the
 * document is decided with its fate (`suggestion.accepted|rejected|withdrawn` by the update's
 * author, with the reason of the decision it carried out). Returns the events written.
 */
export async function recordSuggestions(
  storage: Storage,
  people: People,
  draftId: string,
  author: UpdateAuthor,
  updateId: number,
  changes: readonly SuggestionChange[],
  note: ChangeNote | null,
  at: string,
): Promise<DraftEvent[]> {
  const written: DraftEvent[] = []
  const event = async (type: EventType, change: SuggestionChange, data: Record<string, unknown>) => {
    const e: NewEvent = { draftId, type, at, actorId: author.id, actorState: author.stateCode, clauseId: change.clauseId, threadId: null, commentId: null, roundId: null, data: { updateId, suggestionId: change.attrs.id, state: change.attrs.state, authorId: change.attrs.user, ...data } }
    const stored = await storage.threads.recordClauseEvent(e, 0)
    if (stored) written.push(stored)
  }
  for (const change of changes) {
    const known = await storage.suggestions.get(draftId, change.attrs.id)
    const text = change.open ?? { kind: known?.kind ?? 'insert', inserted: known?.inserted ?? '', deleted: known?.deleted ?? '' }
    if (!known || (change.open && known.status === 'open')) {
      const name = (await people.get(change.attrs.user)).name
      await storage.suggestions.upsertOpen({
        draftId,
        id: change.attrs.id,
        clauseId: change.clauseId,
        kind: text.kind,
        userId: change.attrs.user,
        authorName: name,
        stateCode: change.attrs.state,
        inserted: text.inserted,
        deleted: text.deleted,
        suggestedAt: known?.suggestedAt ?? change.attrs.at,
      })
      if (!known && change.open) await event('suggestion.made', change, { kind: text.kind, inserted: text.inserted, deleted: text.deleted })
    }
    if (change.open || !change.fate) continue
    const decision = note?.suggestionIds.includes(change.attrs.id) ? note : { fate: change.fate, reason: null }
    if (await storage.suggestions.decide(draftId, change.attrs.id, { status: decision.fate, by: author.id, at, reason: decision.reason })) {
      await event(FATE_EVENT[decision.fate], change, { kind: text.kind, inserted: text.inserted, deleted: text.deleted, reason: decision.reason })
    }
  }
  return written
}
