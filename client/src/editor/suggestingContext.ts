import { createContext, useContext } from 'react'
import type { SuggestionAuthor } from './suggestingRewrite'

/** How the user writes in the open draft's text, for every clause editor and suggestion popover. */
export interface SuggestingSettings {
  readonly draftId: string
  /** `suggest`: the user's changes become suggestions; `edit`: direct edits. */
  readonly mode: 'edit' | 'suggest'
  /** May suggest (so the text is editable for suggesting even where direct edits are not allowed). */
  readonly canSuggest: boolean
  readonly canDecide: boolean
  readonly author: SuggestionAuthor
  /** State names by code, for labels ("Kenya"). */
  readonly stateNames: ReadonlyMap<string, string>
  /** Says why a change was refused or partly left out. */
  readonly notify: (notice: string) => void
}

export const SuggestingContext = createContext<SuggestingSettings | null>(null)

export function useSuggesting(): SuggestingSettings | null {
  return useContext(SuggestingContext)
}
