import { useState } from 'react'
import { diffText } from '../../../shared/diff/words'
import type { ThreadView } from '../../../shared/threadsApi'
import { ApiError, errorMessage } from '../api/http'
import { ParagraphOps } from '../revisions/WordOps'
import { threadsApi } from '../api/threads'
import { formatWhen, personLabel } from './format'
import { ProposalDiff } from './ProposalDiff'
import './proposal.css'

interface Stale {
  readonly base: string
  readonly current: string
  readonly proposed: string
}

function staleDetails(e: unknown): Stale | null {
  if (!(e instanceof ApiError) || e.code !== 'proposal_stale') return null
  const d = e.details as Partial<Stale> | undefined
  return d && typeof d.base === 'string' && typeof d.current === 'string' && typeof d.proposed === 'string' ? { base: d.base, current: d.current, proposed: d.proposed } : null
}

function Diff({ from, to, label }: { from: string; to: string; label: string }) {
  return (
    <div className="proposal-diff" aria-label={label}>
      <ParagraphOps ops={diffText(from, to)} />
    </div>
  )
}

interface Props {
  readonly thread: ThreadView
  readonly clauseLabel: string
  readonly canDecide: boolean
  /** May turn it into suggestions: a decider, or its author while the text is open to them (the server has the last word). */
  readonly canSuggest?: boolean
  /** Called after the proposal was applied or declined, with a sentence saying so. */
  readonly onDecided: (message: string) => void
}

/**
 * A thread's amendment proposal as a word diff against the text it would change. Apply asks for
 * confirmation on the same diff; a proposal whose text has changed since shows the three versions.
 */
export function ProposalBox({ thread, clauseLabel, canDecide, canSuggest = canDecide, onDecided }: Props) {
  const proposal = thread.proposal
  const [mode, setMode] = useState<'idle' | 'confirm' | 'decline' | 'suggest'>('idle')
  const [stale, setStale] = useState<Stale | null>(null)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!proposal) return null
  const whose = personLabel(thread.author)
  const against = proposal.status === 'pending' ? proposal.current : proposal.base

  const run = async (action: () => Promise<unknown>, message: string) => {
    setBusy(true)
    setError(null)
    try {
      await action()
      setMode('idle')
      setStale(null)
      onDecided(message)
    } catch (e) {
      const three = staleDetails(e)
      if (three) setStale(three)
      else setError(errorMessage(e, 'Something went wrong.'))
    } finally {
      setBusy(false)
    }
  }
  const apply = (expected?: string) => run(() => threadsApi.apply(thread.id, expected), `${whose}’s proposal applied to ${clauseLabel}.`)
  const suggest = async () => {
    setBusy(true)
    setError(null)
    try {
      await threadsApi.suggest(thread.id, proposal.current ?? undefined)
      setMode('idle')
      onDecided(`${whose}’s proposal is now suggestions in ${clauseLabel}.`)
    } catch (e) {
      // The diff shown is no longer against the text: say so rather than offer the three versions of Apply.
      setError(e instanceof ApiError && e.code === 'proposal_stale' ? 'The text has changed since these changes were shown: look at them again.' : errorMessage(e, 'Something went wrong.'))
    } finally {
      setBusy(false)
    }
  }
  const label = { pending: 'Proposed wording', applied: 'Applied proposal', declined: 'Declined proposal', suggested: 'Turned into suggestions' }[proposal.status]
  const decision = { pending: '', applied: 'Applied', declined: 'Declined', suggested: 'Turned into suggestions' }[proposal.status]

  return (
    <div className={`proposal proposal-${proposal.status}`}>
      <span className="proposal-label">{label}</span>
      {against !== null && against !== proposal.text ? <ProposalDiff from={against} to={proposal.text} label="Proposed change" /> : <p className="proposal-text">{proposal.text}</p>}
      {proposal.status === 'pending' && proposal.stale && !stale && (
        <p className="proposal-stale">{proposal.current === null ? 'The text this proposal changes has been removed.' : 'The text has changed since this proposal was made: its changes are shown against the text now.'}</p>
      )}
      {proposal.status !== 'pending' && proposal.decidedBy && (
        <p className="proposal-decided muted">
          {decision} by {personLabel(proposal.decidedBy)}
          {proposal.decidedAt && `, ${formatWhen(proposal.decidedAt)}`} — proposal of {whose}
          {proposal.reason && `: ${proposal.reason}`}
        </p>
      )}
      {proposal.status === 'pending' && (canDecide || canSuggest) && mode === 'idle' && (
        <div className="row">
          {canDecide && <button type="button" className="small" disabled={proposal.current === null} onClick={() => setMode('confirm')}>Apply…</button>}
          {canSuggest && <button type="button" className="small ghost" disabled={proposal.current === null} onClick={() => setMode('suggest')}>Turn into suggestions…</button>}
          {canDecide && <button type="button" className="small ghost" onClick={() => setMode('decline')}>Decline…</button>}
        </div>
      )}
      {mode === 'suggest' && (
        <div className="proposal-confirm" role="group" aria-label={`Turn the proposal of ${whose} into suggestions`}>
          <p className="small-text">Write the marked changes into {clauseLabel} as suggestions by {whose}, each to be accepted or rejected on its own? The text itself does not change until they are accepted.</p>
          <div className="row">
            <button type="button" className="small" disabled={busy} onClick={() => void suggest()}>Turn into suggestions</button>
            <button type="button" className="small ghost" onClick={() => setMode('idle')}>Cancel</button>
          </div>
        </div>
      )}
      {mode === 'confirm' && !stale && (
        <div className="proposal-confirm" role="group" aria-label={`Apply the proposal of ${whose}`}>
          <p className="small-text">Apply to {clauseLabel}? Only the marked words change; the rest of the text, its brackets and other comments stay.</p>
          <div className="row">
            <button type="button" className="small" disabled={busy} onClick={() => void apply()}>Apply changes</button>
            <button type="button" className="small ghost" onClick={() => setMode('idle')}>Cancel</button>
          </div>
        </div>
      )}
      {stale && (
        <div className="proposal-confirm" role="group" aria-label="The text has changed since the proposal">
          <p className="proposal-stale">The text has changed since {whose} made this proposal. Compare before applying.</p>
          <div className="proposal-versions">
            <h4>Changed since the proposal</h4>
            <Diff from={stale.base} to={stale.current} label="Changed since the proposal" />
            <h4>The proposal against the text now</h4>
            <Diff from={stale.current} to={stale.proposed} label="The proposal against the text now" />
          </div>
          <div className="row">
            <button type="button" className="small" disabled={busy} onClick={() => void apply(stale.current)}>Apply over the current text</button>
            <button type="button" className="small ghost" onClick={() => { setStale(null); setMode('idle') }}>Cancel</button>
          </div>
        </div>
      )}
      {mode === 'decline' && (
        <form onSubmit={(e) => { e.preventDefault(); void run(() => threadsApi.decline(thread.id, reason), `${whose}’s proposal declined.`) }}>
          <textarea aria-label="Reason for declining" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} required />
          <div className="row">
            <button type="submit" className="small" disabled={busy}>Decline proposal</button>
            <button type="button" className="small ghost" onClick={() => setMode('idle')}>Cancel</button>
          </div>
        </form>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  )
}
