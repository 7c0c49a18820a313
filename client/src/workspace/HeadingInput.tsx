import { useEffect, useRef } from 'react'
import type * as Y from 'yjs'
import { applyTextEdit } from '../../../shared/draft/clauseOps'

/** Moves an index through a Y.Text delta, so a remote edit does not throw the local caret about. */
function transformIndex(index: number, delta: { insert?: unknown; delete?: number; retain?: number }[]): number {
  let cursor = 0
  let result = index
  for (const op of delta) {
    if (op.retain) cursor += op.retain
    else if (typeof op.insert === 'string') {
      if (cursor <= result) result += op.insert.length
      cursor += op.insert.length
    } else if (op.delete) {
      if (cursor < result) result -= Math.min(op.delete, result - cursor)
    }
    if (cursor > result) break
  }
  return result
}

/** A clause heading (a one-line textarea that wraps) bound to its Y.Text: local typing becomes minimal Yjs edits, remote ones keep the caret. */
export function HeadingInput({ text, label, readOnly, onFocus }: { text: Y.Text; label: string; readOnly: boolean; onFocus: () => void }) {
  const ref = useRef<HTMLTextAreaElement>(null)

  useEffect(() => {
    const input = ref.current
    if (!input) return
    input.value = text.toString()
    const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.local && input.value === text.toString()) return
      const focused = document.activeElement === input
      const start = input.selectionStart
      const end = input.selectionEnd
      input.value = text.toString()
      if (focused) input.setSelectionRange(transformIndex(start, event.delta), transformIndex(end, event.delta))
    }
    text.observe(observer)
    return () => text.unobserve(observer)
  }, [text])

  return (
    <textarea
      ref={ref}
      rows={1}
      className="clause-heading"
      aria-label={`Heading of ${label}`}
      placeholder={readOnly ? '' : 'Heading'}
      readOnly={readOnly}
      // Read-only, it is text to read: out of the tab order, so Tab goes from text to text.
      tabIndex={readOnly ? -1 : undefined}
      onFocus={onFocus}
      // One line of text: Enter does not break it, and pasted line breaks become spaces.
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.preventDefault()
      }}
      onInput={(e) => {
        const value = e.currentTarget.value
        if (/[\r\n]/.test(value)) e.currentTarget.value = value.replace(/[\r\n]+/g, ' ')
        applyTextEdit(text, e.currentTarget.value)
      }}
    />
  )
}
