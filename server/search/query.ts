import { words } from '../../shared/search/fold'

/** Words that must appear in this order (one word, or a phrase); `prefix`: the last may begin a longer word. */
export interface QueryPart {
  readonly words: readonly string[]
  readonly prefix: boolean
}

/** A search as typed, parsed: every part must match; `phrase` (two parts or more) ranks the words typed, adjacent, first. */
export interface ParsedQuery {
  readonly parts: readonly QueryPart[]
  readonly phrase: readonly string[] | null
}

/** At most this many parts and this long a word are taken from a query: a search box, not a program. */
export const MAX_QUERY_PARTS = 12
const MAX_WORD = 64

const TOKEN = /"([^"]*)"?|([^\s"]+)/g

/**
 * Parses what a user typed: "quoted words" match as a phrase, exactly; other words match any word
 * they begin ("evid" finds "evidence"), in any case, diacritics ignored. Null when it holds no word.
 */
export function parseQuery(q: string): ParsedQuery | null {
  const parts: QueryPart[] = []
  for (const match of q.matchAll(TOKEN)) {
    const quoted = match[1] !== undefined
    const found = words(match[1] ?? match[2] ?? '').map((w) => w.slice(0, MAX_WORD))
    if (found.length === 0) continue
    // "e-mail" typed bare is the phrase "e mail" with the last word a prefix.
    parts.push({ words: found, prefix: !quoted })
    if (parts.length === MAX_QUERY_PARTS) break
  }
  if (parts.length === 0) return null
  const all = parts.flatMap((p) => p.words)
  return { parts, phrase: parts.length > 1 ? all : null }
}

/** The FTS5 MATCH expression (SQLite): each part a quoted string, `*` for a prefix; words are letters and digits only. */
export function fts5Match(query: ParsedQuery): string {
  return query.parts.map((p) => `"${p.words.join(' ')}"${p.prefix ? '*' : ''}`).join(' AND ')
}

export function fts5Phrase(phrase: readonly string[]): string {
  return `"${phrase.join(' ')}"`
}

/** The tsquery (PostgreSQL, 'simple'): `<->` between a phrase's words, `:*` on a prefix, `&` between parts. */
export function tsQuery(query: ParsedQuery): string {
  return query.parts
    .map((p) => `(${p.words.map((w, i) => (p.prefix && i === p.words.length - 1 ? `${w}:*` : w)).join(' <-> ')})`)
    .join(' & ')
}

export function tsPhrase(phrase: readonly string[]): string {
  return phrase.join(' <-> ')
}
