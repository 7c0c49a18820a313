import { useEffect, useMemo, useState } from 'react'
import * as Y from 'yjs'
import type { MeResponse } from '../../../shared/api'
import { ClauseKey } from '../../../shared/draft/format'
import { type OpenSuggestion, readSuggestions } from '../../../shared/draft/suggestions'
import { bodyHtml, clausesMap } from '../../../shared/draft/ydoc'
import type { MeetingView } from '../../../shared/meetingApi'
import { errorMessage } from '../api/http'
import { useClauses, useDraftSession, useSynced } from '../draft/hooks'
import { presenceUser } from '../draft/presence'
import type { DraftSession } from '../draft/session'
import { useDraftEvents } from '../draft/useDraftEvents'
import { draftPath, navigate } from '../router'
import { STATUS_LABEL } from '../workspace/StatusControl'
import { meetingApi } from './api'
import { speakerName } from './format'
import { useMeetingSignals } from './useMeetingSignals'
import '../editor/suggestions.css'
import './meeting.css'

/**
 * `/drafts/:id/meetings/:meetingId/present`: the room's projector. The clause on screen in large
 * type (brackets, options, open suggestions), live as it is edited and as the chair moves on; who
 * speaks and who is next.
 */
export function PresenterScreen({ draftId, meetingId, me }: { draftId: string; meetingId: string; me: MeResponse }) {
  const events = useDraftEvents(draftId)
  const signals = useMeetingSignals(events.version, events.latest)
  const [meeting, setMeeting] = useState<MeetingView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const user = useMemo(() => presenceUser(me.user), [me.user])
  const session = useDraftSession(draftId, user)
  useEffect(() => {
    let live = true
    meetingApi.get(meetingId).then(
      (view) => {
        if (!live) return
        setMeeting(view)
        setError(null)
      },
      (e: unknown) => live && setError(errorMessage(e, 'Could not read the meeting.')),
    )
    return () => {
      live = false
    }
  }, [meetingId, signals.meeting])

  if (error && !meeting) return <p className="content error" role="alert">{error}</p>
  if (!meeting || !session) return <p className="content muted">Opening the presenter view…</p>
  const clauseId = meeting.screen?.clauseId ?? null
  return (
    <main className="presenter" aria-label="Presenter view">
      <header className="presenter-header">
        <span>
          <strong>{meeting.title}</strong>
          <span className="muted"> {[meeting.place, meeting.date].filter(Boolean).join(', ')}</span>
        </span>
        <span className="row">
          {/* The projector shows the view alone, without the browser's bars. */}
          <button type="button" className="small ghost" onClick={() => void document.documentElement.requestFullscreen().catch(() => undefined)}>
            Full screen
          </button>
          <button type="button" className="link-button" onClick={() => navigate(draftPath(draftId))}>
            Back to the draft
          </button>
        </span>
      </header>
      {meeting.status === 'closed' ? (
        <p className="presenter-empty">This meeting is closed.</p>
      ) : clauseId ? (
        <PresentedClause session={session} clauseId={clauseId} />
      ) : (
        <p className="presenter-empty">Nothing on screen yet.</p>
      )}
      <footer className="presenter-floor" aria-label="The floor">
        <p>
          Speaking: <strong>{meeting.speaker ? speakerName(meeting.speaker) : 'no one'}</strong>
        </p>
        <p>
          Next:{' '}
          {meeting.floor.length === 0 ? (
            'no one'
          ) : (
            <span className="presenter-queue">{meeting.floor.map((f, i) => `${i + 1}. ${f.state}`).join('   ')}</span>
          )}
        </p>
      </footer>
    </main>
  )
}

function suggestionText(s: OpenSuggestion): string {
  const who = s.state ? `${s.state} (${s.name})` : s.name
  if (s.kind === 'insert') return `${who}: insert “${s.inserted}”`
  if (s.kind === 'delete') return `${who}: strike “${s.deleted}”`
  return `${who}: replace “${s.deleted}” with “${s.inserted}”`
}

/** One clause, read-only and live from the shared document. */
function PresentedClause({ session, clauseId }: { session: DraftSession; clauseId: string }) {
  const synced = useSynced(session)
  const clauses = useClauses(session.doc)
  const clause = clauses.find((c) => c.id === clauseId) ?? null
  const [body, setBody] = useState<{ html: string; suggestions: readonly OpenSuggestion[] } | null>(null)
  useEffect(() => {
    const fragment = clausesMap(session.doc).get(clauseId)?.get(ClauseKey.body)
    if (!(fragment instanceof Y.XmlFragment)) {
      setBody(null)
      return
    }
    const update = () => setBody({ html: bodyHtml(fragment), suggestions: readSuggestions(fragment) })
    update()
    fragment.observeDeep(update)
    return () => fragment.unobserveDeep(update)
    // `clauses` changes when clauses are added or removed: the fragment may exist only now.
  }, [session.doc, clauseId, clauses])

  if (!clause) return <p className="presenter-empty">{synced ? 'The clause on screen was removed.' : 'Loading the text…'}</p>
  return (
    <article className="presenter-clause" aria-label={`On screen: ${clause.label}`} data-clause-id={clause.id}>
      <h1>
        {clause.label}
        {clause.kind === 'article' && clause.heading && <span className="presenter-heading"> {clause.heading}</span>}
      </h1>
      <p>
        <span className={`status-badge status-${clause.status}`}>{STATUS_LABEL[clause.status]}</span>
      </p>
      {/* bodyHtml escapes the text; brackets and options come as the static clause shows them. */}
      <div className="clause-editor static presenter-text" dangerouslySetInnerHTML={{ __html: body?.html ?? '' }} />
      {body && body.suggestions.length > 0 && (
        <section className="presenter-suggestions" aria-label="Open suggestions">
          <h2>Open suggestions</h2>
          <ul>
            {body.suggestions.map((s) => (
              <li key={s.id}>{suggestionText(s)}</li>
            ))}
          </ul>
        </section>
      )}
    </article>
  )
}
