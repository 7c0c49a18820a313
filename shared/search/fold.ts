/**
 * Folding for matching: lowercased, diacritics removed ("Côte" finds "cote"), and words as runs of
 * letters and digits. Search (server) and find-in-draft (browser) match by the same rule.
 */

const MARKS = /\p{M}/gu
const WORD = /[\p{L}\p{N}]+/gu

function foldChar(char: string): string {
  return char.normalize('NFD').replace(MARKS, '').toLowerCase()
}

/** The folded text and, for each of its characters, where it came from in the original (plus the end). */
export interface FoldedText {
  readonly folded: string
  /** `origin[i]`: index in the original of folded character i; `origin[folded.length]` is the original's length. */
  readonly origin: readonly number[]
}

const ASCII = /^[\x00-\x7f]*$/

export function foldWithOrigin(text: string): FoldedText {
  if (ASCII.test(text)) {
    const origin = new Array<number>(text.length + 1)
    for (let i = 0; i <= text.length; i++) origin[i] = i
    return { folded: text.toLowerCase(), origin }
  }
  let folded = ''
  const origin: number[] = []
  let index = 0
  for (const char of text) {
    // ASCII needs no normalization: the common case, done without it (snippets fold many texts per search).
    const code = char.charCodeAt(0)
    const f = code < 128 ? (code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : char) : foldChar(char)
    folded += f
    for (let k = 0; k < f.length; k++) origin.push(index)
    index += char.length
  }
  origin.push(text.length)
  return { folded, origin }
}

export function fold(text: string): string {
  return foldWithOrigin(text).folded
}

/** The folded words of a text, in order. */
export function words(text: string): string[] {
  return fold(text).match(WORD) ?? []
}

/** A folded word with where it stands in the original text. */
export interface WordSpan {
  readonly word: string
  readonly start: number
  readonly end: number
}

/** The words of a text with their places in the original (for highlighting). */
export function wordSpans(text: string): WordSpan[] {
  const { folded, origin } = foldWithOrigin(text)
  const spans: WordSpan[] = []
  for (const match of folded.matchAll(WORD)) {
    const start = origin[match.index] ?? 0
    const end = origin[match.index + match[0].length] ?? text.length
    spans.push({ word: match[0], start, end })
  }
  return spans
}
