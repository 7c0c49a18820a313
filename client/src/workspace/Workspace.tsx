import type { Editor } from '@tiptap/react'
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { DraftDetail, MeResponse } from '../../../shared/api'
import { ApiError } from '../api/http'
import { getDraft } from '../api/drafts'
import { Toolbar } from '../editor/Toolbar'
import { navigate } from '../router'
import { ClauseCard } from './ClauseCard'
import { useClauses, useConnectionStatus, useDraftSession, usePeers, useSaveState, useSynced } from './hooks'
import { Outline } from './Outline'
import { presenceUser } from './presence'
import type { DraftSession } from './session'
import { ConnectionIndicator, PresenceList, SaveIndicator } from './StatusBar'

/** The draft workspace: outline, clauses with live co-editing, presence, connection and save state. */
export function Workspace({ draftId, me }: { draftId: string; me: MeResponse }) {
  const [draft, setDraft] = useState<DraftDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const user = useMemo(() => presenceUser(me.user), [me.user])
  const session = useDraftSession(draftId, user)

  useEffect(() => {
    getDraft(draftId).then(setDraft, (e: unknown) =>
      setError(e instanceof ApiError && e.status === 404 ? 'This draft does not exist or is not shared with you.' : 'Could not load the draft.'),
    )
  }, [draftId])

  if (error) {
    return (
      <div className="content">
        <p className="error" role="alert">{error}</p>
        <button type="button" className="link-button" onClick={() => navigate('/')}>Back to drafts</button>
      </div>
    )
  }
  if (!draft || !session) return <p className="content muted">Opening the draft…</p>
  return <OpenDraft draft={draft} session={session} />
}

function OpenDraft({ draft, session }: { draft: DraftDetail; session: DraftSession }) {
  const clauses = useClauses(session.doc)
  const connection = useConnectionStatus(session)
  const saveState = useSaveState(session)
  const synced = useSynced(session)
  const peers = usePeers(session)
  const [activeEditor, setActiveEditor] = useState<Editor | null>(null)
  const [focusClause, setFocusClause] = useState<string | null>(null)
  const [deleted, setDeleted] = useState<string | null>(null)
  const editable = draft.access.canEdit

  const jump = useCallback((clauseId: string) => {
    const element = document.getElementById(`clause-${clauseId}`)
    element?.scrollIntoView({ block: 'start' })
    element?.querySelector<HTMLElement>('.clause-heading')?.focus({ preventScroll: true })
  }, [])

  useEffect(() => {
    if (!deleted) return
    // The undo offer stays until the user's next change.
    const clear = () => setDeleted(null)
    session.undo.on('stack-item-added', clear)
    return () => {
      session.undo.off('stack-item-added', clear)
    }
  }, [deleted, session])

  const title = draft.title
  return (
    <div className="workspace">
      <header className="workspace-header">
        <div className="workspace-title">
          <button type="button" className="link-button" onClick={() => navigate('/')}>Drafts</button>
          <span aria-hidden="true"> / </span>
          <h1>{title}</h1>
        </div>
        <div className="workspace-status">
          <ConnectionIndicator status={connection} />
          <SaveIndicator state={saveState} readOnly={!editable} />
        </div>
      </header>
      {!editable && draft.access.readOnlyReason && (
        <p className="readonly-banner" role="note">
          {draft.access.readOnlyReason}
        </p>
      )}
      {editable && <Toolbar editor={activeEditor} undo={session.undo} state={session.user.state} />}
      {deleted && (
        <div className="toast" role="status">
          {deleted} deleted.
          <button type="button" className="small" onClick={() => { session.undo.undo(); setDeleted(null) }}>
            Undo
          </button>
        </div>
      )}
      <div className="workspace-body">
        <aside className="sidebar">
          <Outline clauses={clauses} session={session} editable={editable} peers={peers} onJump={jump} />
          <section className="sidebar-section" aria-label="Present">
            <h2 className="outline-title">Present</h2>
            <PresenceList peers={peers} clauses={clauses} />
          </section>
        </aside>
        <main className="clauses" aria-busy={!synced}>
          {!synced && clauses.length === 0 && <p className="muted">Loading the text…</p>}
          {clauses.map((clause, index) => (
            <ClauseCard
              key={clause.id}
              clause={clause}
              index={index}
              total={clauses.length}
              session={session}
              editable={editable}
              peers={peers.filter((p) => p.clauseId === clause.id)}
              autoFocus={focusClause === clause.id}
              onFocusEditor={setActiveEditor}
              onAdded={setFocusClause}
              onDeleted={setDeleted}
            />
          ))}
        </main>
      </div>
    </div>
  )
}
