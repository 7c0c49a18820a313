import { fold, foldWithOrigin } from '../../../../shared/search/fold'

/** The CSS Custom Highlight names (styled in find.css); nothing is added to the text's DOM. */
const ALL = 'find-match'
const CURRENT = 'find-current'

const supported = (): boolean => typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined'

/** Ranges of every occurrence of `query` in the element's rendered text (static body or mounted editor alike). */
function rangesIn(element: Element, query: string): Range[] {
  const needle = fold(query)
  if (!needle) return []
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
  const ranges: Range[] = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? ''
    const { folded, origin } = foldWithOrigin(text)
    for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + needle.length)) {
      const range = document.createRange()
      range.setStart(node, origin[at] ?? 0)
      range.setEnd(node, origin[at + needle.length] ?? text.length)
      ranges.push(range)
    }
  }
  return ranges
}

/**
 * Marks the matches of one clause on the page, the `ordinal`-th as the current one; returns the
 * current range (to scroll to), or null when the page does not show it (yet).
 */
export function highlightClause(clauseElement: Element | null, query: string, ordinal: number): Range | null {
  if (!supported()) return null
  const body = clauseElement?.querySelector('.clause-body')
  const ranges = body ? rangesIn(body, query) : []
  CSS.highlights.set(ALL, new Highlight(...ranges))
  const current = ranges[ordinal] ?? null
  if (current) CSS.highlights.set(CURRENT, new Highlight(current))
  else CSS.highlights.delete(CURRENT)
  return current
}

export function clearHighlights(): void {
  if (!supported()) return
  CSS.highlights.delete(ALL)
  CSS.highlights.delete(CURRENT)
}
