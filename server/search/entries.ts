import type { ClauseSnapshot } from '../../shared/diff/types'
import { EVENT_VERBS, type PersonRef } from '../../shared/threadsApi'
import type { RevisionMeta } from '../storage/revisions'
import type { SearchEntry } from '../storage/search'
import type { CommentRecord, DraftEvent, PositionRecord, ThreadRecord } from '../storage/threads'

/** How the index names a State: its code and its name, so either finds it. */
export type StateNames = ReadonlyMap<string, string>

/** A clause's label now (entries of other things are shown under it). */
export type LabelOf = (clauseId: string | null) => string

const base = { threadId: null, revision: null, eventId: null, stateCode: null, heading: '', who: '' } as const

export function whoOf(person: PersonRef | null, states: StateNames, stateCode: string | null = person?.state ?? null): string {
  const state = stateCode ? `${stateCode} · ${states.get(stateCode) ?? stateCode}` : null
  return [person?.name, state ?? (person ? person.role : null)].filter(Boolean).join(' · ')
}

export function clauseEntry(draftId: string, clause: { id: string; label: string; heading: string; text: string }, at: string): SearchEntry {
  return { ...base, draftId, key: `clause:${clause.id}`, source: 'clause', clauseId: clause.id, label: clause.label, heading: clause.heading, body: clause.text, at }
}

export function revisionEntries(meta: RevisionMeta, clauses: readonly ClauseSnapshot[]): SearchEntry[] {
  return clauses.map((c) => ({
    ...base,
    draftId: meta.draftId,
    key: `revision:${meta.number}:${c.id}`,
    source: 'revision',
    clauseId: c.id,
    revision: meta.number,
    label: c.label,
    heading: c.heading,
    body: c.text,
    who: meta.createdByName,
    at: meta.createdAt,
  }))
}

export function commentEntry(thread: ThreadRecord, comment: CommentRecord, author: PersonRef, states: StateNames, labelOf: LabelOf): SearchEntry {
  return {
    ...base,
    draftId: thread.draftId,
    key: `comment:${comment.id}`,
    source: 'comment',
    clauseId: thread.clauseId,
    threadId: thread.id,
    stateCode: comment.authorState,
    label: labelOf(thread.clauseId),
    heading: thread.quote ?? '',
    body: comment.body,
    who: whoOf(author, states, comment.authorState),
    at: comment.editedAt ?? comment.createdAt,
  }
}

export function proposalEntry(thread: ThreadRecord, author: PersonRef, states: StateNames, labelOf: LabelOf): SearchEntry | null {
  if (!thread.proposal) return null
  return {
    ...base,
    draftId: thread.draftId,
    key: `proposal:${thread.id}`,
    source: 'proposal',
    clauseId: thread.clauseId,
    threadId: thread.id,
    stateCode: thread.authorState,
    label: labelOf(thread.clauseId),
    heading: thread.quote ?? '',
    body: thread.proposal.text,
    who: whoOf(author, states, thread.authorState),
    at: thread.createdAt,
  }
}

export function positionEntry(position: PositionRecord, author: PersonRef, states: StateNames, labelOf: LabelOf): SearchEntry {
  return {
    ...base,
    draftId: position.draftId,
    key: `position:${position.id}`,
    source: 'position',
    clauseId: position.clauseId,
    stateCode: position.stateCode,
    label: labelOf(position.clauseId),
    heading: position.stance,
    body: position.statement ?? '',
    who: whoOf(author, states, position.stateCode),
    at: position.createdAt,
  }
}

/** Events that only say a comment or position was written: the comment or position is indexed itself. */
const REPEATING: ReadonlySet<string> = new Set(['thread.created', 'comment.replied', 'comment.edited', 'position.recorded'])

/** Whether an event is indexed as an event of its own. */
export const indexedEvent = (type: string): boolean => !REPEATING.has(type)

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null)

/** An event as one line ("set the status of Article 4: agreed"): what happened, not the comment's words (indexed on their own). */
export function eventEntry(event: DraftEvent, actor: PersonRef, states: StateNames, labelOf: LabelOf): SearchEntry {
  const label = labelOf(event.clauseId)
  const d = event.data
  const details = [text(d.name), text(d.status), text(d.stance), text(d.reason), Array.isArray(d.fields) ? d.fields.filter((f) => typeof f === 'string').join(', ') : null]
  const what = [EVENT_VERBS[event.type], event.type.startsWith('clause.') ? label : label && `on ${label}`].filter(Boolean).join(' ')
  return {
    ...base,
    draftId: event.draftId,
    key: `event:${event.id}`,
    source: 'event',
    clauseId: event.clauseId,
    threadId: event.threadId,
    eventId: event.id,
    stateCode: event.actorState,
    label,
    heading: event.type,
    body: [what, ...details.filter(Boolean)].join(': '),
    who: whoOf(actor, states, event.actorState),
    at: event.at,
  }
}
