import { useEffect, useMemo, useRef, useState } from 'react'
import type { DraftDetail, MeResponse } from '../../../shared/api'
import { DraftSessionContext, useSession } from '../draft/context'
import { DraftHeader } from '../draft/DraftHeader'
import { useClauses, useConnectionStatus, useDraftSession, useSaveState } from '../draft/hooks'
import { presenceUser } from '../draft/presence'
import { DraftUnavailable, useDraft } from '../draft/useDraft'
import { useDraftEvents } from '../draft/useDraftEvents'
import type { DraftView } from '../router'
import { HistoryView } from '../threads/HistoryView'
import { PositionsMatrix } from '../threads/PositionsMatrix'
import { DashboardView } from '../dashboard/DashboardView'
import type { HistoryEvent } from '../../../shared/threadsApi'
import { MeetingProvider } from '../meeting/MeetingContext'
import { MeetingBar } from '../meeting/MeetingBar'
import { ConnectionIndicator, SaveIndicator } from './StatusBar'
import { TextView } from './TextView'

/** One open draft: its header and tabs, and the chosen view (text, comment history, positions). */
export function Workspace({ draftId, me, view }: { draftId: string; me: MeResponse; view: DraftView }) {
  const user = useMemo(() => presenceUser(me.user), [me.user])
  const session = useDraftSession(draftId, user)
  const events = useDraftEvents(draftId)
  // Loaded again when a comment round opens or closes (the phase changes).
  // A round or a new text mode changes what the user may do to the text: the draft is read again.
  const rightsEvent = events.latest && (events.latest.type.startsWith('round.') || events.latest.type.startsWith('silence.') || events.latest.type === 'draft.textMode') ? events.latest.id : 0
  const { draft, error } = useDraft(draftId, rightsEvent)

  if (error) return <DraftUnavailable message={error} />
  if (!draft || !session) return <p className="content muted">Opening the draft…</p>
  return (
    <DraftSessionContext.Provider value={session}>
      <OpenDraft draft={draft} me={me} view={view} version={events.version} contentVersion={events.contentVersion} latest={events.latest} />
    </DraftSessionContext.Provider>
  )
}

function OpenDraft({ draft, me, view, version, contentVersion, latest }: { draft: DraftDetail; me: MeResponse; view: DraftView; version: number; contentVersion: number; latest: HistoryEvent | null }) {
  const session = useSession()
  const clauses = useClauses(session.doc)
  const connection = useConnectionStatus(session)
  const saveState = useSaveState(session)
  const top = useRef<HTMLDivElement>(null)
  const headerHeight = useHeight(top)
  return (
    // The draft's meeting (issue 19): its bar under the header; following scrolls the text to the clause on screen.
    <MeetingProvider draftId={draft.id} me={me} phase={draft.phase} version={version} latest={latest} clauses={clauses} textShown={view === 'text'}>
    <div className="workspace" style={{ '--header-h': `${headerHeight}px` } as React.CSSProperties}>
      {/* The header and the read-only banner stay in view: typing into frozen text must not lose the reason. */}
      <div className="workspace-top" ref={top}>
        <DraftHeader draft={draft} view={view}>
          <ConnectionIndicator status={connection} />
          <SaveIndicator state={saveState} readOnly={!draft.access.canEdit && !draft.access.canSuggest} />
        </DraftHeader>
        <MeetingBar />
        {view === 'text' && !draft.access.canEdit && draft.access.readOnlyReason && (
          <p className="readonly-banner" role="note">
            {draft.access.readOnlyReason}
          </p>
        )}
      </div>
      {view === 'history' && <HistoryView draftId={draft.id} clauses={clauses} version={version} />}
      {view === 'positions' && <PositionsMatrix draftId={draft.id} clauses={clauses} version={contentVersion} />}
      {view === 'dashboard' && <DashboardView draftId={draft.id} version={contentVersion} />}
      {view === 'text' && <TextView draft={draft} me={me} clauses={clauses} version={contentVersion} />}
    </div>
    </MeetingProvider>
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
