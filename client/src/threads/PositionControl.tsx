import { useState } from 'react'
import type { ClauseConsensus, PositionView, Stance } from '../../../shared/threadsApi'
import { ApiError } from '../api/http'
import { threadsApi } from './api'

export const STANCE_LABEL: Record<Stance, string> = { support: 'Support', reservation: 'Reservation', objection: 'Objection', none: 'No position' }

interface Props {
  readonly draftId: string
  readonly clauseId: string
  readonly label: string
  readonly consensus: ClauseConsensus | null
  /** The State the user speaks for, when they may record positions now. */
  readonly state: string | null
  readonly mine: PositionView | null
  readonly onChanged: () => void
}

/** The clause's consensus summary, and for a delegate their State's position on it. */
export function PositionControl({ draftId, clauseId, label, consensus, state, mine, onChanged }: Props) {
  const [error, setError] = useState<string | null>(null)
  const record = async (stance: Stance) => {
    setError(null)
    try {
      await threadsApi.setPosition(draftId, clauseId, stance, mine?.statement ?? '')
      onChanged()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not record the position.')
    }
  }
  return (
    <div className="positions-line">
      <span className="consensus" aria-label={`Positions on ${label}`}>{consensus?.summary ?? 'No positions yet'}</span>
      {state && (
        <label className="position-control">
          {state}:
          <select aria-label={`${state} position on ${label}`} value={mine?.stance ?? ''} onChange={(e) => void record(e.target.value as Stance)}>
            <option value="" disabled>Record a position…</option>
            {(Object.keys(STANCE_LABEL) as Stance[]).map((s) => (
              <option key={s} value={s}>{STANCE_LABEL[s]}</option>
            ))}
          </select>
        </label>
      )}
      {error && <span className="error" role="alert">{error}</span>}
    </div>
  )
}
