import { useId, useState } from 'react'
import type { MeetingView } from '../../../shared/meetingApi'
import { meetingApi } from './api'
import { type MeetingState, useMeeting } from './MeetingContext'
import { MeetingPanel } from './MeetingPanel'
import { OpenMeetingForm, PastMeetings } from './MeetingList'
import { presentCount, speakerName } from './format'
import { scrollToClauseWhenShown } from './scroll'
import './meeting.css'


/**
 * The meeting in one line, under the draft's header: its title, the clause on screen, who speaks
 * and who is next, attendance; the delegate's floor request, following, and the meeting panel.
 * With no meeting open: the chair and the secretariat open one; past meetings' minutes.
 */
export function MeetingBar() {
  const m = useMeeting()
  const panelId = useId()
  const keeper = m?.rights.open ?? false
  // The panel, per meeting: who runs it has it open, delegations open it when they need it. With none
  // open it stays shut (the header is for the text), except right after a close here (the minutes).
  const key = m?.meeting?.id ?? ''
  const [panel, setPanel] = useState({ key, open: key !== '' && keeper })
  let expanded = panel.open
  if (panel.key !== key) {
    expanded = keeper && (key !== '' || panel.key !== '')
    setPanel({ key, open: expanded })
  }
  if (!m) return null
  const toggle = (label: string) => (
    <button type="button" className="small ghost" aria-expanded={expanded} aria-controls={panelId} onClick={() => setPanel({ key, open: !expanded })}>
      {label}
    </button>
  )
  if (!m.meeting) {
    if (!m.rights.open && m.past.length === 0) return null
    return (
      <section className="meeting-bar idle" aria-label="Meetings">
        <div className="meeting-line">
          <span className="muted">No meeting open.</span>
          {toggle(expanded ? 'Hide' : m.rights.open ? 'Open a meeting' : `Past meetings (${m.past.length})`)}
        </div>
        {expanded && (
          <div className="meeting-panel" id={panelId}>
            {m.rights.open && <OpenMeetingForm />}
            <PastMeetings />
            {m.error && <p className="error" role="alert">{m.error}</p>}
          </div>
        )}
      </section>
    )
  }
  const meeting = m.meeting
  return (
    <section className="meeting-bar" aria-label="Meeting">
      <div className="meeting-line">
        <strong className="meeting-title">Meeting: {meeting.title}</strong>
        <span className="muted">{[meeting.place, meeting.date].filter(Boolean).join(', ')}</span>
        <OnScreenNow meeting={meeting} m={m} />
        <span>
          Speaking: <strong>{meeting.speaker ? speakerName(meeting.speaker) : 'no one'}</strong>
        </span>
        <span>Next: {meeting.floor.length === 0 ? 'no one' : meeting.floor.map((f) => f.state).join(', ')}</span>
        <span className="muted">{presentCount(meeting)} present</span>
        <FloorButton meeting={meeting} m={m} />
        <button type="button" className="small ghost" onClick={() => m.setFollowing(!m.following)}>
          {m.following ? 'Stop following' : 'Follow again'}
        </button>
        {toggle(expanded ? 'Hide meeting panel' : 'Meeting panel')}
      </div>
      <Announcements meeting={meeting} m={m} />
      {expanded && (
        <div className="meeting-panel" id={panelId}>
          <MeetingPanel meeting={meeting} />
        </div>
      )}
      {!expanded && m.error && <p className="error meeting-error" role="alert">{m.error}</p>}
    </section>
  )
}

/** The clause on screen; a button that brings it into view (for who does not follow, too). */
function OnScreenNow({ meeting, m }: { meeting: MeetingView; m: MeetingState }) {
  const clauseId = meeting.screen?.clauseId ?? null
  return (
    <span className="meeting-on-screen">
      On screen:{' '}
      {clauseId ? (
        <button type="button" className="link-button" aria-label={`On screen: ${m.labelOf(clauseId)} (show it)`} onClick={() => scrollToClauseWhenShown(clauseId)}>
          {m.labelOf(clauseId)}
        </button>
      ) : (
        <span className="muted">nothing yet</span>
      )}
      {!m.following && clauseId && <span className="muted"> (not following)</span>}
    </span>
  )
}

/** A delegate asks for the floor as its State, or withdraws the request; the speaker is told so. */
function FloorButton({ meeting, m }: { meeting: MeetingView; m: MeetingState }) {
  const state = m.me.user.state?.code ?? null
  if (!m.rights.askFloor || !state) return null
  if (meeting.speaker?.state === state) return <strong className="floor-mine">{state} has the floor</strong>
  const place = meeting.floor.findIndex((f) => f.state === state)
  if (place >= 0) {
    return (
      <span className="floor-mine">
        {state} is number {place + 1} in the queue{' '}
        <button type="button" className="small ghost" onClick={() => void m.run(() => meetingApi.withdraw(meeting.id), 'Could not withdraw the request.')}>
          Withdraw
        </button>
      </span>
    )
  }
  return (
    <button
      type="button"
      className="small"
      disabled={!meeting.screen}
      title={meeting.screen ? undefined : 'The floor is asked on the clause on screen: nothing is on screen yet.'}
      onClick={() => void m.run(() => meetingApi.askFloor(meeting.id), 'Could not ask for the floor.')}
    >
      Ask for the floor
    </button>
  )
}

/** Said to screen readers as it happens: the clause put on screen, and the floor given to the user's State. */
function Announcements({ meeting, m }: { meeting: MeetingView; m: MeetingState }) {
  const clauseId = meeting.screen?.clauseId ?? null
  const mine = m.me.user.state?.code
  return (
    <p className="visually-hidden" aria-live="polite">
      {clauseId ? `${m.labelOf(clauseId)} is on screen.` : ''} {mine && meeting.speaker?.state === mine ? `${mine} has the floor.` : ''}
    </p>
  )
}
