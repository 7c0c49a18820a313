import { useState } from 'react'
import type { MeResponse } from '../../../shared/api'
import type { Phase } from '../../../shared/permissions'
import { can } from '../../../shared/permissions'
import type { ThreadView } from '../../../shared/threadsApi'
import { ApiError } from '../api/http'
import { threadsApi } from './api'
import { CommentItem } from './CommentItem'
import { formatWhen, personLabel } from './format'

interface Props {
  readonly thread: ThreadView
  readonly me: MeResponse
  readonly phase: Phase
  readonly clauseLabel: string
  readonly active: boolean
  readonly onChanged: () => void
  readonly onFocus: () => void
}

const PROPOSAL_TEXT = { pending: 'Proposed wording', applied: 'Applied', declined: 'Declined' } as const

/** A thread: what it quotes, its comments, replies, resolve/reopen, and its amendment proposal. */
export function ThreadCard({ thread, me, phase, clauseLabel, active, onChanged, onFocus }: Props) {
  const [reply, setReply] = useState('')
  const [reason, setReason] = useState('')
  const [declining, setDeclining] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const canWrite = can(me.user.role, 'comment.create', phase)
  const canModerate = can(me.user.role, 'thread.resolve', phase) || (thread.author.id === me.user.id && canWrite)
  const canDecide = can(me.user.role, 'proposal.apply', phase)

  const act = async (action: () => Promise<unknown>) => {
    setError(null)
    try {
      await action()
      onChanged()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Something went wrong.')
    }
  }

  const removed = thread.span?.state === 'removed'
  return (
    <article className={`thread thread-${thread.status}${active ? ' active' : ''}`} aria-label={`Thread by ${personLabel(thread.author)}`} onFocus={onFocus} onMouseEnter={onFocus}>
      <header className="thread-header">
        <span className="thread-clause">{clauseLabel}</span>
        <span className={`thread-status status-${thread.status}`}>{thread.status === 'open' ? 'Open' : 'Resolved'}</span>
      </header>
      {thread.quote !== null && (
        <blockquote className={`thread-quote${removed ? ' removed' : ''}`}>
          “{thread.quote}”{removed && <span className="removed-note"> — text removed</span>}
        </blockquote>
      )}
      {thread.proposal && (
        <div className={`proposal proposal-${thread.proposal.status}`}>
          <span className="proposal-label">{PROPOSAL_TEXT[thread.proposal.status]}</span>
          <p className="proposal-text">{thread.proposal.text}</p>
          {thread.proposal.status !== 'pending' && thread.proposal.decidedBy && (
            <p className="muted small-text">
              {thread.proposal.status === 'applied' ? 'Applied' : 'Declined'} by {personLabel(thread.proposal.decidedBy)}
              {thread.proposal.decidedAt && `, ${formatWhen(thread.proposal.decidedAt)}`}
              {thread.proposal.reason && `: ${thread.proposal.reason}`}
            </p>
          )}
          {thread.proposal.status === 'pending' && canDecide && !declining && (
            <div className="row">
              <button type="button" className="small" onClick={() => void act(() => threadsApi.apply(thread.id))}>Apply</button>
              <button type="button" className="small ghost" onClick={() => setDeclining(true)}>Decline…</button>
            </div>
          )}
          {declining && (
            <form onSubmit={(e) => { e.preventDefault(); void act(() => threadsApi.decline(thread.id, reason)).then(() => setDeclining(false)) }}>
              <textarea aria-label="Reason for declining" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} required />
              <div className="row">
                <button type="submit" className="small">Decline proposal</button>
                <button type="button" className="small ghost" onClick={() => setDeclining(false)}>Cancel</button>
              </div>
            </form>
          )}
        </div>
      )}
      <ol className="comments">
        {thread.comments.map((comment) => (
          <CommentItem
            key={comment.id}
            comment={comment}
            mine={comment.author.id === me.user.id}
            canWrite={canWrite}
            onEdit={(body) => act(() => threadsApi.edit(comment.id, body))}
            onDelete={() => act(() => threadsApi.remove(comment.id))}
          />
        ))}
      </ol>
      {error && <p className="error" role="alert">{error}</p>}
      {canWrite && thread.status === 'open' && (
        <form className="reply" onSubmit={(e) => { e.preventDefault(); void act(() => threadsApi.reply(thread.id, reply)).then(() => setReply('')) }}>
          <textarea aria-label={`Reply to ${personLabel(thread.author)}`} placeholder="Reply…" value={reply} onChange={(e) => setReply(e.target.value)} rows={2} />
          <div className="row">
            <button type="submit" className="small" disabled={reply.trim() === ''}>Reply</button>
          </div>
        </form>
      )}
      {canModerate && (
        <div className="row thread-actions">
          {thread.status === 'open' ? (
            <button type="button" className="small ghost" onClick={() => void act(() => threadsApi.resolve(thread.id))}>Resolve</button>
          ) : (
            <button type="button" className="small ghost" onClick={() => void act(() => threadsApi.reopen(thread.id))}>Reopen</button>
          )}
        </div>
      )}
    </article>
  )
}
