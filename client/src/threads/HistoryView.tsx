import { useState } from 'react'
import { EVENT_VERBS, type HistoryEvent, isClauseEventType, type RoundView, type ThreadView } from '../../../shared/threadsApi'
import type { ClauseSummary } from '../draft/hooks'
import { threadsApi } from '../api/threads'
import { formatWhen, personLabel } from './format'
import { useLiveResource } from '../draft/useDraftEvents'

/** What a clause.edited event wrote, as the history says it ("edited the heading and body"). */
const FIELD_WORDS: Readonly<Record<string, string>> = { heading: 'the heading', body: 'the text', position: 'the order', kind: 'the kind' }

function editedVerb(event: HistoryEvent): string {
  const fields = Array.isArray(event.data.fields) ? event.data.fields.filter((f): f is string => typeof f === 'string') : []
  if (fields.length === 1 && fields[0] === 'position') return 'moved'
  const words = fields.map((f) => FIELD_WORDS[f] ?? f)
  return words.length === 0 ? EVENT_VERBS['clause.edited'] : `${EVENT_VERBS['clause.edited']} ${words.join(' and ')} of`
}

/** "applied the proposal of Amina Wanjiru (KEN)": who applied whose proposal; "edited the heading of": which part of a clause. */
function verb(event: HistoryEvent): string {
  if (event.type === 'clause.edited') return editedVerb(event)
  const base = EVENT_VERBS[event.type]
  const proposer = typeof event.data.proposer === 'string' ? event.data.proposer : null
  if (!proposer || !event.type.startsWith('proposal.')) return base
  const state = typeof event.data.proposerState === 'string' ? ` (${event.data.proposerState})` : ''
  if (event.type === 'proposal.suggested') return `turned the proposal of ${proposer}${state} into suggestions`
  return `${event.type === 'proposal.applied' ? 'applied' : 'declined'} the proposal of ${proposer}${state}`
}

function detail(event: HistoryEvent): string {
  const d = event.data
  const text = (key: string) => (typeof d[key] === 'string' ? d[key] : '')
  if (event.type === 'position.recorded') return `${text('stance')}${text('statement') ? `: ${text('statement')}` : ''}`
  if (event.type === 'proposal.declined') return text('reason')
  if (event.type.startsWith('round.')) return text('name')
  if (event.type === 'clause.status') return text('status')
  if (event.type.startsWith('clause.')) return ''
  return text('excerpt') || text('text')
}

interface Props {
  readonly draftId: string
  readonly clauses: readonly ClauseSummary[]
  readonly version: number
}

/** The draft's whole comment history in time order, filterable by State, clause, status, round and author. */
export function HistoryView({ draftId, clauses, version }: Props) {
  // A clause's history link opens this view with ?clause=… preselected.
  const [filter, setFilter] = useState(() => ({ state: '', clause: new URLSearchParams(window.location.search).get('clause') ?? '', status: '', round: '', author: '' }))
  const events = useLiveResource(() => threadsApi.history(draftId, filter), version, [draftId, JSON.stringify(filter)])
  const everything = useLiveResource(() => threadsApi.history(draftId, {}), version, [draftId])
  const rounds = useLiveResource<RoundView[]>(() => threadsApi.rounds(draftId), version, [draftId])
  const threads = useLiveResource<ThreadView[]>(() => threadsApi.list(draftId), version, [draftId])
  const all = everything.data ?? []
  const states = [...new Set(all.map((e) => e.actor.state).filter((s): s is string => s !== null))].sort()
  const authors = [...new Map(all.map((e) => [e.actor.id, e.actor])).values()]
  const labelOf = (id: string | null) => (id ? (clauses.find((c) => c.id === id)?.label ?? 'Removed clause') : '')
  const set = (key: keyof typeof filter) => (e: React.ChangeEvent<HTMLSelectElement>) => setFilter((f) => ({ ...f, [key]: e.target.value }))
  const quoteOf = (threadId: string | null) => threads.data?.find((t) => t.id === threadId)?.quote

  return (
    <section className="page" aria-labelledby="history-title">
      <h1 id="history-title">Comment history</h1>
      <div className="filters row">
        <select aria-label="State" value={filter.state} onChange={set('state')}>
          <option value="">All States</option>
          {states.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        <select aria-label="Clause" value={filter.clause} onChange={set('clause')}>
          <option value="">All clauses</option>
          {clauses.map((c) => <option key={c.id} value={c.id}>{c.label}{c.kind === 'article' && c.heading ? `: ${c.heading}` : ''}</option>)}
        </select>
        <select aria-label="Thread status" value={filter.status} onChange={set('status')}>
          <option value="">Any status</option>
          <option value="open">Open threads</option>
          <option value="resolved">Resolved threads</option>
        </select>
        <select aria-label="Round" value={filter.round} onChange={set('round')}>
          <option value="">All rounds</option>
          {(rounds.data ?? []).map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
        </select>
        <select aria-label="Author" value={filter.author} onChange={set('author')}>
          <option value="">All authors</option>
          {authors.map((a) => <option key={a.id} value={a.id}>{personLabel(a)}</option>)}
        </select>
      </div>
      {events.error && <p className="error" role="alert">{events.error}</p>}
      <ol className="history" aria-label="Events">
        {(events.data ?? []).map((event) => (
          <li key={event.id} className={`history-item type-${event.type.replace('.', '-')}`}>
            <time dateTime={event.at}>{formatWhen(event.at)}</time>
            <span><strong>{personLabel(event.actor)}</strong> {verb(event)}{event.clauseId && (isClauseEventType(event.type) ? <> <em>{clauses.some((c) => c.id === event.clauseId) ? labelOf(event.clauseId) : 'a clause since removed'}</em></> : <> on <em>{labelOf(event.clauseId)}</em></>)}</span>
            {quoteOf(event.threadId) && event.type === 'thread.created' && <span className="muted">on “{quoteOf(event.threadId)}”</span>}
            {detail(event) && <span className="history-detail">{detail(event)}</span>}
          </li>
        ))}
      </ol>
      {events.data?.length === 0 && <p className="muted">Nothing matches these filters.</p>}
    </section>
  )
}
