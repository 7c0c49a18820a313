import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { type FindMatch, findMatches } from './findMatches'
import { clearHighlights, highlightClause } from './pageHighlight'
import { useSuggesting } from '../../editor/suggestingContext'
import { replaceMatches } from './replace'
import './find.css'

interface Props {
  readonly doc: Y.Doc
  /** The clause ids in the outline's order. */
  readonly clauseIds: readonly string[]
  /** The user may change the text now: replace is offered. */
  readonly canReplace: boolean
}

/** The matches of `query`, kept current as the document changes (others' edits too), at most every 100 ms. */
function useMatches(doc: Y.Doc, clauseIds: readonly string[], query: string, active: boolean): FindMatch[] {
  const [version, setVersion] = useState(0)
  useEffect(() => {
    if (!active) return
    let timer: ReturnType<typeof setTimeout> | null = null
    const changed = () => {
      timer ??= setTimeout(() => {
        timer = null
        setVersion((v) => v + 1)
      }, 100)
    }
    doc.on('update', changed)
    return () => {
      doc.off('update', changed)
      if (timer) clearTimeout(timer)
    }
  }, [doc, active])
  // `version` makes the matches follow the document's changes.
  return useMemo(() => (active && version >= 0 ? findMatches(doc, clauseIds, query) : []), [doc, clauseIds, query, active, version])
}

/**
 * Find (and replace) in the whole draft: Ctrl/Cmd+F or the Find button. Matches come from the
 * Y.Doc, so clauses whose editors are not mounted count and are reached; the current one is
 * scrolled to and marked on the page (static text or editor alike).
 */
export function FindBar({ doc, clauseIds, canReplace: canEdit }: Props) {
  // Who may only suggest replaces as suggestions (the guard refuses direct edits from them).
  const suggesting = useSuggesting()
  const mode = suggesting?.mode === 'suggest' ? 'suggest' : 'edit'
  const author = suggesting?.author ?? null
  const canReplace = mode === 'suggest' ? (suggesting?.canSuggest ?? false) : canEdit
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const [replacement, setReplacement] = useState('')
  const [current, setCurrent] = useState(0)
  const [notice, setNotice] = useState<string | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const matches = useMatches(doc, clauseIds, query, open)
  const index = matches.length === 0 ? -1 : Math.min(current, matches.length - 1)
  const match = index >= 0 ? matches[index] : undefined

  const show = useCallback(() => {
    setOpen(true)
    requestAnimationFrame(() => {
      input.current?.focus()
      input.current?.select()
    })
  }, [])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f') {
        e.preventDefault()
        show()
      }
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [show])

  // The current match: its clause scrolled to, its words marked; marked again when the clause's DOM changes (its editor mounts).
  useEffect(() => {
    if (!open || !match) {
      clearHighlights()
      return
    }
    const element = document.getElementById(`clause-${match.clauseId}`)
    if (!element) return
    let scrolled = false
    const mark = () => {
      const range = highlightClause(element, query, match.ordinal)
      if (scrolled) return
      scrolled = true
      if (range) {
        const box = range.getBoundingClientRect()
        if (box.top < 120 || box.bottom > window.innerHeight - 40) window.scrollBy({ top: box.top - window.innerHeight / 3 })
      } else element.scrollIntoView({ block: 'center' })
    }
    element.scrollIntoView({ block: 'center' })
    mark()
    const observer = new MutationObserver(() => highlightClause(element, query, match.ordinal))
    observer.observe(element, { childList: true, subtree: true, characterData: true })
    return () => observer.disconnect()
  }, [open, match, query])

  useEffect(() => () => clearHighlights(), [])

  const step = (by: number) => {
    if (matches.length === 0) return
    setNotice(null)
    setCurrent((index + by + matches.length) % matches.length)
  }
  const close = () => {
    setOpen(false)
    clearHighlights()
  }
  const replaceOne = () => {
    if (!match) return
    const n = replaceMatches(doc, [match], replacement, mode, author)
    setNotice(n === 1 ? (mode === 'suggest' ? 'Suggested 1 replacement.' : 'Replaced 1.') : 'Left alone: these words already carry a suggestion.')
  }
  const replaceAll = () => {
    const n = replaceMatches(doc, matches, replacement, mode, author)
    const skipped = matches.length - n
    setNotice(`${mode === 'suggest' ? `Suggested ${n} replacements` : `Replaced ${n}`}${skipped > 0 ? `; ${skipped} left alone (already under a suggestion)` : ''}.`)
    setCurrent(0)
  }

  if (!open) {
    return (
      <button type="button" className="small find-open" onClick={show} aria-keyshortcuts="Control+F">
        Find
      </button>
    )
  }
  const position = !query.trim() ? '' : matches.length === 0 ? 'No matches' : `${index + 1} of ${matches.length}`
  const status = [notice, position].filter(Boolean).join(' ')
  return (
    <div className="find-bar" role="search" aria-label="Find in this draft">
      <input
        ref={input}
        type="search"
        aria-label="Find in this draft"
        placeholder="Find in this draft"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value)
          setCurrent(0)
          setNotice(null)
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            step(e.shiftKey ? -1 : 1)
          } else if (e.key === 'Escape') close()
        }}
      />
      <span className="find-count" role="status" aria-live="polite">{status}</span>
      <button type="button" className="small" onClick={() => step(-1)} disabled={matches.length === 0} aria-label="Previous match">↑</button>
      <button type="button" className="small" onClick={() => step(1)} disabled={matches.length === 0} aria-label="Next match">↓</button>
      {canReplace && (
        <>
          <input
            type="text"
            aria-label="Replace with"
            placeholder="Replace with"
            value={replacement}
            onChange={(e) => setReplacement(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                replaceOne()
              } else if (e.key === 'Escape') close()
            }}
          />
          <button type="button" className="small" onClick={replaceOne} disabled={!match}>Replace</button>
          <button type="button" className="small" onClick={replaceAll} disabled={matches.length === 0}>Replace all</button>
        </>
      )}
      <button type="button" className="small" onClick={close} aria-label="Close find">×</button>
    </div>
  )
}
