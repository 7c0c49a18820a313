import { useEffect, useState } from 'react'
import { formatDateTime } from '../../../shared/dates'
import type { OpenSuggestion } from '../../../shared/draft/suggestions'
import { suggestionSentence } from '../../../shared/diff/suggestionText'
import { api } from '../api/http'

type Names = ReadonlyMap<string, string>

// Fetched once per page: the member States change rarely and only name the suggestions.
let namesOnce: Promise<Names> | null = null

function loadNames(): Promise<Names> {
  namesOnce ??= api<{ states: { code: string; name: string }[] }>('/api/member-states')
    .then((r) => new Map(r.states.map((s) => [s.code, s.name])))
    .catch(() => {
      namesOnce = null
      return new Map()
    })
  return namesOnce
}

/** The member States' names by code (empty until loaded; codes are shown meanwhile). */
export function useStateNames(): Names {
  const [names, setNames] = useState<Names>(new Map())
  useEffect(() => {
    let live = true
    void loadNames().then((n) => live && setNames(n))
    return () => {
      live = false
    }
  }, [])
  return names
}

const who = (s: OpenSuggestion, names: Names) => (s.state ? (names.get(s.state) ?? s.state) : s.name)

export interface SuggestionNotesProps {
  /** The side's open suggestions. */
  readonly suggestions: readonly OpenSuggestion[]
  /** The other side's, to tell the new ones from those already there. */
  readonly other?: readonly OpenSuggestion[] | undefined
  /** Shown struck through as no longer open (inline view: the earlier side's decided or withdrawn ones). */
  readonly gone?: readonly OpenSuggestion[] | undefined
}

/**
 * A clause's open suggestions under its text, apart from the word diff (they are not part of the
 * text yet): "Kenya suggests: insert “promptly”", the suggester and time in the tooltip.
 */
export function SuggestionNotes({ suggestions, other, gone = [] }: SuggestionNotesProps) {
  const names = useStateNames()
  if (suggestions.length === 0 && gone.length === 0) return null
  const before = new Set((other ?? []).map((s) => s.id))
  return (
    <ul className="diff-suggestions" aria-label="Open suggestions">
      {suggestions.map((s) => (
        <li key={s.id} className="diff-suggestion" data-suggestion={s.id} data-state={s.state ?? ''} title={`${s.name}, ${formatDateTime(s.at)}`}>
          {suggestionSentence(who(s, names), s)}
          {other && !before.has(s.id) && <> <span className="diff-badge diff-badge-flag">New</span></>}
        </li>
      ))}
      {gone.map((s) => (
        <li key={s.id} className="diff-suggestion diff-suggestion-gone" data-suggestion={s.id} data-state={s.state ?? ''} title={`${s.name}, ${formatDateTime(s.at)}`}>
          <s>{suggestionSentence(who(s, names), s)}</s> <span className="muted">(no longer open: decided or withdrawn)</span>
        </li>
      ))}
    </ul>
  )
}

/** The earlier side's suggestions that are not open on the later side. */
export function goneSuggestions(before: readonly OpenSuggestion[], after: readonly OpenSuggestion[]): OpenSuggestion[] {
  const open = new Set(after.map((s) => s.id))
  return before.filter((s) => !open.has(s.id))
}
