import { useState } from 'react'
import { formatDeadline } from '../../../shared/permissions'
import type { RoundView } from '../../../shared/threadsApi'
import { ApiError } from '../api/http'
import { threadsApi } from './api'

interface Props {
  readonly draftId: string
  readonly rounds: readonly RoundView[]
  readonly canManage: boolean
  readonly onChanged: () => void
}

/** The comment round's state, and for the secretariat: open, close, reopen. */
export function RoundBar({ draftId, rounds, canManage, onChanged }: Props) {
  const current = rounds.find((r) => r.status === 'open') ?? null
  const last = rounds.at(-1) ?? null
  const [form, setForm] = useState<'open' | 'reopen' | null>(null)
  const [name, setName] = useState('')
  const [deadline, setDeadline] = useState('')
  const [error, setError] = useState<string | null>(null)

  const act = async (action: () => Promise<unknown>) => {
    setError(null)
    try {
      await action()
      setForm(null)
      onChanged()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Something went wrong.')
    }
  }
  // A date input gives a day: the round runs to the end of that day (UTC).
  const endOfDay = (day: string) => `${day}T23:59:59.000Z`

  if (!current && !canManage) return null
  return (
    <div className="round-bar" role="region" aria-label="Comment round">
      {current ? (
        <span>
          <strong>{current.name}</strong> · comments {current.accepting ? 'open until' : 'closed on'} {formatDeadline(current.deadline)}
        </span>
      ) : (
        <span className="muted">No comment round open{last ? ` (last: ${last.name})` : ''}.</span>
      )}
      {canManage && form === null && (
        <span className="row">
          {current ? (
            <>
              <button type="button" className="small ghost" onClick={() => setForm('reopen')}>Extend deadline</button>
              <button type="button" className="small" onClick={() => void act(() => threadsApi.closeRound(current.id))}>Close round</button>
            </>
          ) : (
            <>
              <button type="button" className="small" onClick={() => setForm('open')}>Open comment round</button>
              {last && <button type="button" className="small ghost" onClick={() => setForm('reopen')}>Reopen “{last.name}”</button>}
            </>
          )}
        </span>
      )}
      {form && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault()
            const target = current ?? last
            void act(() => (form === 'open' ? threadsApi.openRound(draftId, name, endOfDay(deadline)) : target ? threadsApi.reopenRound(target.id, endOfDay(deadline)) : Promise.resolve()))
          }}
        >
          {form === 'open' && (
            <input aria-label="Round name" placeholder="Comments on the Rapporteur's draft, 2018" value={name} onChange={(e) => setName(e.target.value)} required />
          )}
          <input aria-label="Deadline" type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} required />
          <button type="submit" className="small">{form === 'open' ? 'Open round' : 'Reopen until then'}</button>
          <button type="button" className="small ghost" onClick={() => setForm(null)}>Cancel</button>
        </form>
      )}
      {error && <span className="error" role="alert">{error}</span>}
    </div>
  )
}
