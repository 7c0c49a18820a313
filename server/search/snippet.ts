import { wordSpans } from '../../shared/search/fold'
import type { ParsedQuery } from './query'

/** A piece of a snippet: text as written, `hit` where it matched the query. */
export interface SnippetPart {
  readonly text: string
  readonly hit: boolean
}

/** About this many characters of context around the first match. */
const WINDOW = 180

/** Whether a folded word is one the query asks for (prefix parts match words they begin). */
function matcher(query: ParsedQuery): (word: string) => boolean {
  const exact = new Set<string>()
  const prefixes: string[] = []
  for (const part of query.parts) {
    part.words.forEach((w, i) => (part.prefix && i === part.words.length - 1 ? prefixes.push(w) : exact.add(w)))
  }
  return (word) => exact.has(word) || prefixes.some((p) => word.startsWith(p))
}

/**
 * The text around its first match, the matched words marked; cut at word boundaries with "…". The
 * same on both databases: computed here from the stored text, not by FTS5's snippet or ts_headline.
 */
export function snippet(text: string, query: ParsedQuery): SnippetPart[] {
  const isHit = matcher(query)
  const spans = wordSpans(text)
  const hits = spans.filter((s) => isHit(s.word))
  const first = hits[0]
  let from = 0
  let to = Math.min(text.length, WINDOW)
  if (first && first.end > to) {
    from = Math.max(0, first.start - Math.floor(WINDOW / 3))
    to = Math.min(text.length, from + WINDOW)
  }
  // Whole words at both ends.
  const startWord = spans.find((s) => s.end > from)
  if (startWord && startWord.start < from) from = startWord.start
  const endWord = [...spans].reverse().find((s) => s.start < to)
  if (endWord && endWord.end > to) to = endWord.end
  const parts: SnippetPart[] = []
  const push = (t: string, hit: boolean) => {
    if (!t) return
    const last = parts.at(-1)
    if (last && last.hit === hit) parts[parts.length - 1] = { text: last.text + t, hit }
    else parts.push({ text: t, hit })
  }
  if (from > 0) push('…', false)
  let at = from
  for (const hit of hits) {
    if (hit.start < from || hit.end > to) continue
    push(text.slice(at, hit.start), false)
    push(text.slice(hit.start, hit.end), true)
    at = hit.end
  }
  push(text.slice(at, to), false)
  if (to < text.length) push('…', false)
  // Words matched one after the other are one mark ("electronic evidence"), not two.
  const joined: SnippetPart[] = []
  for (const part of parts.map((p) => (p.hit ? p : { text: p.text.replace(/\s+/g, ' '), hit: false }))) {
    const gap = joined.at(-1)
    const before = joined.at(-2)
    if (part.hit && gap && before?.hit && !gap.hit && gap.text === ' ') {
      joined.splice(-2, 2, { text: `${before.text} ${part.text}`, hit: true })
    } else joined.push(part)
  }
  return joined
}
