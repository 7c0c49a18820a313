import { useEffect, useState } from 'react'
import type { MeetingView } from '../../../shared/meetingApi'
import { errorMessage } from '../api/http'
import { meetingApi } from './api'
import { useMeeting } from './MeetingContext'

/** Today as YYYY-MM-DD in the reader's zone (the day the meeting sits). */
function today(): string {
  const now = new Date()
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
}

/** The chair or the secretariat opens a meeting of the draft: title, place, date. */
export function OpenMeetingForm() {
  const m = useMeeting()
  const [title, setTitle] = useState('')
  const [place, setPlace] = useState('')
  const [date, setDate] = useState(today)
  if (!m) return null
  return (
    <form
      className="meeting-open"
      aria-label="Open a meeting"
      onSubmit={(e) => {
        e.preventDefault()
        void m.run(() => meetingApi.open(m.draftId, { title: title.trim(), ...(place.trim() && { place: place.trim() }), ...(date && { date }) }), 'Could not open the meeting.')
      }}
    >
      <label className="field">
        Title of the meeting <input value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} placeholder="First meeting of the Working Group" />
      </label>
      <label className="field">
        Place <input value={place} maxLength={200} onChange={(e) => setPlace(e.target.value)} placeholder="New Delhi" />
      </label>
      <label className="field">
        Date <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      <button type="submit">Open the meeting</button>
    </form>
  )
}

/** The minutes of a meeting: a preview here, HTML and Word to keep. */
export function Minutes({ meeting }: { meeting: MeetingView }) {
  const [preview, setPreview] = useState<{ html: string } | { error: string } | null>(null)
  const [shown, setShown] = useState(false)
  useEffect(() => {
    if (!shown) return
    const abort = new AbortController()
    meetingApi.minutesHtml(meeting.id, abort.signal).then(
      (html) => setPreview({ html }),
      (e: unknown) => !abort.signal.aborted && setPreview({ error: errorMessage(e, 'Could not assemble the minutes.') }),
    )
    return () => abort.abort()
    // Read again when the meeting changes (a decision recorded while the preview is open).
  }, [shown, meeting])
  const name = `Minutes of ${meeting.title}`
  return (
    <div className="meeting-minutes" role="group" aria-label={name}>
      <button type="button" className="small" aria-expanded={shown} onClick={() => setShown((s) => !s)}>
        {shown ? 'Hide the minutes' : meeting.status === 'open' ? 'Minutes so far' : 'Open the minutes'}
      </button>
      <a className="small-text" href={meetingApi.minutesUrl(meeting.id, 'html')} target="_blank" rel="noopener noreferrer">
        HTML
      </a>
      <a className="small-text" href={meetingApi.minutesUrl(meeting.id, 'docx')} download>
        Word (DOCX)
      </a>
      {shown && preview && 'error' in preview && <p className="error" role="alert">{preview.error}</p>}
      {shown && preview && 'html' in preview && <iframe className="minutes-preview" title={name} sandbox="" srcDoc={preview.html} />}
      {shown && !preview && <p className="muted">Assembling the minutes…</p>}
    </div>
  )
}

/** Closed meetings, newest first, each with its minutes. */
export function PastMeetings() {
  const m = useMeeting()
  if (!m || m.past.length === 0) return null
  return (
    <section className="meeting-past" aria-label="Past meetings">
      <h3 className="outline-title">Past meetings</h3>
      <ul>
        {m.past.map((meeting) => (
          <li key={meeting.id}>
            <span>
              {meeting.title}
              <span className="muted">
                {' '}
                {[meeting.place, meeting.date].filter(Boolean).join(', ')}
                {meeting.closeRevision !== null && ` · text at the close: revision ${meeting.closeRevision}`}
              </span>
            </span>
            <Minutes meeting={meeting} />
          </li>
        ))}
      </ul>
    </section>
  )
}
