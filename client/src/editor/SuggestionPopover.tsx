import type { Editor } from '@tiptap/react'
import { useEffect, useRef, useState } from 'react'
import { formatDateTime } from '../../../shared/dates'
import type { SuggestionAttrs } from '../../../shared/draft/suggestions'
import { errorMessage } from '../api/http'
import { suggestionsApi } from '../api/suggestions'
import type { SuggestingSettings } from './suggestingContext'
import { suggestionColour, suggestionOfMark } from './suggestionMarks'

interface Target {
  readonly attrs: SuggestionAttrs
  readonly inserted: string
  readonly deleted: string
  readonly top: number
  readonly left: number
}

/** The suggestion with this id in the editor's text: its attributes and what it inserts and strikes. */
function describe(editor: Editor, id: string): Omit<Target, 'top' | 'left'> | null {
  const found: { attrs: SuggestionAttrs | null; inserted: string; deleted: string } = { attrs: null, inserted: '', deleted: '' }
  editor.state.doc.descendants((node) => {
    if (!node.isText) return true
    for (const mark of node.marks) {
      const s = suggestionOfMark(mark)
      if (s?.id !== id) continue
      found.attrs ??= s
      if (s.kind === 'insertion') found.inserted += node.text ?? ''
      else found.deleted += node.text ?? ''
    }
    return false
  })
  return found.attrs ? { attrs: found.attrs, inserted: found.inserted, deleted: found.deleted } : null
}

/** Where the popover sits under the suggestion's first element, relative to the clause body. */
function place(editor: Editor, id: string): { top: number; left: number } | null {
  const element = editor.view.dom.querySelector(`[data-suggestion="${CSS.escape(id)}"]`)
  const host = editor.view.dom.closest('.clause-body')?.getBoundingClientRect()
  if (!element || !host) return null
  const box = element.getBoundingClientRect()
  return { top: box.bottom - host.top + 4, left: Math.max(0, Math.min(box.left - host.left, host.width - 320)) }
}

/** The suggestion at the caret, if any (keyboard focus on a suggestion). */
function atCaret(editor: Editor): string | null {
  const { $from, empty } = editor.state.selection
  if (!empty) return null
  for (const mark of [...$from.marks(), ...($from.nodeAfter?.marks ?? [])]) {
    const s = suggestionOfMark(mark)
    if (s) return s.id
  }
  return null
}

/**
 * "Kenya — Delegate Name, 3 December 2026, 14:02" at a suggestion under the pointer or the caret,
 * with Accept / Reject (and a reason) for those who decide and Withdraw for its author. From the
 * text, Alt+Down (or Tab) moves into it; Escape goes back to the text.
 */
