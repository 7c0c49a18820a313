import { type KeyboardEvent, type TextareaHTMLAttributes, useEffect, useId, useRef, useState } from 'react'
import type { Mentionable } from '../../../shared/consoleApi'
import { inboxApi } from '../api/console'
import '../console/console.css'

/** Per draft, who can be mentioned: asked once per page. */
const known = new Map<string, Promise<Mentionable[]>>()
const mentionablesOf = (draftId: string) => {
  let list = known.get(draftId)
  if (!list) {
    list = inboxApi.mentionables(draftId).catch(() => [])
    known.set(draftId, list)
  }
  return list
}

/** The `@word` being typed just before the caret, if any. */
function typedMention(text: string, caret: number): { start: number; query: string } | null {
  const match = /(?:^|[\s(])@([A-Za-z0-9._-]{0,64})$/.exec(text.slice(0, caret))
  if (!match) return null
  return { start: caret - (match[1]?.length ?? 0) - 1, query: match[1] ?? '' }
}

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'> & {
  readonly draftId: string
  readonly value: string
  readonly onValueChange: (value: string) => void
}

/** A comment box that completes `@person` and `@KEN` (that State's delegates) from the draft's group. */
export function MentionTextarea({ draftId, value, onValueChange, onKeyDown, ...rest }: Props) {
  const [options, setOptions] = useState<Mentionable[]>([])
  const [active, setActive] = useState(0)
  const [typed, setTyped] = useState<{ start: number; query: string } | null>(null)
  const area = useRef<HTMLTextAreaElement>(null)
  const listId = useId()

  useEffect(() => {
    if (!typed) {
      setOptions([])
      return
    }
    let live = true
    void mentionablesOf(draftId).then((all) => {
      const q = typed.query.toLowerCase()
      if (live) setOptions(all.filter((m) => m.handle.toLowerCase().startsWith(q) || m.label.toLowerCase().includes(q)).slice(0, 8))
    })
    return () => {
      live = false
    }
  }, [draftId, typed])

  const pick = (option: Mentionable) => {
    if (!typed) return
    const caret = typed.start + 1 + typed.query.length
    const next = `${value.slice(0, typed.start)}@${option.handle} ${value.slice(caret)}`
    onValueChange(next)
    setTyped(null)
    const at = typed.start + option.handle.length + 2
    requestAnimationFrame(() => area.current?.setSelectionRange(at, at))
  }

  const keys = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (options.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault()
        setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length)
        return
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        const option = options[active]
        if (option) {
          event.preventDefault()
          pick(option)
          return
        }
      }
      if (event.key === 'Escape') {
        event.preventDefault()
        setTyped(null)
        return
      }
    }
    onKeyDown?.(event)
  }

  return (
    <span className="mention-box">
      <textarea
        {...rest}
        ref={area}
        value={value}
        onKeyDown={keys}
        onChange={(e) => {
          onValueChange(e.target.value)
          setActive(0)
          setTyped(typedMention(e.target.value, e.target.selectionStart))
        }}
      />
      {options.length > 0 && (
        <ul className="mention-list" role="listbox" id={listId} aria-label="People and States to mention">
          {options.map((o, i) => (
            <li key={`${o.kind}-${o.handle}`} role="option" aria-selected={i === active} className="mention-option" onMouseDown={(e) => { e.preventDefault(); pick(o) }}>
              @{o.handle} <span className="muted">{o.label}</span>
            </li>
          ))}
        </ul>
      )}
      <span className="visually-hidden" role="status">{options.length > 0 ? `${options.length} to mention: arrow keys to choose, Enter to take` : ''}</span>
    </span>
  )
}
