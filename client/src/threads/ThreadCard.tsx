import { useState } from 'react'
import type { MeResponse } from '../../../shared/api'
import type { Phase } from '../../../shared/permissions'
import { can } from '../../../shared/permissions'
import type { ThreadView } from '../../../shared/threadsApi'
import { errorMessage } from '../api/http'
import { threadsApi } from '../api/threads'
import { CommentItem } from './CommentItem'
import { personLabel } from './format'
import { ProposalBox } from './ProposalBox'
import { MentionTextarea } from './MentionTextarea'

interface Props {
  readonly thread: ThreadView
  readonly me: MeResponse
  readonly phase: Phase
  readonly clauseLabel: string
  readonly active: boolean
  readonly onChanged: () => void
  /** A proposal of this thread was applied or declined (the sentence says which). */
  readonly onDecided: (threadId: string, message: string) => void
  readonly onFocus: () => void
}

/** A thread: what it quotes, its comments, replies, resolve/reopen, and its amendment proposal. */
export function ThreadCard({ thread, me, phase, clauseLabel, active, onChanged, onDecided: decided, onFocus }: Props) {
  const [reply, setReply] = useState('')
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
      setError(errorMessage(e, 'Something went wrong.'))
    }
  }

  const onDecided = (message: string) => {
    decided(thread.id, message)
    onChanged()
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
      <ProposalBox thread={thread} clauseLabel={clauseLabel} canDecide={canDecide} canSuggest={canDecide || (thread.author.id === me.user.id && canWrite)} onDecided={onDecided} />
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
          <MentionTextarea draftId={thread.draftId} aria-label={`Reply to ${personLabel(thread.author)}`} placeholder="Reply…" value={reply} onValueChange={setReply} rows={2} />
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
