import { useState } from 'react'
import { ApiError } from '../api/http'
import { threadsApi } from './api'
import type { SelectionAnchor } from './selectionAnchor'

export interface ThreadTarget {
  readonly clauseId: string
  readonly clauseLabel: string
  readonly selection: SelectionAnchor | null
}

interface Props {
  readonly draftId: string
  readonly target: ThreadTarget
  readonly canPropose: boolean
  readonly onDone: () => void
  readonly onCancel: () => void
}

/** A new comment on a clause or on the selected span, optionally proposing other wording. */
export function NewThreadForm({ draftId, target, canPropose, onDone, onCancel }: Props) {
  const [body, setBody] = useState('')
  const [proposing, setProposing] = useState(false)
  const [proposal, setProposal] = useState(target.selection?.quote ?? '')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    setBusy(true)
    setError(null)
    try {
      await threadsApi.create(draftId, {
        clauseId: target.clauseId,
        body,
        ...(target.selection && { anchor: target.selection.anchor, quote: target.selection.quote }),
        ...(proposing && proposal.trim() && { proposal: { text: proposal } }),
      })
      onDone()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not send the comment.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="thread new-thread" aria-label="New comment" onSubmit={(e) => { e.preventDefault(); void submit() }}>
      <header className="thread-header">
        <span className="thread-clause">{target.clauseLabel}</span>
      </header>
      {target.selection && <blockquote className="thread-quote">“{target.selection.quote}”</blockquote>}
      <label className="field">
        Comment
        <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={3} required autoFocus />
      </label>
      {canPropose && (
        <label className="checkbox">
          <input type="checkbox" checked={proposing} onChange={(e) => setProposing(e.target.checked)} />
          Propose {target.selection ? 'replacement wording for the selection' : 'new wording for the clause'}
        </label>
      )}
      {proposing && (
        <label className="field">
          Proposed wording
          <textarea value={proposal} onChange={(e) => setProposal(e.target.value)} rows={3} />
        </label>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row">
        <button type="submit" className="small" disabled={busy || body.trim() === ''}>Send comment</button>
        <button type="button" className="small ghost" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  )
}
