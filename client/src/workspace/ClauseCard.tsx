import type { Editor } from '@tiptap/react'
import { memo, useState } from 'react'
import * as Y from 'yjs'
import { addClauseAt, deleteClause, moveClause, setClauseStatus } from '../../../shared/draft/clauseOps'
import { ClauseKey } from '../../../shared/draft/format'
import { clausesMap } from '../../../shared/draft/ydoc'
import { ClauseBody } from './ClauseBody'
import type { ClauseSummary } from './hooks'
import { HeadingInput } from './HeadingInput'
import type { Peer } from './presence'
import type { DraftSession } from './session'
import { StatusControl } from './StatusControl'

interface Props {
  readonly clause: ClauseSummary
  readonly index: number
  readonly total: number
  readonly session: DraftSession
  readonly editable: boolean
  readonly peers: readonly Peer[]
  readonly autoFocus: boolean
  readonly onFocusEditor: (editor: Editor) => void
  readonly onAdded: (clauseId: string) => void
  readonly onDeleted: (label: string) => void
}

/** One clause: its number, heading, status, text, and (for editors) add / move / delete. */
export const ClauseCard = memo(function ClauseCard({ clause, index, total, session, editable, peers, autoFocus, onFocusEditor, onAdded, onDeleted }: Props) {
  const [confirming, setConfirming] = useState(false)
  const map = clausesMap(session.doc).get(clause.id)
  const heading = map?.get(ClauseKey.heading)
  const body = map?.get(ClauseKey.body)
  if (!(heading instanceof Y.Text) || !(body instanceof Y.XmlFragment)) return null

  const structural = (change: () => void) => {
    session.undo.stopCapturing() // each structural change is its own undo step
    change()
    session.undo.stopCapturing()
  }
  const add = (at: number) => structural(() => onAdded(addClauseAt(session.doc, at, { kind: 'article', heading: '', text: '' })))
  const focus = () => session.setCurrentClause(clause.id)

  return (
    <article className={`clause clause-${clause.kind}`} id={`clause-${clause.id}`} aria-label={clause.label} data-clause-id={clause.id}>
      <header className="clause-header">
        <span className="clause-label">{clause.label}</span>
        {/* A preamble has no heading of its own: its label says what it is. */}
        {clause.kind === 'article' ? <HeadingInput text={heading} label={clause.label} readOnly={!editable} onFocus={focus} /> : <span className="clause-heading-spacer" />}
        <StatusControl status={clause.status} label={clause.label} readOnly={!editable} onChange={(s) => structural(() => setClauseStatus(session.doc, clause.id, s))} />
        {peers.length > 0 && (
          <span className="clause-peers" aria-label={`Also here: ${peers.map((p) => p.user.name).join(', ')}`}>
            {peers.map((p) => (
              <span key={p.clientId} className="peer-dot" style={{ background: p.user.color }} title={p.user.name} />
            ))}
          </span>
        )}
      </header>
      <ClauseBody fragment={body} session={session} label={clause.label} editable={editable} autoFocus={autoFocus} onFocus={(editor) => { focus(); onFocusEditor(editor) }} />
      {editable && (
        <footer className="clause-actions">
          <button type="button" className="small ghost" onClick={() => add(index)}>Add article before</button>
          <button type="button" className="small ghost" onClick={() => add(index + 1)}>Add article after</button>
          <button type="button" className="small ghost" disabled={index === 0} onClick={() => structural(() => moveClause(session.doc, clause.id, index - 1))} aria-label={`Move ${clause.label} up`}>
            Move up
          </button>
          <button type="button" className="small ghost" disabled={index === total - 1} onClick={() => structural(() => moveClause(session.doc, clause.id, index + 1))} aria-label={`Move ${clause.label} down`}>
            Move down
          </button>
          {confirming ? (
            <span className="confirm" role="group" aria-label={`Confirm deleting ${clause.label}`}>
              Delete {clause.label}?
              <button type="button" className="small danger" onClick={() => structural(() => { deleteClause(session.doc, clause.id); onDeleted(clause.label) })}>
                Delete
              </button>
              <button type="button" className="small ghost" onClick={() => setConfirming(false)}>Cancel</button>
            </span>
          ) : (
            <button type="button" className="small ghost danger-text" onClick={() => setConfirming(true)} aria-label={`Delete ${clause.label}`}>
              Delete
            </button>
          )}
        </footer>
      )}
    </article>
  )
})