export function SuggestionPopover({ editor, settings }: { editor: Editor; settings: SuggestingSettings }) {
  const [id, setId] = useState<string | null>(null)
  const [target, setTarget] = useState<Target | null>(null)
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const box = useRef<HTMLDivElement>(null)
  const hovered = useRef<string | null>(null)

  useEffect(() => {
    const dom = editor.view.dom
    const fromCaret = () => setId(hovered.current ?? atCaret(editor))
    const over = (event: MouseEvent) => {
      const element = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-suggestion]') : null
      hovered.current = element?.dataset.suggestion ?? null
      if (hovered.current) setId(hovered.current)
    }
    const leave = (event: MouseEvent) => {
      if (event.relatedTarget instanceof Node && box.current?.contains(event.relatedTarget)) return
      hovered.current = null
      setId(atCaret(editor))
    }
    const key = (event: KeyboardEvent) => {
      if (event.altKey && event.key === 'ArrowDown' && box.current) {
        event.preventDefault()
        box.current.querySelector<HTMLElement>('button, textarea')?.focus()
      }
    }
    editor.on('selectionUpdate', fromCaret)
    editor.on('update', fromCaret)
    dom.addEventListener('mouseover', over)
    dom.addEventListener('mouseleave', leave)
    dom.addEventListener('keydown', key)
    return () => {
      editor.off('selectionUpdate', fromCaret)
      editor.off('update', fromCaret)
      dom.removeEventListener('mouseover', over)
      dom.removeEventListener('mouseleave', leave)
      dom.removeEventListener('keydown', key)
    }
  }, [editor])

  useEffect(() => {
    setRejecting(false)
    setReason('')
    setError(null)
    if (!id || editor.isDestroyed) {
      setTarget(null)
      return
    }
    const found = describe(editor, id)
    const at = place(editor, id)
    setTarget(found && at ? { ...found, ...at } : null)
  }, [editor, id])

  if (!target) return null
  const { attrs } = target
  const own = attrs.user === settings.author.id && attrs.state === settings.author.state
  const state = attrs.state ? (settings.stateNames.get(attrs.state) ?? attrs.state) : null
  const who = state ? `${state} — ${attrs.name}` : attrs.name
  const what = target.inserted && target.deleted ? 'Replace' : target.inserted ? 'Insert' : 'Delete'
  const decide = async (action: () => Promise<unknown>) => {
    setBusy(true)
    setError(null)
    try {
      await action()
      // The decision reaches the text through the live document; the popover goes with the suggestion.
      setId(null)
      editor.commands.focus()
    } catch (e) {
      setError(errorMessage(e, 'The server could not be reached.'))
    } finally {
      setBusy(false)
    }
  }
  // The clause the editor belongs to (its card carries the id): for deciding all of its suggestions at once.
  const clauseId = editor.view.dom.closest('[data-clause-id]')?.getAttribute('data-clause-id') ?? null
  const close = () => {
    setId(null)
    editor.commands.focus()
  }

  return (
    <div
      ref={box}
      className="suggestion-popover"
      role="dialog"
      aria-label={`Suggestion by ${who}`}
      style={{ top: target.top, left: target.left, borderColor: suggestionColour(attrs.state) }}
      onMouseLeave={(e) => {
        if (!(e.relatedTarget instanceof Node && editor.view.dom.contains(e.relatedTarget)) && !box.current?.contains(document.activeElement)) setId(atCaret(editor))
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault()
          close()
        }
      }}
    >
      <p className="suggestion-who">
        <span className="suggestion-swatch" style={{ background: suggestionColour(attrs.state) }} aria-hidden="true" />
        {who}, <time dateTime={attrs.at}>{formatDateTime(attrs.at)}</time>
      </p>
      <p className="suggestion-what">
        {what}
        {target.deleted && <> <del>{target.deleted}</del></>}
        {target.inserted && <>{target.deleted ? ' with ' : ' '}<ins>{target.inserted}</ins></>}
      </p>
      {error && <p className="error" role="alert">{error}</p>}
      {rejecting ? (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void decide(() => suggestionsApi.reject(settings.draftId, attrs.id, reason.trim()))
          }}
        >
          <label className="suggestion-reason">
            Reason (optional)
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={2000} />
          </label>
          <button type="submit" className="small danger" disabled={busy}>Reject</button>
          <button type="button" className="small ghost" onClick={() => setRejecting(false)}>Cancel</button>
        </form>
      ) : (
        <div className="suggestion-actions">
          {settings.canDecide && (
            <>
              <button type="button" className="small" disabled={busy} onClick={() => void decide(() => suggestionsApi.accept(settings.draftId, attrs.id))}>
                Accept
              </button>
              <button type="button" className="small ghost" disabled={busy} onClick={() => setRejecting(true)}>
                Reject…
              </button>
            </>
          )}
          {settings.canDecide && clauseId && (
            <>
              {attrs.state && (
                <button type="button" className="small ghost" disabled={busy} onClick={() => void decide(() => suggestionsApi.decideClause(settings.draftId, clauseId, true, attrs.state))}>
                  Accept all of {attrs.state} here
                </button>
              )}
              <button type="button" className="small ghost" disabled={busy} onClick={() => void decide(() => suggestionsApi.decideClause(settings.draftId, clauseId, true, null))}>
                Accept all in this clause
              </button>
              <button type="button" className="small ghost" disabled={busy} onClick={() => void decide(() => suggestionsApi.decideClause(settings.draftId, clauseId, false, null, reason.trim()))}>
                Reject all in this clause
              </button>
            </>
          )}
          {own && (
            <button type="button" className="small ghost" disabled={busy} onClick={() => void decide(() => suggestionsApi.withdraw(settings.draftId, attrs.id))}>
              Withdraw
            </button>
          )}
          <button type="button" className="small ghost" onClick={close} aria-label="Close the suggestion's details">
            Close
          </button>
        </div>
      )}
    </div>
  )
}
