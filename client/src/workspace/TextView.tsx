import type { Editor } from '@tiptap/react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { DraftDetail, MeResponse } from '../../../shared/api'
import { can } from '../../../shared/permissions'
import type { PositionsResponse, RoundView, ThreadView } from '../../../shared/threadsApi'
import { SuggestingProvider } from '../editor/SuggestingProvider'
import { Toolbar } from '../editor/Toolbar'
import { SinceLastVisit } from '../revisions/SinceLastVisit'
import { threadsApi } from '../api/threads'
import type { ThreadTarget } from '../threads/NewThreadForm'
import { RoundBar } from '../threads/RoundBar'
import { clauseWording, selectionWording } from '../threads/wording'
import { ThreadsPanel } from '../threads/ThreadsPanel'
import { useLiveResource } from '../draft/useDraftEvents'
import { ClauseCard } from './ClauseCard'
import { type ClauseSummary, usePeers, useSynced } from '../draft/hooks'
import { Outline } from './Outline'
import { useSession } from '../draft/context'
import type { Peer } from '../draft/presence'
import { useStableCallback } from '../ui/useStableCallback'
import { PresenceList } from './StatusBar'
import { useLinkTarget } from './useLinkTarget'
import type { ClauseStatusesResponse, HoldView, StatusRequestView } from '../../../shared/clauseStatusApi'
import { clauseStatusApi } from '../api/clauseStatus'

const NO_HOLDS: readonly HoldView[] = []
const NO_REQUESTS: readonly StatusRequestView[] = []
import { FindBar } from './find/FindBar'

interface Props {
  readonly draft: DraftDetail
  readonly me: MeResponse
  readonly clauses: readonly ClauseSummary[]
  readonly version: number
}

const NONE: readonly never[] = []

/** The items of each clause, one array per clause, so a card whose items did not change gets the same array. */
function byClause<T extends { readonly clauseId: string | null }>(items: readonly T[]): ReadonlyMap<string | null, readonly T[]> {
  const groups = new Map<string | null, T[]>()
  for (const item of items) {
    const group = groups.get(item.clauseId)
    if (group) group.push(item)
    else groups.set(item.clauseId, [item])
  }
  return groups
}

