import { INSERTION } from '../../../shared/draft/suggestions'

/** Formatting attributes of a character (mark name to its attributes), as Yjs stores them. */
export type Attrs = Readonly<Record<string, unknown>>

/** One character (a code point: one or two UTF-16 units) with its marks. */
export interface Char {
  readonly c: string
  readonly a: Attrs
}

/** An edit of a text: keep old[o] as new[n] (reformatted when their marks differ), delete old[o], insert new[n]. */
export type CharOp = { readonly op: 'keep'; readonly o: number; readonly n: number } | { readonly op: 'delete'; readonly o: number } | { readonly op: 'insert'; readonly n: number }

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

const same = (x: Char, y: Char) => x.c === y.c && sameValue(x.a, y.a)
/** A kept character may change marks, but never gain, lose or change an insertion: that is new or removed text. */
const keepable = (x: Char, y: Char) => x.c === y.c && sameValue(x.a[INSERTION], y.a[INSERTION])

/** Above this many cells the middle is aligned by its ends only (a huge paste in one go). */
const MAX_CELLS = 4_000_000

/**
 * The edit from `old` to `next`: common ends kept, the middle aligned to keep as many characters
 * as possible (marks alike count more), so kept text is reformatted, not deleted and retyped.
 */
export function charDiff(old: readonly Char[], next: readonly Char[]): CharOp[] {
  let left = 0
  while (left < old.length && left < next.length && same(old[left] as Char, next[left] as Char)) left++
  let right = 0
  while (right + left < old.length && right + left < next.length && same(old[old.length - right - 1] as Char, next[next.length - right - 1] as Char)) right++
  const ops: CharOp[] = []
  for (let i = 0; i < left; i++) ops.push({ op: 'keep', o: i, n: i })
  const n = old.length - left - right
  const m = next.length - left - right
  const oldAt = (i: number) => old[left + i] as Char
  const newAt = (j: number) => next[left + j] as Char
  if (n * m <= MAX_CELLS) {
    // Best alignment score of old[i..] with new[j..], filled from the end.
    const w = m + 1
    const score = new Int32Array((n + 1) * w)
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        let best = Math.max(score[(i + 1) * w + j] ?? 0, score[i * w + j + 1] ?? 0)
        if (keepable(oldAt(i), newAt(j))) best = Math.max(best, (same(oldAt(i), newAt(j)) ? 3 : 2) + (score[(i + 1) * w + j + 1] ?? 0))
        score[i * w + j] = best
      }
    }
    let i = 0
    let j = 0
    while (i < n || j < m) {
      const here = score[i * w + j] ?? 0
      if (i < n && j < m && keepable(oldAt(i), newAt(j)) && here === (same(oldAt(i), newAt(j)) ? 3 : 2) + (score[(i + 1) * w + j + 1] ?? 0)) {
        ops.push({ op: 'keep', o: left + i++, n: left + j++ })
      } else if (i < n && (j >= m || here === (score[(i + 1) * w + j] ?? 0))) ops.push({ op: 'delete', o: left + i++ })
      else ops.push({ op: 'insert', n: left + j++ })
    }
  } else {
    let k = 0
    while (k < n && k < m && keepable(oldAt(k), newAt(k))) ops.push({ op: 'keep', o: left + k, n: left + k++ })
    for (let i = k; i < n; i++) ops.push({ op: 'delete', o: left + i })
    for (let j = k; j < m; j++) ops.push({ op: 'insert', n: left + j })
  }
  for (let i = 0; i < right; i++) ops.push({ op: 'keep', o: old.length - right + i, n: next.length - right + i })
  return ops
}
