import { type ReactNode, useEffect, useId, useRef, useState } from 'react'
import '../controls.css'

export interface Choice<T extends string> {
  readonly value: T
  readonly label: string
}

interface Props<T extends string> {
  /** The opener's visible text, e.g. "Change status…". */
  readonly opener: string
  /** The opener's accessible name; it starts with the visible text (e.g. "Change status of Article 4"). */
  readonly openerLabel: string
  /** The name of the panel and its radio group, e.g. "Status of Article 4". */
  readonly legend: string
  readonly choices: readonly Choice<T>[]
  readonly current: T | null
  /** The question shown before anything is recorded, for the value chosen. */
  readonly question: (value: T) => string
  /** The confirming button's text, e.g. "Confirm" or "Record position". */
  readonly confirmText: string
  /** Whether choosing the current value again may be confirmed (a position with a new statement). */
  readonly allowSame?: boolean
  /** Records the choice; resolves to an error message to show, or null once done. */
  readonly onConfirm: (value: T) => Promise<string | null> | string | null
  /** Called as the panel opens, to reset extra fields. */
  readonly onOpen?: () => void
  /** Extra fields under the choices (e.g. a statement). */
  readonly children?: ReactNode
}

/**
 * A choice that changes the official record only on an explicit confirmation: the opener shows a
 * radio group (arrow keys move the choice, nothing else), a question, and Confirm / Cancel.
 * Escape or Cancel closes it; focus goes back to the opener either way.
 */
export function ChoicePopover<T extends string>(props: Props<T>) {
  const { choices, current } = props
  const [open, setOpen] = useState(false)
  const [chosen, setChosen] = useState<T | null>(current)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const opener = useRef<HTMLButtonElement>(null)
  const panel = useRef<HTMLDivElement>(null)
  const wasOpen = useRef(false)
  // False when focus left the panel for elsewhere: closing then must not pull it back.
  const refocus = useRef(true)
  const name = useId()

  useEffect(() => {
    if (open) {
      // The current choice has the focus, as in any radio group; the first one when there is none.
      const radio = panel.current?.querySelector<HTMLInputElement>('input[type="radio"]:checked') ?? panel.current?.querySelector<HTMLInputElement>('input[type="radio"]')
      radio?.focus()
    } else if (wasOpen.current && refocus.current) opener.current?.focus()
    wasOpen.current = open
    refocus.current = true
  }, [open])

  const show = () => {
    setChosen(current)
    setError(null)
    props.onOpen?.()
    setOpen(true)
  }
  const close = () => {
    if (!busy) setOpen(false)
  }
  const confirm = async () => {
    if (chosen === null) return
    setBusy(true)
    let failure: string | null
    try {
      failure = await props.onConfirm(chosen)
    } catch {
      failure = 'Could not save the change.' // onConfirm reports its own errors; this is the last resort
    }
    setBusy(false)
    if (failure) setError(failure)
    else setOpen(false)
  }
  const ready = chosen !== null && (props.allowSame === true || chosen !== current)

  return (
    <span
      className="choice"
      onBlur={(e) => {
        if (!open || busy || e.currentTarget.contains(e.relatedTarget)) return
        refocus.current = false
        setOpen(false) // Tab or a click elsewhere closes it, recording nothing
      }}
    >
      <button ref={opener} type="button" className="small ghost choice-opener" aria-label={props.openerLabel} aria-expanded={open} onClick={() => (open ? close() : show())}>
        {props.opener}
      </button>
      {open && (
        <div
          ref={panel}
          className="choice-panel"
          role="dialog"
          aria-label={props.legend}
          tabIndex={-1} // a click on its text keeps the focus inside, so it does not close
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return
            e.preventDefault()
            e.stopPropagation()
            close()
          }}
        >
          <fieldset className="choice-options">
            <legend>{props.legend}</legend>
            {choices.map((choice) => (
              <label key={choice.value} className="choice-option">
                <input type="radio" name={name} value={choice.value} checked={chosen === choice.value} onChange={() => setChosen(choice.value)} />
                {choice.label}
                {choice.value === current && <span className="muted"> (current)</span>}
              </label>
            ))}
          </fieldset>
          {props.children}
          {ready && <p className="choice-question">{props.question(chosen)}</p>}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div className="choice-actions">
            <button type="button" className="small" disabled={!ready || busy} onClick={() => void confirm()}>
              {props.confirmText}
            </button>
            <button type="button" className="small ghost" disabled={busy} onClick={close}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </span>
  )
}