/** The text: outline, clauses with live co-editing, the comment threads beside them. */
export function TextView({ draft, me, clauses, version }: Props) {
  const session = useSession()
  const synced = useSynced(session)
  const peers = usePeers(session)
  const threads = useLiveResource<ThreadView[]>(() => threadsApi.list(draft.id), version, [draft.id])
  const positions = useLiveResource<PositionsResponse>(() => threadsApi.positions(draft.id), version, [draft.id])
  const statuses = useLiveResource<ClauseStatusesResponse>(() => clauseStatusApi.list(draft.id), version, [draft.id])
  const rounds = useLiveResource<RoundView[]>(() => threadsApi.rounds(draft.id), version, [draft.id])
  const [active, setActive] = useState<{ editor: Editor; clauseId: string } | null>(null)
  const [focusClause, setFocusClause] = useState<string | null>(null)
  const [deleted, setDeleted] = useState<string | null>(null)
  const [panel, setPanel] = useState<{ clauseId: string | null } | null>(null)
  const [target, setTarget] = useState<ThreadTarget | null>(null)
  const [activeThread, setActiveThread] = useState<string | null>(null)
  const editable = draft.access.canEdit
  const role = me.user.role
  const canComment = can(role, 'comment.create', draft.phase)
  const canPropose = can(role, 'proposal.create', draft.phase)
  const canSetStatus = editable && can(role, 'clause.setStatus', draft.phase)
  const canAddRemove = editable && can(role, 'clause.addRemove', draft.phase)
  const positionState = can(role, 'position.record', draft.phase) ? (me.user.state?.code ?? null) : null

  const jump = useCallback((clauseId: string) => {
    const element = document.getElementById(`clause-${clauseId}`)
    element?.scrollIntoView({ block: 'start' })
    element?.querySelector<HTMLElement>('.clause-heading, .tiptap')?.focus({ preventScroll: true })
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

  const returnFocus = useRef<HTMLElement | null>(null)
  const startThread = useStableCallback((clauseId: string, editor: Editor | null, propose: boolean) => {
    const selection = editor ? selectionWording(editor, session.doc, clauseId) : null
    // Back to the words (or the button) once the comment is sent or cancelled.
    returnFocus.current = editor?.view.dom ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null)
    const clauseLabel = clauses.find((c) => c.id === clauseId)?.label ?? ''
    setTarget({ clauseId, clauseLabel, selection, wording: selection?.wording ?? clauseWording(session.doc, clauseId), propose })
    setPanel({ clauseId })
  })
  const showThreads = useCallback((clauseId: string, threadId: string | null) => {
    setPanel({ clauseId })
    setActiveThread(threadId)
  }, [])
  // A search result's link: scroll to its clause, open its thread.
  useLinkTarget(synced && clauses.length > 0, jump, showThreads)
  const [readOnlyNotice, setReadOnlyNotice] = useState(0)
  const onReadOnlyKey = useCallback(() => setReadOnlyNotice((n) => n + 1), [])
  useEffect(() => {
    if (readOnlyNotice === 0) return
    const timer = setTimeout(() => setReadOnlyNotice(0), 4000)
    return () => clearTimeout(timer)
  }, [readOnlyNotice])
  const onFocusEditor = useCallback((editor: Editor, clauseId: string) => setActive({ editor, clauseId }), [])
  const openThreads = useMemo(() => byClause((threads.data ?? []).filter((t) => t.status === 'open')), [threads.data])
  const peersHere = useMemo(() => byClause<Peer>(peers), [peers])
  const clauseIds = useMemo(() => clauses.map((c) => c.id), [clauses])
  const refresh = () => {
    threads.reload()
    positions.reload()
    rounds.reload()
  }

  return (
    // How the user writes (Editing / Suggesting) for every clause editor below.
    <SuggestingProvider draft={draft} me={me}>
      <RoundBar draftId={draft.id} rounds={rounds.data ?? []} canManage={can(role, 'draft.managePhase')} onChanged={refresh} />
      <SinceLastVisit draftId={draft.id} />
      {editable && (
        <Toolbar
          editor={active?.editor ?? null}
          undo={session.undo}
          state={session.user.state}
          onComment={canComment && active ? () => startThread(active.clauseId, active.editor, false) : null}
        />
      )}
      <FindBar doc={session.doc} clauseIds={clauseIds} canReplace={editable} />
      {readOnlyNotice > 0 && (
        <div className="toast" role="status">
          {draft.access.readOnlyReason ?? 'The text is read-only.'} {canComment && 'Select words to comment on them or propose other wording.'}
        </div>
      )}
      {deleted && (
        <div className="toast" role="status">
          {deleted} deleted.
          <button type="button" className="small" onClick={() => { session.undo.undo(); setDeleted(null) }}>
            Undo
          </button>
        </div>
      )}
      <div className={`workspace-body${panel ? ' with-panel' : ''}`}>
        <aside className="sidebar">
          <Outline clauses={clauses} editable={editable} peers={peers} onJump={jump} />
          <section className="sidebar-section" aria-label="Present">
            <h2 className="outline-title">Present</h2>
            <PresenceList peers={peers} clauses={clauses} />
          </section>
        </aside>
        <main className="clauses" id="main-text" aria-label="Text of the draft" aria-busy={!synced}>
          {!synced && clauses.length === 0 && <p className="muted">Loading the text…</p>}
          {clauses.map((clause, index) => (
            <ClauseCard
              key={clause.id}
              clause={clause}
              index={index}
              total={clauses.length}
              editable={editable}
              peers={peersHere.get(clause.id) ?? NONE}
              autoFocus={focusClause === clause.id}
              threads={openThreads.get(clause.id) ?? NONE}
              activeThread={activeThread}
              consensus={positions.data?.consensus.find((c) => c.clauseId === clause.id) ?? null}
              myPosition={positions.data?.positions.find((p) => p.clauseId === clause.id && p.state === me.user.state?.code) ?? null}
              positionState={positionState}
              holds={statuses.data?.statuses.find((s) => s.clauseId === clause.id)?.holds ?? NO_HOLDS}
              requests={statuses.data?.statuses.find((s) => s.clauseId === clause.id)?.requests ?? NO_REQUESTS}
              canProposeStatus={statuses.data?.mayPropose ?? false}
              myState={me.user.role === 'delegate' ? (me.user.state?.code ?? null) : null}
              canComment={canComment}
              canPropose={canPropose}
              canSetStatus={canSetStatus}
              canAddRemove={canAddRemove}
              onReadOnlyKey={onReadOnlyKey}
              onFocusEditor={onFocusEditor}
              onAdded={setFocusClause}
              onDeleted={setDeleted}
              onComment={startThread}
              onShowThreads={showThreads}
              onPositionChanged={positions.reload}
            />
          ))}
        </main>
        {panel && (
          <ThreadsPanel
            draftId={draft.id}
            me={me}
            phase={draft.phase}
            threads={threads.data ?? []}
            clauses={clauses}
            clauseId={panel.clauseId}
            target={target}
            activeThread={activeThread}
            onTargetDone={() => {
              setTarget(null)
              threads.reload()
              returnFocus.current?.focus({ preventScroll: true })
            }}
            onShowAll={() => setPanel({ clauseId: null })}
            onChanged={refresh}
            onFocusThread={setActiveThread}
            onClose={() => {
              setPanel(null)
              setTarget(null)
            }}
          />
        )}
      </div>
      {!panel && (
        <button type="button" className="panel-toggle" onClick={() => setPanel({ clauseId: null })}>
          Comments ({(threads.data ?? []).filter((t) => t.status === 'open').length})
        </button>
      )}
    </SuggestingProvider>
  )
}
