import { useState } from 'react'
import type { HoldView, StatusRequestView } from '../../../shared/clauseStatusApi'
import { clauseStatusApi } from '../api/clauseStatus'
import { errorMessage } from '../api/http'

/**
 * Who holds a clause agreed ad referendum (and by when); a delegate of a holding State confirms its
 * capital's approval or withdraws its agreement (with a reason) here. The server decides the status.
 */
export function HoldControl({ draftId, clauseId, label, holds, myState }: { draftId: string; clauseId: string; label: string; holds: readonly HoldView[]; myState: string | null }) {
  const [error, setError] = useState<string | null>(null)
  if (holds.length === 0) return null
  const mine = myState !== null && holds.some((h) => h.stateCode === myState)
  const answer = async (confirm: boolean) => {
    const reason = confirm ? undefined : (window.prompt(`Why does your State withdraw its agreement to ${label}? (on record)`) ?? '')
    if (reason === '') return
    try {
      await clauseStatusApi.answer(draftId, clauseId, confirm, reason)
      setError(null)
    } catch (e) {
      setError(errorMessage(e, 'Could not record the answer.'))
    }
  }
  return (
    <div className="clause-holds" role="group" aria-label={`Ad referendum holds on ${label}`}>
      <span className="muted">Agreed ad referendum, awaiting: {holds.map((h) => `${h.stateCode}${h.expectedBy ? ` (by ${h.expectedBy})` : ''}`).join(', ')}</span>
      {mine && (
        <>
          <button type="button" className="small" onClick={() => void answer(true)}>Confirm for {myState}</button>
          <button type="button" className="small ghost danger-text" onClick={() => void answer(false)}>Withdraw agreement</button>
        </>
      )}
      {error && <span className="error" role="alert">{error}</span>}
    </div>
  )
}

/** The rapporteur's proposed statuses, visible to all; the chair and the secretariat confirm or decline them. */
export function RequestControl({ draftId, label, requests, mayDecide }: { draftId: string; label: string; requests: readonly StatusRequestView[]; mayDecide: boolean }) {
  const [error, setError] = useState<string | null>(null)
  if (requests.length === 0) return null
  const decide = async (id: string, confirm: boolean) => {
    try {
      await clauseStatusApi.decide(draftId, id, confirm)
      setError(null)
    } catch (e) {
      setError(errorMessage(e, 'Could not record the decision.'))
    }
  }
  return (
    <div className="clause-requests" role="group" aria-label={`Proposed statuses for ${label}`}>
      {requests.map((r) => (
        <span key={r.id}>
          <span className="muted">{r.requestedBy.name} proposes “{r.status}”{r.reason ? `: ${r.reason}` : ''}</span>
          {mayDecide && (
            <>
              <button type="button" className="small" onClick={() => void decide(r.id, true)}>Confirm</button>
              <button type="button" className="small ghost" onClick={() => void decide(r.id, false)}>Decline</button>
            </>
          )}
        </span>
      ))}
      {error && <span className="error" role="alert">{error}</span>}
    </div>
  )
}
