import { useId, useState } from 'react'
import type { MeetingView } from '../../../shared/meetingApi'
import { meetingApi } from './api'
import { useMeeting } from './MeetingContext'
import { presentCount } from './format'
import { useMemberStates } from './useMemberStates'

/** Which States joined (from sign-ins); the secretariat corrects it, a State at a time. */
export function Attendance({ meeting }: { meeting: MeetingView }) {
  const m = useMeeting()
  const mayCorrect = m?.rights.correctAttendance ?? false
  const states = useMemberStates(mayCorrect)
  const [adding, setAdding] = useState('')
  const selectId = useId()
  // The box shows the correction at once; the meeting's answer replaces it.
  const [pending, setPending] = useState<ReadonlyMap<string, boolean>>(new Map())
  if (!m) return null
  const mark = async (state: string, present: boolean) => {
    setPending((p) => new Map(p).set(state, present))
    const ok = await m.run(() => meetingApi.attendance(meeting.id, state, present), `Could not correct the attendance of ${state}.`)
    setPending((p) => {
      const next = new Map(p)
      next.delete(state)
      return next
    })
    return ok
  }
  const listed = new Set(meeting.attendance.map((a) => a.state))
  return (
    <>
      <p>{presentCount(meeting)} present.</p>
      {meeting.attendance.length > 0 && (
        <ul className="attendance" aria-label="Attendance">
          {meeting.attendance.map((a) => (
            <li key={a.state} className={a.present ? '' : 'absent'}>
              {mayCorrect ? (
                <label className="checkbox">
                  <input type="checkbox" checked={pending.get(a.state) ?? a.present} onChange={(e) => void mark(a.state, e.target.checked)} />
                  {a.state}
                </label>
              ) : (
                <strong>{a.state}</strong>
              )}
              <span className="muted small-text">
                {' '}
                {a.present ? '' : 'absent · '}
                {a.delegates.map((d) => d.name).join(', ') || (a.source === 'secretariat' ? 'recorded by the secretariat' : '')}
              </span>
            </li>
          ))}
        </ul>
      )}
      {mayCorrect && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault()
            if (adding) void mark(adding, true).then((ok) => ok && setAdding(''))
          }}
        >
          <label className="field" htmlFor={selectId}>
            State present
          </label>
          <select id={selectId} value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">Choose a State</option>
            {states
              .filter((s) => !listed.has(s.code))
              .map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name} ({s.code})
                </option>
              ))}
          </select>
          <button type="submit" className="small" disabled={!adding}>
            Mark present
          </button>
        </form>
      )}
    </>
  )
}
