import { diffArrays, diffWordsWithSpace } from 'diff'
import type { WordOp, WordOpKind } from './types'

/**
 * Word diffs that keep paragraph boundaries: the texts are split into paragraphs (lines), the
 * paragraphs aligned, and only aligned paragraphs are diffed word by word (jsdiff). A "\n" is always
 * an op of its own, so a view can rebuild paragraphs from the ops alone.
 *
 * jsdiff's `diffWordsWithSpace`, not `diffWords`: the latter ignores whitespace changes and rewrites
 * whitespace in its output, so its ops would not always rebuild the exact new text.
 */

// Beyond this many token edits in one paragraph, show it as deleted and re-inserted (Myers is O(N·D)).
const MAX_EDIT_LENGTH = 2000
// Paragraph pairs less alike than this are shown as one deleted and one inserted paragraph.
const MIN_SIMILARITY = 0.3
// Above this many candidate pairs in one replaced run, stop pairing by similarity.
const MAX_PAIRING_CELLS = 2500

/** "(a) " and "Option A: " labels follow from order: aligning ignores them, the word diff shows them. */
const LABEL = /^(?:\([a-z]{1,2}\)\s+|Option [A-Z]{1,2}:\s*)/

class OpList {
  readonly ops: WordOp[] = []

  push(op: WordOpKind, text: string): void {
    if (text === '') return
    const last = this.ops.at(-1)
    if (text !== '\n' && last && last.op === op && last.text !== '\n') {
      this.ops[this.ops.length - 1] = { op, text: last.text + text }
    } else {
      this.ops.push({ op, text })
    }
  }
}

function paragraphs(text: string): string[] {
  return text === '' ? [] : text.split('\n')
}

const WORD = /[\p{L}\p{N}]+/gu

/** Counts words (letters and digits) in a text. */
export function countWords(text: string): number {
  let n = 0
  for (const _ of text.matchAll(WORD)) n++
  return n
}

/** Dice coefficient over the paragraphs' word multisets (case-insensitive). */
function similarity(a: string, b: string): number {
  const wa = a.toLowerCase().match(WORD) ?? []
  const wb = b.toLowerCase().match(WORD) ?? []
  if (wa.length === 0 && wb.length === 0) return a === b ? 1 : 0
  const counts = new Map<string, number>()
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1)
  let common = 0
  for (const w of wb) {
    const c = counts.get(w) ?? 0
    if (c > 0) {
      common++
      counts.set(w, c - 1)
    }
  }
  return (2 * common) / (wa.length + wb.length)
}

/** One line of an alignment: a pair of indices, or a line of only one side. */
export type AlignedIndex = { readonly a: number; readonly b: number } | { readonly a: number; readonly b?: undefined } | { readonly a?: undefined; readonly b: number }

/**
 * Pairs the paragraphs of a replaced run (removed `as`, added `bs`), keeping their order and
 * maximising total similarity; unpaired ones are pure deletions or insertions. Indices are offsets
 * `aFrom`/`bFrom` into the whole texts.
 */
function pairRun(as: readonly string[], bs: readonly string[], aFrom: number, bFrom: number): AlignedIndex[] {
  const onlyA = () => as.map((_, i) => ({ a: aFrom + i }))
  const onlyB = () => bs.map((_, j) => ({ b: bFrom + j }))
  if (as.length === 0) return onlyB()
  if (bs.length === 0) return onlyA()
  if (as.length * bs.length > MAX_PAIRING_CELLS) return [...onlyA(), ...onlyB()]
  const n = as.length
  const m = bs.length
  const sim = as.map((a) => bs.map((b) => similarity(a, b)))
  // best[i][j]: best total for as[i..] and bs[j..].
  const best = Array.from({ length: n + 1 }, () => new Float64Array(m + 1))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = sim[i]?.[j] ?? 0
      const pair = s >= MIN_SIMILARITY ? s + (best[i + 1]?.[j + 1] ?? 0) : -1
      ;(best[i] as Float64Array)[j] = Math.max(pair, best[i + 1]?.[j] ?? 0, best[i]?.[j + 1] ?? 0)
    }
  }
  const out: AlignedIndex[] = []
  let i = 0
  let j = 0
  while (i < n && j < m) {
    const s = sim[i]?.[j] ?? 0
    const here = best[i]?.[j] ?? 0
    if (s >= MIN_SIMILARITY && here === s + (best[i + 1]?.[j + 1] ?? 0)) {
      out.push({ a: aFrom + i, b: bFrom + j })
      i++
      j++
    } else if (here === (best[i + 1]?.[j] ?? 0)) {
      out.push({ a: aFrom + i })
      i++
    } else {
      out.push({ b: bFrom + j })
      j++
    }
  }
  for (; i < n; i++) out.push({ a: aFrom + i })
  for (; j < m; j++) out.push({ b: bFrom + j })
  return out
}

/**
 * Aligns two lists of paragraphs: equal ones (by `key`) pair up, and within each replaced run the
 * most alike pair up in order. Used by the word diff and by the minimal edits of a proposal.
 */
