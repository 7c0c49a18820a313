import type { OpenSuggestion } from '../draft/suggestions'
import type { ChangeKind, ClauseDiff, ClauseSnapshot, ClausesDiff, DiffSummary, WordOp } from './types'
import { relabel } from '../draft/references'
import { countWords, diffText } from './words'

/**
 * The ids of clauses present on both sides whose relative order changed. The clauses on a longest
 * common subsequence of the two orders stayed put; every other common clause moved. So moving one
 * clause marks that clause only, and the ones it jumped over are merely renumbered.
 */
export function movedIds(before: readonly string[], after: readonly string[]): Set<string> {
  const oldIndex = new Map<string, number>()
  before.forEach((id, i) => oldIndex.set(id, i))
  const common = after.filter((id) => oldIndex.has(id))
  const seq = common.map((id) => oldIndex.get(id) as number)
  // Longest increasing subsequence (patience sorting), O(n log n).
  const tails: number[] = [] // tails[k]: index in seq of the smallest tail of an increasing run of length k+1
  const prev = new Int32Array(seq.length).fill(-1)
  for (let i = 0; i < seq.length; i++) {
    const value = seq[i] as number
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((seq[tails[mid] as number] as number) < value) lo = mid + 1
      else hi = mid
    }
    if (lo > 0) prev[i] = tails[lo - 1] as number
    tails[lo] = i
  }
  const stayed = new Set<number>()
  for (let i = tails.at(-1) ?? -1; i >= 0; i = prev[i] as number) stayed.add(i)
  const moved = new Set<string>()
  common.forEach((id, i) => {
    if (!stayed.has(i)) moved.add(id)
  })
  return moved
}

const BRACKETED = /\[[^[\]]*\]/g
const OPTION_LINE = /^Option [A-Z]{1,2}:.*$/gm

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

// Same suggestions: same ids with the same wording and author, in the same order.
const suggestionKey = (s: OpenSuggestion) => JSON.stringify([s.id, s.kind, s.inserted, s.deleted, s.user, s.state])
const sameSuggestions = (a: readonly OpenSuggestion[], b: readonly OpenSuggestion[]) => sameList(a.map(suggestionKey), b.map(suggestionKey))

const bracketsOf = (text: string): string[] => text.match(BRACKETED) ?? []
const optionsOf = (text: string): string[] => text.match(OPTION_LINE) ?? []

/** One clause compared across two states; either side may be missing (added or removed). */
export function diffClause(before: ClauseSnapshot | null, after: ClauseSnapshot | null, moved = false): ClauseDiff {
  const clause = (after ?? before) as ClauseSnapshot
  const oldHeading = before?.heading ?? ''
  const newHeading = after?.heading ?? ''
  // A reference renumbered in between reads as on the newer side: the same wording, not a change.
  const oldText = before?.refText !== undefined && after ? relabel(before.refText, after.refText) : (before?.text ?? '')
  const newText = after?.text ?? ''
  const changes: ChangeKind[] = []
  if (!before) changes.push('added')
  if (!after) changes.push('removed')
  if (before && after) {
    if (moved) changes.push('moved')
    if (before.number !== after.number || before.label !== after.label) changes.push('renumbered')
    if (before.status !== after.status) changes.push('status')
    if (oldHeading !== newHeading) changes.push('heading')
    if (oldText !== newText) changes.push('body')
    if (!sameSuggestions(before.suggestions ?? [], after.suggestions ?? [])) changes.push('suggestions')
  }
  return {
    id: clause.id,
    kind: clause.kind,
    changes,
    numberBefore: before?.number ?? null,
    numberAfter: after?.number ?? null,
    labelBefore: before?.label ?? null,
    labelAfter: after?.label ?? null,
    statusBefore: before?.status ?? null,
    statusAfter: after?.status ?? null,
    heading: diffText(oldHeading, newHeading),
    body: diffText(oldText, newText),
    bracketsChanged: !sameList(bracketsOf(`${oldHeading}\n${oldText}`), bracketsOf(`${newHeading}\n${newText}`)),
    optionsChanged: oldText !== newText && !sameList(optionsOf(oldText), optionsOf(newText)),
    suggestionsBefore: before?.suggestions ?? [],
    suggestionsAfter: after?.suggestions ?? [],
  }
}

function wordsIn(ops: readonly WordOp[], op: 'insert' | 'delete'): number {
  let n = 0
  for (const o of ops) if (o.op === op) n += countWords(o.text)
  return n
}

/** Counts of a list of clause diffs, for the summary line of a view. */
export function summarize(clauses: readonly ClauseDiff[]): DiffSummary {
  const count = (kind: ChangeKind) => clauses.filter((c) => c.changes.includes(kind)).length
  const changed = clauses.filter((c) => c.changes.length > 0)
  return {
    clauses: clauses.length,
    changed: changed.length,
    unchanged: clauses.length - changed.length,
    added: count('added'),
    removed: count('removed'),
    moved: count('moved'),
    renumbered: count('renumbered'),
    status: count('status'),
    heading: count('heading'),
    body: count('body'),
    suggestions: count('suggestions'),
    wordsInserted: changed.reduce((n, c) => n + wordsIn(c.heading, 'insert') + wordsIn(c.body, 'insert'), 0),
    wordsDeleted: changed.reduce((n, c) => n + wordsIn(c.heading, 'delete') + wordsIn(c.body, 'delete'), 0),
  }
}

/** Two states of a draft compared clause by clause (aligned by id), each clause word by word. */
export function diffClauses(before: readonly ClauseSnapshot[], after: readonly ClauseSnapshot[]): ClausesDiff {
  const oldById = new Map(before.map((c) => [c.id, c]))
  const newIds = new Set(after.map((c) => c.id))
  const moved = movedIds(
    before.map((c) => c.id),
    after.map((c) => c.id),
  )
  // A removed clause is shown after the clause it followed (the nearest earlier one that survives).
  const removedAfter = new Map<string | null, ClauseSnapshot[]>()
  let anchor: string | null = null
  for (const clause of before) {
    if (newIds.has(clause.id)) {
      anchor = clause.id
      continue
    }
    const list = removedAfter.get(anchor) ?? []
    list.push(clause)
    removedAfter.set(anchor, list)
  }
  const clauses: ClauseDiff[] = []
  for (const removed of removedAfter.get(null) ?? []) clauses.push(diffClause(removed, null))
  for (const clause of after) {
    clauses.push(diffClause(oldById.get(clause.id) ?? null, clause, moved.has(clause.id)))
    for (const removed of removedAfter.get(clause.id) ?? []) clauses.push(diffClause(removed, null))
  }
  return { summary: summarize(clauses), clauses }
}
