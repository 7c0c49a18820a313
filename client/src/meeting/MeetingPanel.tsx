import { useId, useState } from 'react'
import type { MeetingView } from '../../../shared/meetingApi'
import { presenterPath } from '../router'
import { meetingApi } from './api'
import { Attendance } from './Attendance'
import { DecisionForm, DecisionLog } from './Decisions'
import { type MeetingState, useMeeting } from './MeetingContext'
import { Minutes, PastMeetings } from './MeetingList'

/** The open meeting in full: the floor, the screen, decisions, attendance, minutes, closing. */
export function MeetingPanel({ meeting }: { meeting: MeetingView }) {
  const m = useMeeting()
  if (!m) return null
  return (
    <div className="meeting-columns">
      <section className="meeting-section" aria-label="The floor">
        <h3 className="outline-title">The floor</h3>
        <Floor meeting={meeting} m={m} />
        {m.rights.screen && <ScreenControl meeting={meeting} m={m} />}
      </section>
      <section className="meeting-section" aria-label="Decisions of the meeting">
        <h3 className="outline-title">Decisions</h3>
        {m.rights.decide && <DecisionForm meeting={meeting} />}
        <DecisionLog meeting={meeting} />
      </section>
      <section className="meeting-section" aria-label="Attendance and minutes">
        <h3 className="outline-title">Attendance</h3>
        <Attendance meeting={meeting} />
        <h3 className="outline-title">Minutes</h3>
        <Minutes meeting={meeting} />
        <p>
          {/* Its own window: the projector shows it while this one goes on with the text. */}
          <a href={presenterPath(m.draftId, meeting.id)} target="_blank" rel="noopener">
            Presenter view
          </a>
          <span className="muted small-text"> for the room’s projector</span>
        </p>
        {m.rights.close && <CloseMeeting meeting={meeting} m={m} />}
        <PastMeetings />
      </section>
      {m.error && <p className="error meeting-error" role="alert">{m.error}</p>}
    </div>
  )
}

/** Who speaks and the queue in order; the chair gives the floor and ends the turn. */
function Floor({ meeting, m }: { meeting: MeetingView; m: MeetingState }) {
  const give = (state: string | null) => void m.run(() => meetingApi.speaker(meeting.id, state), state ? `Could not give the floor to ${state}.` : 'Could not end the turn.')
  return (
    <>
      <p className="meeting-speaker">
        {meeting.speaker ? (
          <>
            Speaking: <strong>{meeting.speaker.state}</strong>
            {meeting.speaker.user && ` (${meeting.speaker.user.name})`}
            {m.rights.giveFloor && (
              <button type="button" className="small ghost" onClick={() => give(null)}>
                End turn
              </button>
            )}
          </>
        ) : (
          <span className="muted">No one has the floor.</span>
        )}
      </p>
      {meeting.floor.length === 0 ? (
        <p className="muted">No one is asking for the floor.</p>
      ) : (
        <ol className="floor-queue" aria-label="Asking for the floor">
          {meeting.floor.map((request) => (
            <li key={request.state}>
              <strong>{request.state}</strong> <span className="muted">{request.user.name}</span>
              {m.rights.giveFloor && (
                <button type="button" className="small" aria-label={`Give the floor to ${request.state}`} onClick={() => give(request.state)}>
                  Give floor
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  )
}

/** The chair's screen: any clause, or the next one (each card has its own "Put on screen" too). */
function ScreenControl({ meeting, m }: { meeting: MeetingView; m: MeetingState }) {
  const current = meeting.screen?.clauseId ?? null
  const index = current ? m.clauses.findIndex((c) => c.id === current) : -1
  const next = m.clauses[index + 1] ?? null
  const put = (clauseId: string | null) => void m.run(() => meetingApi.screen(meeting.id, clauseId), 'Could not change the clause on screen.')
  const selectId = useId()
  return (
    <div className="meeting-screen-control row">
      <label htmlFor={selectId}>On screen</label>
      <select id={selectId} value={current ?? ''} onChange={(e) => put(e.target.value || null)}>
        <option value="">Nothing</option>
        {m.clauses.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
      {next && (
        <button type="button" className="small ghost" aria-label={`Next clause: ${next.label}`} onClick={() => put(next.id)}>
          Next clause
        </button>
      )}
    </div>
  )
}

/** Closing asks once: the minutes are assembled and the text saved as a revision. */
function CloseMeeting({ meeting, m }: { meeting: MeetingView; m: MeetingState }) {
  const [confirming, setConfirming] = useState(false)
  if (!confirming) {
    return (
      <button type="button" className="small ghost danger-text" onClick={() => setConfirming(true)}>
        Close the meeting
      </button>
    )
  }
  return (
    <span className="confirm" role="group" aria-label={`Confirm closing ${meeting.title}`}>
      Close {meeting.title}? The text is saved as a revision and the minutes assembled.
      <button type="button" className="small danger" onClick={() => void m.run(() => meetingApi.close(meeting.id), 'Could not close the meeting.')}>
        Close meeting
      </button>
      <button type="button" className="small ghost" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </span>
  )
}
