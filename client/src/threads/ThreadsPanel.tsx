import { useState } from 'react'
import type { MeResponse } from '../../../shared/api'
import { type Phase, can } from '../../../shared/permissions'
import type { ThreadView } from '../../../shared/threadsApi'
import { draftPath, navigate } from '../router'
import type { ClauseSummary } from '../draft/hooks'
import { NewThreadForm, type ThreadTarget } from './NewThreadForm'
import { ThreadCard } from './ThreadCard'

type Filter = 'open' | 'resolved' | 'all'

interface Props {
  readonly draftId: string
  readonly me: MeResponse
  readonly phase: Phase
  readonly threads: readonly ThreadView[]
  readonly clauses: readonly ClauseSummary[]
  /** Show the threads of one clause, or of the whole draft when null. */
  readonly clauseId: string | null
  readonly target: ThreadTarget | null
  readonly activeThread: string | null
  readonly onTargetDone: () => void
  readonly onShowAll: () => void
  readonly onChanged: () => void
  readonly onFocusThread: (threadId: string) => void
  readonly onClose: () => void
}

/** The comment threads beside the text: one clause's or the whole draft's, with a new-comment form. */
export function ThreadsPanel(props: Props) {
  const { draftId, me, phase, threads, clauses, clauseId, target } = props
  const [filter, setFilter] = useState<Filter>('open')
  // Threads decided while the panel is open stay in view, marked as applied or declined, until it closes.
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set())
  const [notice, setNotice] = useState<string | null>(null)
  const labelOf = (id: string) => clauses.find((c) => c.id === id)?.label ?? 'Removed clause'
  const shown = threads.filter((t) => (clauseId === null || t.clauseId === clauseId) && (filter === 'all' || t.status === filter || (filter === 'open' && decided.has(t.id))))
  const order = new Map(clauses.map((c, i) => [c.id, i]))
  shown.sort((a, b) => (order.get(a.clauseId) ?? 1e9) - (order.get(b.clauseId) ?? 1e9) || a.createdAt.localeCompare(b.createdAt))

  return (
    <aside className="threads-panel" aria-label="Comments">
      <header className="panel-header">
        <h2 className="outline-title">{clauseId ? `Comments on ${labelOf(clauseId)}` : 'All comments'}</h2>
        <button type="button" className="small ghost" onClick={props.onClose} aria-label="Close comments">✕</button>
      </header>
      <div className="row panel-tools">
        <select aria-label="Show threads" value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
          <option value="open">Open</option>
          <option value="resolved">Resolved</option>
          <option value="all">All</option>
        </select>
        {clauseId && (
          <>
            <button type="button" className="small ghost" onClick={props.onShowAll}>All clauses</button>
            <button type="button" className="small ghost" onClick={() => navigate(`${draftPath(draftId, 'history')}?clause=${clauseId}`)}>
              History of {labelOf(clauseId)}
            </button>
          </>
        )}
      </div>
      <p className="panel-notice" role="status">{notice}</p>
      {target && (
        <NewThreadForm
          key={`${target.clauseId}:${target.selection?.anchor.start ?? ''}`}
          draftId={draftId}
          target={target}
          canPropose={can(me.user.role, 'proposal.create', phase)}
          onDone={props.onTargetDone}
          onCancel={props.onTargetDone}
        />
      )}
      {shown.length === 0 && !target && <p className="muted">No {filter === 'all' ? '' : `${filter} `}comments here.</p>}
      {shown.map((thread) => (
        <ThreadCard
          key={thread.id}
          thread={thread}
          me={me}
          phase={phase}
          clauseLabel={labelOf(thread.clauseId)}
          active={props.activeThread === thread.id}
          onChanged={props.onChanged}
          onDecided={(id, message) => {
            setDecided((set) => new Set(set).add(id))
            setNotice(message)
          }}
          onFocus={() => props.onFocusThread(thread.id)}
        />
      ))}
    </aside>
  )
}
