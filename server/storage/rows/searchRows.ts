import { KIND_OF, type SearchEntry, type SearchHit, type SearchSource } from '../search'

/** A search_entries row as both databases return it (snake case). */
export interface SearchRow {
  draft_id: string
  key: string
  source: SearchSource
  clause_id: string | null
  thread_id: string | null
  revision: number | null
  event_id: number | null
  state_code: string | null
  label: string
  heading: string
  body: string
  who: string
  at: string
  exact: number | boolean
}

export const SEARCH_COLUMNS = 'e.draft_id, e.key, e.source, e.clause_id, e.thread_id, e.revision, e.event_id, e.state_code, e.label, e.heading, e.body, e.who, e.at'

export function toSearchHit(row: SearchRow): SearchHit {
  return {
    draftId: row.draft_id,
    key: row.key,
    source: row.source,
    clauseId: row.clause_id,
    threadId: row.thread_id,
    revision: row.revision,
    eventId: row.event_id,
    stateCode: row.state_code,
    label: row.label,
    heading: row.heading,
    body: row.body,
    who: row.who,
    at: row.at,
    exact: row.exact === true || row.exact === 1,
  }
}

/** The row's values in column order (the INSERTs of both stores), kind derived from the source. */
export function entryValues(entry: SearchEntry): unknown[] {
  return [
    entry.draftId,
    entry.key,
    entry.source,
    KIND_OF[entry.source],
    entry.clauseId,
    entry.threadId,
    entry.revision,
    entry.eventId,
    entry.stateCode,
    entry.label,
    entry.heading,
    entry.body,
    entry.who,
    entry.at,
  ]
}

export const INSERT_COLUMNS = 'draft_id, key, source, kind, clause_id, thread_id, revision, event_id, state_code, label, heading, body, who, at'
