import { useState } from 'react'
import type { CommentView } from '../../../shared/threadsApi'
import { formatWhen, personLabel } from './format'

interface Props {
  readonly comment: CommentView
  readonly mine: boolean
  readonly canWrite: boolean
  readonly onEdit: (body: string) => Promise<void>
  readonly onDelete: () => Promise<void>
}

/** One comment: author and State, time, "edited" with earlier versions, and the author's own edit/delete. */
export function CommentItem({ comment, mine, canWrite, onEdit, onDelete }: Props) {
  const [editing, setEditing] = useState(false)
  const [text, setText] = useState(comment.body)
  const [showVersions, setShowVersions] = useState(false)
  if (comment.deleted) {
    return (
      <li className="comment deleted">
        <span className="comment-meta">{personLabel(comment.author)} · {formatWhen(comment.createdAt)}</span>
        <p className="muted">Comment deleted.</p>
      </li>
    )
  }
  return (
    <li className="comment">
      <span className="comment-meta">
        {personLabel(comment.author)} · {formatWhen(comment.createdAt)}
        {comment.editedAt && (
          <button type="button" className="link-button small-text" onClick={() => setShowVersions((v) => !v)} aria-expanded={showVersions}>
            edited
          </button>
        )}
      </span>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void onEdit(text).then(() => setEditing(false))
          }}
        >
          <textarea aria-label="Edit comment" value={text} onChange={(e) => setText(e.target.value)} rows={3} />
          <div className="row">
            <button type="submit" className="small">Save</button>
            <button type="button" className="small ghost" onClick={() => setEditing(false)}>Cancel</button>
          </div>
        </form>
      ) : (
        <p className="comment-body">{comment.body}</p>
      )}
      {showVersions && comment.versions.length > 0 && (
        <ol className="versions" aria-label="Earlier versions">
          {comment.versions.map((v) => (
            <li key={v.replacedAt}>
              <span className="muted">until {formatWhen(v.replacedAt)}:</span> {v.body}
            </li>
          ))}
        </ol>
      )}
      {mine && canWrite && !editing && (
        <div className="row">
          <button type="button" className="small ghost" onClick={() => { setText(comment.body); setEditing(true) }}>Edit</button>
          <button type="button" className="small ghost danger-text" onClick={() => void onDelete()}>Delete</button>
        </div>
      )}
    </li>
  )
}
