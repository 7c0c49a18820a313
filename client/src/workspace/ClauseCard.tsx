import type { Editor } from '@tiptap/react'
import { memo, useRef, useState } from 'react'
import * as Y from 'yjs'
import { addClauseAt, deleteClause, moveClause } from '../../../shared/draft/clauseOps'
import { isLockedStatus } from '../../../shared/draft/format'
import { clauseStatusApi } from '../api/clauseStatus'
import { ClauseKey } from '../../../shared/draft/format'
import { clausesMap } from '../../../shared/draft/ydoc'
import type { ClauseConsensus, PositionView, ThreadView } from '../../../shared/threadsApi'
import type { HighlightSpan } from '../threads/highlights'
import { PositionControl } from '../threads/PositionControl'
import { holdingSelection } from '../threads/SelectionMenu'
import { ClauseBody } from './ClauseBody'
import type { ClauseSummary } from '../draft/hooks'
import { HeadingInput } from './HeadingInput'
import type { Peer } from '../draft/presence'
import { useSession } from '../draft/context'
import { StatusControl } from './StatusControl'
import { HoldControl, RequestControl } from './HoldControl'
import type { HoldView, StatusRequestView } from '../../../shared/clauseStatusApi'
import { readSuggestions } from '../../../shared/draft/suggestions'
import { useSuggesting } from '../editor/suggestingContext'
import { ClauseOnScreen, useOnScreen } from '../meeting/ClauseOnScreen'

interface Props {
  readonly clause: ClauseSummary
  readonly index: number
  readonly total: number
  readonly editable: boolean
  readonly peers: readonly Peer[]
  readonly autoFocus: boolean
  /** The clause's open threads. */
  readonly threads: readonly ThreadView[]
  readonly activeThread: string | null
  readonly consensus: ClauseConsensus | null
  readonly myPosition: PositionView | null
  /** The user's State when they may record positions now, else null. */
  readonly positionState: string | null
  readonly canComment: boolean
  readonly canPropose: boolean
  /** The chair and the secretariat, while the text can change: the status is part of the record. */
  readonly canSetStatus: boolean
  /** May add and delete clauses (the rapporteur, chair and secretariat). */
  readonly canAddRemove: boolean
  /** Open ad referendum holds on this clause. */
  readonly holds: readonly HoldView[]
  /** The user's State when a delegate (who may answer for it ad referendum). */
  readonly myState: string | null
  /** Pending proposed statuses on this clause. */
  readonly requests: readonly StatusRequestView[]
  /** May propose a status (the rapporteur). */
  readonly canProposeStatus: boolean
  readonly onFocusEditor: (editor: Editor, clauseId: string) => void
  readonly onAdded: (clauseId: string) => void
  readonly onDeleted: (label: string) => void
  /** Comment on the clause, or on the words selected in `editor`; `propose` opens it as a proposal. */
  readonly onComment: (clauseId: string, editor: Editor | null, propose: boolean) => void
  readonly onReadOnlyKey: () => void
  readonly onShowThreads: (clauseId: string, threadId: string | null) => void
  readonly onPositionChanged: () => void
}