export function alignIndices(as: readonly string[], bs: readonly string[], key: (p: string) => string = (p) => p.replace(LABEL, '')): AlignedIndex[] {
  const changes = diffArrays([...as], [...bs], { comparator: (l, r) => key(l) === key(r) })
  const out: AlignedIndex[] = []
  let ai = 0
  let bi = 0
  let removedFrom = 0
  let addedFrom = 0
  const flush = () => {
    if (ai > removedFrom || bi > addedFrom) out.push(...pairRun(as.slice(removedFrom, ai), bs.slice(addedFrom, bi), removedFrom, addedFrom))
  }
  for (const change of changes) {
    const count = change.count
    if (change.removed) {
      ai += count
    } else if (change.added) {
      bi += count
    } else {
      flush()
      for (let k = 0; k < count; k++) out.push({ a: ai + k, b: bi + k })
      ai += count
      bi += count
      removedFrom = ai
      addedFrom = bi
    }
  }
  flush()
  return out
}

type Aligned = { readonly a: string; readonly b: string } | { readonly a: string; readonly b?: undefined } | { readonly a?: undefined; readonly b: string }

function alignParagraphs(as: string[], bs: string[]): Aligned[] {
  return alignIndices(as, bs).map((p): Aligned => {
    if (p.a === undefined) return { b: bs[p.b] as string }
    if (p.b === undefined) return { a: as[p.a] as string }
    return { a: as[p.a] as string, b: bs[p.b] as string }
  })
}

function diffParagraph(out: OpList, a: string, b: string): void {
  if (a === b) return out.push('equal', a)
  const changes = diffWordsWithSpace(a, b, { maxEditLength: MAX_EDIT_LENGTH })
  if (!changes) {
    out.push('delete', a)
    out.push('insert', b)
    return
  }
  const ops: WordOp[] = changes.map((c) => ({ op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value }))
  for (const op of mergeAcrossSpaces(ops)) out.push(op.op, op.text)
}

/**
 * Readability: a lone space kept between two changes ("+Nairobi" " " "+amendment") splits one edit
 * in two. Such a space joins both sides of the surrounding changes, which then read as one deletion
 * and one insertion; the old and new texts are unchanged.
 */
function mergeAcrossSpaces(ops: readonly WordOp[]): WordOp[] {
  type Group = { equal: string } | { deleted: string; inserted: string }
  const groups: Group[] = []
  for (const op of ops) {
    const last = groups.at(-1)
    if (op.op === 'equal') groups.push({ equal: op.text })
    else if (last && 'deleted' in last) {
      if (op.op === 'delete') last.deleted += op.text
      else last.inserted += op.text
    } else groups.push(op.op === 'delete' ? { deleted: op.text, inserted: '' } : { deleted: '', inserted: op.text })
  }
  const merged: Group[] = []
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i] as Group
    const previous = merged.at(-1)
    const next = groups[i + 1]
    if ('equal' in group && /^\s+$/.test(group.equal) && previous && 'deleted' in previous && next && 'deleted' in next) {
      previous.deleted += group.equal + next.deleted
      previous.inserted += group.equal + next.inserted
      i++
    } else {
      merged.push({ ...group })
    }
  }
  const result: WordOp[] = []
  for (const group of merged) {
    if ('equal' in group) result.push({ op: 'equal', text: group.equal })
    else {
      if (group.deleted) result.push({ op: 'delete', text: group.deleted })
      if (group.inserted) result.push({ op: 'insert', text: group.inserted })
    }
  }
  return result
}

/** The word diff of two plain texts (one paragraph per line), paragraph boundaries kept. */
export function diffText(before: string, after: string): WordOp[] {
  const out = new OpList()
  let seenBefore = false
  let seenAfter = false
  // Each paragraph but the first on its side is preceded by a "\n" on that side.
  const separate = (inBefore: boolean, inAfter: boolean) => {
    const needBefore = inBefore && seenBefore
    const needAfter = inAfter && seenAfter
    if (needBefore && needAfter) out.push('equal', '\n')
    else if (needBefore) out.push('delete', '\n')
    else if (needAfter) out.push('insert', '\n')
    if (inBefore) seenBefore = true
    if (inAfter) seenAfter = true
  }
  if (before === after) {
    for (const p of paragraphs(before)) {
      separate(true, true)
      out.push('equal', p)
    }
    return out.ops
  }
  for (const item of alignParagraphs(paragraphs(before), paragraphs(after))) {
    separate(item.a !== undefined, item.b !== undefined)
    if (item.a !== undefined && item.b !== undefined) diffParagraph(out, item.a, item.b)
    else if (item.a !== undefined) out.push('delete', item.a)
    else out.push('insert', item.b)
  }
  return out.ops
}

/** The old text a diff was made from: its `equal` and `delete` ops. */
export function textBefore(ops: readonly WordOp[]): string {
  return ops
    .filter((o) => o.op !== 'insert')
    .map((o) => o.text)
    .join('')
}

/** The new text of a diff: its `equal` and `insert` ops. */
export function textAfter(ops: readonly WordOp[]): string {
  return ops
    .filter((o) => o.op !== 'delete')
    .map((o) => o.text)
    .join('')
}

/** The ops split at their "\n" ops: one list per paragraph of the merged view (for rendering). */
export function opParagraphs(ops: readonly WordOp[]): WordOp[][] {
  const lines: WordOp[][] = [[]]
  for (const op of ops) {
    if (op.text === '\n') lines.push([])
    else lines[lines.length - 1]?.push(op)
  }
  return lines
}
