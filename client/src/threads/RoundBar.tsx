import { useState } from 'react'
import { formatDeadlineLocal } from '../../../shared/dates'
import type { RoundView } from '../../../shared/threadsApi'
import { errorMessage } from '../api/http'
import { threadsApi } from '../api/threads'

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
  const [form, setForm] = useState<'open' | 'reopen' | 'close' | null>(null)
  const [name, setName] = useState('')
  const [deadline, setDeadline] = useState('')
  const [time, setTime] = useState('17:00')
  const [zone, setZone] = useState<'local' | 'utc'>('local')
  const [error, setError] = useState<string | null>(null)

  const act = async (action: () => Promise<unknown>) => {
    setError(null)
    try {
      await action()
      setForm(null)
      onChanged()
    } catch (e) {
      setError(errorMessage(e, 'Something went wrong.'))
    }
  }
  // The deadline is a moment: the day and time in the secretariat's own zone, or in UTC.
  const moment = (day: string) => (zone === 'utc' ? new Date(`${day}T${time}:00.000Z`) : new Date(`${day}T${time}:00`)).toISOString()
  const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone

  if (!current && !canManage) return null
  return (
    <div className="round-bar" role="region" aria-label="Comment round">
      {current ? (
        <span>
          <strong>{current.name}</strong> · comments {current.accepting ? 'open until' : 'closed on'} <time dateTime={current.deadline}>{formatDeadlineLocal(current.deadline)}</time>
        </span>
      ) : (
        <span className="muted">No comment round open{last ? ` (last: ${last.name})` : ''}.</span>
      )}
      {canManage && form === null && (
        <span className="row">
          {current ? (
            <>
              <button type="button" className="small ghost" onClick={() => setForm('reopen')}>Extend deadline</button>
              <button type="button" className="small" onClick={() => setForm('close')}>Close round…</button>
            </>
          ) : (
            <>
              <button type="button" className="small" onClick={() => setForm('open')}>Open comment round</button>
              {last && <button type="button" className="small ghost" onClick={() => setForm('reopen')}>Reopen “{last.name}”</button>}
            </>
          )}
        </span>
      )}
      {form === 'close' && current && (
        <span className="confirm" role="group" aria-label="Confirm closing the round">
          Close “{current.name}” now? Comments and positions will no longer be accepted.
          <button type="button" className="small danger" onClick={() => void act(() => threadsApi.closeRound(current.id))}>Close round</button>
          <button type="button" className="small ghost" onClick={() => setForm(null)}>Cancel</button>
        </span>
      )}
      {(form === 'open' || form === 'reopen') && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault()
            const target = current ?? last
            void act(() => (form === 'open' ? threadsApi.openRound(draftId, name, moment(deadline)) : target ? threadsApi.reopenRound(target.id, moment(deadline)) : Promise.resolve()))
          }}
        >
          {form === 'open' && (
            <input aria-label="Round name" placeholder="Comments on the Rapporteur's draft, 2018" value={name} onChange={(e) => setName(e.target.value)} required />
          )}
          <input aria-label="Deadline" type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} required />
          <input aria-label="Deadline time" type="time" value={time} onChange={(e) => setTime(e.target.value)} required />
          <select aria-label="Time zone of the deadline" value={zone} onChange={(e) => setZone(e.target.value === 'utc' ? 'utc' : 'local')}>
            <option value="local">Your time ({localZone})</option>
            <option value="utc">UTC</option>
          </select>
          <button type="submit" className="small">{form === 'open' ? 'Open round' : 'Reopen until then'}</button>
          <button type="button" className="small ghost" onClick={() => setForm(null)}>Cancel</button>
        </form>
      )}
      {error && <span className="error" role="alert">{error}</span>}
    </div>
  )
}
