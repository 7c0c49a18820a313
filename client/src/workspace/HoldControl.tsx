import { useState } from 'react'
import type { HoldView } from '../../../shared/clauseStatusApi'
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
