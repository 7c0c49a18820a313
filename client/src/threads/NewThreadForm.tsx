import { useMemo, useState } from 'react'
import { diffText } from '../../../shared/diff/words'
import { errorMessage } from '../api/http'
import { ParagraphOps } from '../revisions/WordOps'
import { threadsApi } from '../api/threads'
import type { SelectionAnchor } from './selectionAnchor'
import './proposal.css'
import { MentionTextarea } from './MentionTextarea'

export interface ThreadTarget {
  readonly clauseId: string
  readonly clauseLabel: string
  readonly selection: SelectionAnchor | null
  /** The current wording of the selection (or of the clause), in the text form: where a proposal starts. */
  readonly wording: string
  /** Opened as "Propose wording" rather than "Comment". */
  readonly propose: boolean
}

interface Props {
  readonly draftId: string
  readonly target: ThreadTarget
  readonly canPropose: boolean
  readonly onDone: () => void
  readonly onCancel: () => void
}

/** A new comment on a clause or on the selected words, optionally proposing other wording, shown as a word diff. */
export function NewThreadForm({ draftId, target, canPropose, onDone, onCancel }: Props) {
  const [body, setBody] = useState('')
  const [proposing, setProposing] = useState(target.propose && canPropose)
  const [proposal, setProposal] = useState(target.wording)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const ops = useMemo(() => diffText(target.wording, proposal.trim()), [target.wording, proposal])
  const unchanged = proposal.trim() === target.wording.trim()
  const what = target.selection ? 'the selected words' : target.clauseLabel

  const submit = async () => {
    setBusy(true)
    setError(null)
    try {
      await threadsApi.create(draftId, {
        clauseId: target.clauseId,
        body,
        ...(target.selection && { anchor: target.selection.anchor, quote: target.selection.quote }),
        ...(proposing && { proposal: { text: proposal.trim() } }),
      })
      onDone()
    } catch (e) {
      setError(errorMessage(e, 'Could not send the comment.'))
    } finally {
      setBusy(false)
    }
  }

  const lines = proposal.split('\n').length
  return (
    <form
      className="thread new-thread"
      aria-label="New comment"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel()
      }}
    >
      <header className="thread-header">
        <span className="thread-clause">{target.clauseLabel}</span>
      </header>
      {target.selection && <blockquote className="thread-quote">“{target.selection.quote}”</blockquote>}
      {canPropose && (
        <label className="checkbox">
          <input type="checkbox" checked={proposing} onChange={(e) => setProposing(e.target.checked)} />
          Propose other wording for {what}
        </label>
      )}
      {proposing && (
        <>
          <label className="field">
            Proposed wording (edit the current text; [ ] for brackets{target.selection ? '' : ', one paragraph per line, (a) for sub-paragraphs'})
            <textarea className="proposal-input" value={proposal} onChange={(e) => setProposal(e.target.value)} rows={Math.min(12, lines + 1)} />
          </label>
          <div className="proposal-diff" aria-label="Your change">
            <span className="proposal-label">Your change</span>
            {unchanged ? <p className="muted small-text">No change yet: edit the wording above.</p> : <ParagraphOps ops={ops} />}
          </div>
        </>
      )}
      <label className="field">
        {proposing ? 'Explanation' : 'Comment'}
        <MentionTextarea draftId={draftId} value={body} onValueChange={setBody} rows={3} required autoFocus={!proposing} />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row">
        <button type="submit" className="small" disabled={busy || body.trim() === '' || (proposing && (unchanged || proposal.trim() === ''))}>
          {proposing ? 'Send proposal' : 'Send comment'}
        </button>
        <button type="button" className="small ghost" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  )
}