/** One clause: its number, heading, status, text, comments and positions, and (for editors) add / move / delete. */
export const ClauseCard = memo(function ClauseCard(props: Props) {
  const { clause, index, total, peers, threads } = props
  // Agreed language is locked for everyone until the chair or the secretariat reopens it (the server refuses any change).
  const locked = isLockedStatus(clause.status)
  const editable = props.editable && !locked
  const session = useSession()
  const [confirming, setConfirming] = useState(false)
  const [heldBy, setHeldBy] = useState<string | null>(null)
  const suggesting = useSuggesting()
  const editorRef = useRef<Editor | null>(null)
  // The clause the chair has put on screen in the draft's open meeting.
  const onScreen = useOnScreen(clause.id)
  const map = clausesMap(session.doc).get(clause.id)
  const heading = map?.get(ClauseKey.heading)
  const body = map?.get(ClauseKey.body)
  if (!(heading instanceof Y.Text) || !(body instanceof Y.XmlFragment)) return null

  const structural = (change: () => void) => session.structural(change)
  const add = (at: number) => structural(() => props.onAdded(addClauseAt(session.doc, at, { kind: 'article', heading: '', text: '' })))
  const focus = () => session.setCurrentClause(clause.id)
  const highlights: HighlightSpan[] = threads.flatMap((t) => (t.anchor ? [{ threadId: t.id, start: t.anchor.start, end: t.anchor.end, active: t.id === props.activeThread }] : []))

  return (
    <article className={`clause clause-${clause.kind}`} id={`clause-${clause.id}`} aria-label={clause.label} data-clause-id={clause.id} data-on-screen={onScreen || undefined} aria-current={onScreen || undefined}>
      <header className="clause-header">
        <span className="clause-label">{clause.label}</span>
        {/* A preamble has no heading of its own: its label says what it is. */}
        {clause.kind === 'article' ? <HeadingInput text={heading} label={clause.label} readOnly={!editable} onFocus={focus} /> : <span className="clause-heading-spacer" />}
        <StatusControl status={clause.status} label={clause.label} readOnly={!props.canSetStatus} onChange={(change) => (change.reason && locked ? clauseStatusApi.reopen(session.draftId, clause.id, change.reason) : clauseStatusApi.set(session.draftId, clause.id, change))} />
        {props.canProposeStatus && !props.canSetStatus && <StatusControl status={clause.status} label={clause.label} readOnly={false} propose onChange={(change) => clauseStatusApi.propose(session.draftId, clause.id, change)} />}
        <ClauseOnScreen clauseId={clause.id} label={clause.label} />
        {peers.length > 0 && (
          <span className="clause-peers" aria-label={`Also here: ${peers.map((p) => p.user.name).join(', ')}`}>
            {peers.map((p) => (
              <span key={p.clientId} className="peer-dot" style={{ background: p.user.color }} title={p.user.name} />
            ))}
          </span>
        )}
      </header>
      {locked && (
        <p className="clause-lock muted" role="note" aria-label={`${clause.label} is locked`}>
          🔒 Agreed language: locked. The chair or the secretariat can reopen it; comments stay open.
        </p>
      )}
      <RequestControl draftId={session.draftId} label={clause.label} requests={props.requests} mayDecide={props.canSetStatus} />
      <HoldControl draftId={session.draftId} clauseId={clause.id} label={clause.label} holds={props.holds} myState={props.myState} />
      <ClauseBody
        fragment={body}
        label={clause.label}
        editable={editable}
        autoFocus={props.autoFocus}
        highlights={highlights}
        onOpenThread={(threadId) => props.onShowThreads(clause.id, threadId)}
        onSelectionAction={props.canComment ? (editor, propose) => props.onComment(clause.id, editor, propose) : undefined}
        canPropose={props.canPropose}
        onReadOnlyKey={props.onReadOnlyKey}
        onEditor={(editor) => {
          editorRef.current = editor
        }}
        onFocus={(editor) => {
          focus()
          props.onFocusEditor(editor, clause.id)
        }}
      />
      <div className="clause-meta">
        <button type="button" className="small ghost" onClick={() => props.onShowThreads(clause.id, null)} aria-label={`${threads.length === 1 ? '1 open comment' : `${threads.length} open comments`} on ${clause.label}`}>
          {threads.length === 1 ? '1 open comment' : `${threads.length} open comments`}
        </button>
        {props.canComment && (
          // mousedown keeps the words selected in the text, so the comment is on them.
          <button type="button" className="small ghost" onMouseDown={(e) => e.preventDefault()} onClick={() => props.onComment(clause.id, holdingSelection(editorRef.current), false)}>
            Comment on {clause.label}
          </button>
        )}
        {props.canPropose && (
          <button type="button" className="small ghost" onMouseDown={(e) => e.preventDefault()} onClick={() => props.onComment(clause.id, holdingSelection(editorRef.current), true)}>
            Propose wording
          </button>
        )}
        <PositionControl
          draftId={session.draftId}
          clauseId={clause.id}
          label={clause.label}
          consensus={props.consensus}
          state={props.positionState}
          mine={props.myPosition}
          onChanged={props.onPositionChanged}
        />
      </div>
      {editable && (
        <footer className="clause-actions">
          {props.canAddRemove && <button type="button" className="small ghost" onClick={() => add(index)}>Add article before</button>}
          {props.canAddRemove && <button type="button" className="small ghost" onClick={() => add(index + 1)}>Add article after</button>}
          <button type="button" className="small ghost" disabled={index === 0} onClick={() => structural(() => moveClause(session.doc, clause.id, index - 1))} aria-label={`Move up ${clause.label}`}>
            Move up
          </button>
          <button type="button" className="small ghost" disabled={index === total - 1} onClick={() => structural(() => moveClause(session.doc, clause.id, index + 1))} aria-label={`Move down ${clause.label}`}>
            Move down
          </button>
          {!props.canAddRemove ? null : confirming ? (
            <span className="confirm" role="group" aria-label={`Confirm deleting ${clause.label}`}>
              Delete {clause.label}?
              <button type="button" className="small danger" onClick={() => structural(() => { deleteClause(session.doc, clause.id); props.onDeleted(clause.label) })}>
                Delete
              </button>
              <button type="button" className="small ghost" onClick={() => setConfirming(false)}>Cancel</button>
            </span>
          ) : (
            <>
              <button
                type="button"
                className="small ghost danger-text"
                onClick={() => {
                  // Deleting the clause removes others' open suggestions too: a decision only deciders make.
                  const author = suggesting?.author
                  const others = suggesting && !suggesting.canDecide ? readSuggestions(body).filter((s) => s.user !== author?.id || s.state !== author.state) : []
                  const first = others[0]
                  if (first) setHeldBy(first.state ? (suggesting?.stateNames.get(first.state) ?? first.state) : first.name)
                  else setConfirming(true)
                }}
                aria-label={`Delete ${clause.label}`}
              >
                Delete
              </button>
              {heldBy && (
                <span className="muted" role="status">
                  {heldBy}’s suggestion is open in {clause.label}: the rapporteur or the secretariat decides it before the clause can go.
                </span>
              )}
            </>
          )}
        </footer>
      )}
    </article>
  )
})
