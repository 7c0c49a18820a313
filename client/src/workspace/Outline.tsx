import { type KeyboardEvent, useRef, useState } from 'react'
import { moveClause } from '../../../shared/draft/clauseOps'
import type { ClauseSummary } from '../draft/hooks'
import type { Peer } from '../draft/presence'
import { useSession } from '../draft/context'
import { useScreen } from '../meeting/MeetingContext'

interface Props {
  readonly clauses: readonly ClauseSummary[]
  readonly editable: boolean
  readonly peers: readonly Peer[]
  readonly onJump: (clauseId: string) => void
}

/**
 * The clauses in order, numbered live. Click or Enter jumps to a clause; arrows move between
 * items; Alt+Arrow (or drag and drop) moves the clause itself, renumbering for everyone.
 */
export function Outline({ clauses, editable, peers, onJump }: Props) {
  const session = useSession()
  const listRef = useRef<HTMLOListElement>(null)
  const screen = useScreen()
  const [dragging, setDragging] = useState<string | null>(null)
  const [dropIndex, setDropIndex] = useState<number | null>(null)
  const [announcement, setAnnouncement] = useState('')
  // One Tab stop for the whole outline (roving tabindex): the arrows move inside it.
  const [current, setCurrent] = useState(0)
  const tabStop = Math.min(current, Math.max(clauses.length - 1, 0))

  const focusItem = (index: number) => {
    const items = listRef.current?.querySelectorAll<HTMLElement>('[data-outline-item]')
    items?.[Math.max(0, Math.min(index, items.length - 1))]?.focus()
  }

  const move = (clauseId: string, to: number) => session.structural(() => moveClause(session.doc, clauseId, to))

  const onKeyDown = (event: KeyboardEvent, index: number, clause: ClauseSummary) => {
    if (event.altKey && editable && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault()
      const to = event.key === 'ArrowUp' ? index - 1 : index + 1
      if (to < 0 || to >= clauses.length) return
      move(clause.id, to)
      setAnnouncement(`${clause.heading || clause.label} moved to position ${to + 1} of ${clauses.length}`)
      requestAnimationFrame(() => focusItem(to))
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault()
      focusItem(event.key === 'ArrowUp' ? index - 1 : index + 1)
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault()
      focusItem(event.key === 'Home' ? 0 : clauses.length - 1)
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      onJump(clause.id)
    }
  }

  return (
    <nav className="outline" aria-label="Outline">
      <h2 className="outline-title">Outline</h2>
      {editable && <p className="outline-hint">Alt+↑/↓ or drag to reorder</p>}
      <ol ref={listRef} className="outline-list" aria-label="Clauses">
        {clauses.map((clause, index) => {
          const here = peers.filter((p) => p.clauseId === clause.id)
          return (
            <li
              key={clause.id}
              data-outline-item=""
              data-clause-id={clause.id}
              tabIndex={index === tabStop ? 0 : -1}
              onFocus={() => setCurrent(index)}
              className={`outline-item${dragging === clause.id ? ' dragging' : ''}${dropIndex === index ? ' drop-target' : ''}`}
              draggable={editable}
              aria-label={`${clause.label}${clause.kind === 'article' && clause.heading ? `: ${clause.heading}` : ''}`}
              onClick={() => onJump(clause.id)}
              onKeyDown={(e) => onKeyDown(e, index, clause)}
              onDragStart={(e) => {
                setDragging(clause.id)
                e.dataTransfer.setData('text/plain', clause.id)
                e.dataTransfer.effectAllowed = 'move'
              }}
              onDragOver={(e) => {
                if (!dragging) return
                e.preventDefault()
                setDropIndex(index)
              }}
              onDragEnd={() => {
                setDragging(null)
                setDropIndex(null)
              }}
              onDrop={(e) => {
                e.preventDefault()
                const id = e.dataTransfer.getData('text/plain') || dragging
                if (id) move(id, index)
                setDragging(null)
                setDropIndex(null)
              }}
            >
              <span className="outline-label">{clause.label}</span>
              <span className="outline-heading">{clause.kind === 'article' ? clause.heading : ''}</span>
              {screen.clauseId === clause.id && <span className="outline-on-screen">On screen</span>}
              {here.map((p) => (
                <span key={p.clientId} className="peer-dot" style={{ background: p.user.color }} title={p.user.name} />
              ))}
            </li>
          )
        })}
      </ol>
      <p className="visually-hidden" aria-live="polite">{announcement}</p>
    </nav>
  )
}
