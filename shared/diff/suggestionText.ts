import type { SuggestionKind } from '../draft/suggestions'

/** What a suggestion would do, as "insert “…”", "delete “…”" or "replace “…” by “…”". */
export function suggestionAction(s: { readonly kind: SuggestionKind; readonly inserted: string; readonly deleted: string }): string {
  const q = (text: string) => `“${text.trim()}”`
  if (s.kind === 'insert') return `insert ${q(s.inserted)}`
  if (s.kind === 'delete') return `delete ${q(s.deleted)}`
  return `replace ${q(s.deleted)} by ${q(s.inserted)}`
}

/** "Kenya suggests: insert “promptly”" (`who`: the State's name, else the suggester's). */
export function suggestionSentence(who: string, s: { readonly kind: SuggestionKind; readonly inserted: string; readonly deleted: string }): string {
  return `${who} suggests: ${suggestionAction(s)}`
}
