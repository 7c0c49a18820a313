import * as Y from 'yjs'

/** A text's marks (formatting attributes): mark name to its attributes. */
export type Marks = Readonly<Record<string, unknown>>

export interface TextRun {
  readonly text: string
  readonly marks: Marks
}

export interface Reformat {
  readonly text: string
  readonly before: Marks
  readonly after: Marks
}

/** Two mark values alike (Yjs compares formatting attributes the same way: by value). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

export function sameMarks(a: Marks, b: Marks): boolean {
  return sameValue(a, b)
}

function setMark(marks: Map<string, unknown>, key: string, value: unknown): void {
  if (value === null) marks.delete(key)
  else marks.set(key, value)
}

const asMarks = (marks: Map<string, unknown>): Marks => Object.fromEntries(marks)

function push<T extends { text: string }>(runs: T[], run: T, same: (a: T, b: T) => boolean): void {
  const last = runs[runs.length - 1]
  if (last && same(last, run)) runs[runs.length - 1] = { ...last, text: last.text + run.text }
  else runs.push(run)
}

/**
 * What a transaction did to one text, character by character: walking its items once, with the
 * marks in effect before (items that existed and were visible before the transaction) and after
 * (items visible now) side by side. Text that appeared is inserted (with its marks after), text that
 * went is deleted (with its marks before), text kept whose marks differ is reformatted.
 */
export function textChanges(text: Y.XmlText | Y.Text, tr: Y.Transaction, deletedNow: ReadonlySet<Y.Item>): { inserted: TextRun[]; deleted: TextRun[]; reformatted: Reformat[] } {
  const inserted: TextRun[] = []
  const deleted: TextRun[] = []
  const reformatted: Reformat[] = []
  const before = new Map<string, unknown>()
  const after = new Map<string, unknown>()
  const sameRun = (a: TextRun, b: TextRun) => sameMarks(a.marks, b.marks)
  // Kept text can change its marks only where a mark boundary came or went.
  let formatsChanged = false
  for (let item: Y.Item | null = text._start; item && !formatsChanged; item = item.right) {
    if (item.content instanceof Y.ContentFormat && (deletedNow.has(item) || item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0))) formatsChanged = true
  }
  const sameReformat = (a: Reformat, b: Reformat) => sameMarks(a.before, b.before) && sameMarks(a.after, b.after)
  for (let item: Y.Item | null = text._start; item; item = item.right) {
    const existed = item.id.clock < (tr.beforeState.get(item.id.client) ?? 0)
    const visibleBefore = existed && (!item.deleted || deletedNow.has(item))
    const visibleAfter = !item.deleted
    const content = item.content
    if (content instanceof Y.ContentFormat) {
      if (visibleBefore) setMark(before, content.key, content.value)
      if (visibleAfter) setMark(after, content.key, content.value)
      continue
    }
    if (!(content instanceof Y.ContentString)) continue // embeds are structure (analyzeTransaction)
    if (visibleBefore && !visibleAfter) push(deleted, { text: content.str, marks: asMarks(before) }, sameRun)
    else if (!visibleBefore && visibleAfter) push(inserted, { text: content.str, marks: asMarks(after) }, sameRun)
    else if (visibleBefore && visibleAfter && formatsChanged && !sameMarks(asMarks(before), asMarks(after))) push(reformatted, { text: content.str, before: asMarks(before), after: asMarks(after) }, sameReformat)
  }
  return { inserted, deleted, reformatted }
}
