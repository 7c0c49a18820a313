import { useEffect, useMemo, useRef, useState } from 'react'
import type { DraftDetail, MeResponse } from '../../../shared/api'
import { ApiError } from '../api/http'
import { draftsApi } from '../api/drafts'
import { type DraftView, navigate } from '../router'
import { HistoryView } from '../threads/HistoryView'
import { PositionsMatrix } from '../threads/PositionsMatrix'
import { useDraftEvents } from '../threads/useDraftEvents'
import { DraftHeader } from './DraftHeader'
import { useClauses, useConnectionStatus, useDraftSession, useSaveState } from './hooks'
import { presenceUser } from './presence'
import { ConnectionIndicator, SaveIndicator } from './StatusBar'
import type { DraftSession } from './session'
import { TextView } from './TextView'

/** One open draft: its header and tabs, and the chosen view (text, comment history, positions). */
export function Workspace({ draftId, me, view }: { draftId: string; me: MeResponse; view: DraftView }) {
  const [draft, setDraft] = useState<DraftDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const user = useMemo(() => presenceUser(me.user), [me.user])
  const session = useDraftSession(draftId, user)
  const events = useDraftEvents(draftId)
  const roundEvents = events.latest?.type.startsWith('round.') ? events.latest.id : 0

  // Loaded on open, and again when a comment round opens or closes (the phase changes).
  useEffect(() => {
    draftsApi.get(draftId).then(setDraft, (e: unknown) =>
      setError(e instanceof ApiError && e.status === 404 ? 'This draft does not exist or is not shared with you.' : 'Could not load the draft.'),
    )
  }, [draftId, roundEvents])

  if (error) {
    return (
      <div className="content">
        <p className="error" role="alert">{error}</p>
        <button type="button" className="link-button" onClick={() => navigate('/')}>Back to drafts</button>
      </div>
    )
  }
  if (!draft || !session) return <p className="content muted">Opening the draft…</p>
  return <OpenDraft draft={draft} session={session} me={me} view={view} version={events.version} />
}

function OpenDraft({ draft, session, me, view, version }: { draft: DraftDetail; session: DraftSession; me: MeResponse; view: DraftView; version: number }) {
  const clauses = useClauses(session.doc)
  const connection = useConnectionStatus(session)
  const saveState = useSaveState(session)
  const top = useRef<HTMLDivElement>(null)
  const headerHeight = useHeight(top)
  return (
    <div className="workspace" style={{ '--header-h': `${headerHeight}px` } as React.CSSProperties}>
      {/* The header and the read-only banner stay in view: typing into frozen text must not lose the reason. */}
      <div className="workspace-top" ref={top}>
        <DraftHeader draftId={draft.id} title={draft.title} view={view}>
          <ConnectionIndicator status={connection} />
          <SaveIndicator state={saveState} readOnly={!draft.access.canEdit} />
        </DraftHeader>
        {view === 'text' && !draft.access.canEdit && draft.access.readOnlyReason && (
          <p className="readonly-banner" role="note">
            {draft.access.readOnlyReason}
          </p>
        )}
      </div>
      {view === 'history' && <HistoryView draftId={draft.id} clauses={clauses} version={version} />}
      {view === 'positions' && <PositionsMatrix draftId={draft.id} clauses={clauses} version={version} />}
      {view === 'text' && <TextView draft={draft} session={session} me={me} clauses={clauses} version={version} />}
    </div>
  )
}

/** The element's height, kept current (the sticky header's, so what sticks below it sits under it). */
function useHeight(ref: React.RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(0)
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const observer = new ResizeObserver(() => setHeight(element.getBoundingClientRect().height))
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref])
  return height
}
