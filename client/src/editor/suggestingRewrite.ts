import { Fragment, type Mark, type Node as PMNode, Slice } from '@tiptap/pm/model'
import { type EditorState, TextSelection, type Transaction } from '@tiptap/pm/state'
import { Mapping, ReplaceStep } from '@tiptap/pm/transform'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { DELETION, INSERTION, type SuggestionAttrs, parseSuggestionAttrs } from '../../../shared/draft/suggestions'

/** Who types, as their suggestions name them. */
export interface SuggestionAuthor {
  readonly id: string
  readonly name: string
  readonly state: string | null
}

export interface RewriteContext {
  /** `suggest`: changes become the author's suggestions; `edit`: direct edits, others' suggestions protected. */
  readonly mode: 'edit' | 'suggest'
  readonly author: SuggestionAuthor
  /** May accept and reject others' suggestions (and so delete their text). */
  readonly canDecide: boolean
  readonly newId: () => string
  /** ISO time of a new suggestion. */
  readonly now: () => string
}

/** What becomes of a transaction: passed as it is, replaced, or refused with the reason for the user. */
export type Rewrite =
  | { readonly kind: 'pass' }
  | { readonly kind: 'replace'; readonly tr: Transaction; readonly notice: string | null }
  | { readonly kind: 'refuse'; readonly notice: string }

export const NOTICES = {
  structure: 'Paragraphs, lists and options cannot be changed while suggesting: propose the wording in a thread instead.',
  formatting: 'Formatting and brackets cannot be changed while suggesting: propose the wording in a thread instead.',
  lineBreak: 'Line breaks cannot be suggested: propose the wording in a thread instead.',
  others: "Others' suggestions were left as they are: whoever decides accepts or rejects them.",
  othersDelete: "This text holds another delegation's suggestion: only the rapporteur or the secretariat may remove it (accept or reject it instead).",
  othersMove: "This paragraph holds another delegation's suggestion: decide it before splitting, joining or moving the paragraph.",
} as const

interface Marked {
  /** The author's own well-formed insertion or deletion. */
  readonly ownInsertion: SuggestionAttrs | null
  readonly ownDeletion: SuggestionAttrs | null
  /** A suggestion mark that is not the author's own (or malformed). */
  readonly foreign: boolean
}

const isSuggestionMark = (mark: Mark) => mark.type.name === INSERTION || mark.type.name === DELETION

function isOwn(attrs: SuggestionAttrs, author: SuggestionAuthor): boolean {
  return attrs.user === author.id && attrs.state === author.state
}

function markedBy(marks: readonly Mark[], author: SuggestionAuthor): Marked {
  let ownInsertion: SuggestionAttrs | null = null
  let ownDeletion: SuggestionAttrs | null = null
  let foreign = false
  for (const mark of marks) {
    if (!isSuggestionMark(mark)) continue
    const attrs = parseSuggestionAttrs(mark.attrs)
    if (!attrs || !isOwn(attrs, author)) foreign = true
    else if (mark.type.name === INSERTION) ownInsertion = attrs
    else ownDeletion = attrs
  }
  return { ownInsertion, ownDeletion, foreign }
}

/** True when text between `from` and `to` carries a suggestion mark that is not the author's. */
function hasForeign(doc: PMNode, from: number, to: number, author: SuggestionAuthor): boolean {
  let found = false
  doc.nodesBetween(from, to, (node) => {
    if (found) return false
    if (node.isText && markedBy(node.marks, author).foreign) found = true
    return !found
  })
  return found
}

/** The textblocks around a range, whole: what y-prosemirror rewrites when paragraphs split, join or move. */
function blocksAround(doc: PMNode, from: number, to: number): { from: number; to: number } {
  const $from = doc.resolve(from)
  const $to = doc.resolve(to)
  const start = $from.depth > 0 ? $from.before(Math.min(1, $from.depth)) : 0
  const end = $to.depth > 0 ? $to.after(Math.min(1, $to.depth)) : doc.content.size
  return { from: start, to: end }
}

/** The slice's inline content when it holds no more than one textblock's worth, else null. */
function inlineContent(slice: Slice): Fragment | null {
  if (slice.openStart !== slice.openEnd) return null
  let content = slice.content
  for (let depth = 0; depth < slice.openStart; depth++) {
    const only = content.firstChild
    if (content.childCount !== 1 || !only) return null
    content = only.content
  }
  for (let i = 0; i < content.childCount; i++) if (!content.child(i).isInline) return null
  return content
}

function hasNonText(content: Fragment): boolean {
  for (let i = 0; i < content.childCount; i++) if (!content.child(i).isText) return true
  return false
}

/** The text a tiptap input rule was given (its transaction is refused while suggesting, the text is not). */
function inputRuleText(state: EditorState, tr: Transaction): { from: number; to: number; text: string } | null {
  for (const plugin of state.plugins) {
    const meta: unknown = tr.getMeta(plugin)
    if (typeof meta !== 'object' || meta === null) continue
    const { from, to, text, transform } = meta as Record<string, unknown>
    if (transform !== undefined && typeof from === 'number' && typeof to === 'number' && typeof text === 'string') return { from, to, text }
  }
  return null
}

function copyMeta(from: Transaction, to: Transaction): void {
  for (const key of ['uiEvent', 'paste', 'addToHistory']) {
    const value: unknown = from.getMeta(key)
    if (value !== undefined) to.setMeta(key, value)
  }
  if (from.scrolledIntoView) to.scrollIntoView()
}

/** Strips suggestion marks the author may not write from inserted content (edit mode: foreign ones). */
function withoutForeignMarks(content: Fragment, author: SuggestionAuthor): Fragment {
  const nodes: PMNode[] = []
  content.forEach((node) => {
    const child = node.isText ? node : node.copy(withoutForeignMarks(node.content, author))
    nodes.push(child.mark(child.marks.filter((m) => !isSuggestionMark(m) || !markedBy([m], author).foreign)))
  })
  return Fragment.from(nodes)
}

function hasForeignIn(content: Fragment, author: SuggestionAuthor): boolean {
  let found = false
  content.descendants((node) => {
    if (node.isText && markedBy(node.marks, author).foreign) found = true
    return !found
  })
  return found
}

/** Direct editing: others' suggestions are neither written in new text nor removed by those who may not decide. */
function rewriteEditing(state: EditorState, tr: Transaction, ctx: RewriteContext): Rewrite {
  let strip = false
  for (let i = 0; i < tr.steps.length; i++) {
    const step = tr.steps[i]
    const doc = tr.docs[i]
    if (!step || !doc) continue
    const json = step.toJSON() as { stepType?: string; from?: number; to?: number }
    if (typeof json.from !== 'number' || typeof json.to !== 'number') continue
    const structural = !(step instanceof ReplaceStep) || (() => {
      const $from = doc.resolve(json.from ?? 0)
      const $to = doc.resolve(json.to ?? 0)
      return !$from.parent.isTextblock || !$from.sameParent($to) || inlineContent(step.slice) === null
    })()
    if (json.stepType === 'addMark' || json.stepType === 'removeMark') {
      const mark = (step.toJSON() as { mark?: { type?: string } }).mark?.type
      if (mark === INSERTION || mark === DELETION) return { kind: 'refuse', notice: NOTICES.othersDelete }
      continue
    }
    if (structural) {
      // y-prosemirror writes split, joined or wrapped paragraphs anew: others' marks would be rewritten in one's name.
      const around = blocksAround(doc, json.from, json.to)
      if (hasForeign(doc, around.from, around.to, ctx.author)) return { kind: 'refuse', notice: NOTICES.othersMove }
    } else if (!ctx.canDecide && json.from < json.to && hasForeign(doc, json.from, json.to, ctx.author)) {
      return { kind: 'refuse', notice: NOTICES.othersDelete }
    }
    if (step instanceof ReplaceStep && hasForeignIn(step.slice.content, ctx.author)) strip = true
  }
  if (!strip) return { kind: 'pass' }
  // Rebuild with the inserted content cleaned (typing inside another's suggestion would inherit its mark).
  const out = state.tr
  for (let i = 0; i < tr.steps.length; i++) {
    const step = tr.steps[i]
    if (step instanceof ReplaceStep) {
      const json = step.toJSON() as { from: number; to: number }
      const content = withoutForeignMarks(step.slice.content, ctx.author)
      out.step(new ReplaceStep(json.from, json.to, new Slice(content, step.slice.openStart, step.slice.openEnd)))
    } else if (step) out.step(step)
  }
  // The same sizes as the user's: the selection lands where theirs did.
  out.setSelection(tr.selection.map(out.doc, new Mapping()))
  if (tr.storedMarks) out.setStoredMarks(tr.storedMarks.filter((m) => !isSuggestionMark(m)))
  copyMeta(tr, out)
  return { kind: 'replace', tr: out, notice: null }
}

interface Segment {
  readonly from: number
  readonly to: number
  readonly action: 'delete' | 'mark' | 'keep'
}

/**
 * Suggesting: each replace step of the user's transaction is redone on the state as the author's
 * suggestion. Deleted plain text stays, marked with the author's deletion; deleted own insertions go
 * (a withdrawal); others' suggestions stay untouched; new text carries the author's insertion mark
 * (continuing the insertion it extends, or sharing the id of what it replaces).
 */
function rewriteSuggesting(state: EditorState, tr: Transaction, ctx: RewriteContext): Rewrite {
  const schema = state.schema
  const insertionType = schema.marks[INSERTION]
  const deletionType = schema.marks[DELETION]
  if (!insertionType || !deletionType) return { kind: 'refuse', notice: NOTICES.structure }
  const out = state.tr
  const said: { notice: string | null } = { notice: null }
  let cursor: { pos: number; steps: number } | null = null
  const fresh = (): SuggestionAttrs => ({ id: ctx.newId(), user: ctx.author.id, name: ctx.author.name, state: ctx.author.state, at: ctx.now() })

  for (let i = 0; i < tr.steps.length; i++) {
    const step = tr.steps[i]
    if (!(step instanceof ReplaceStep)) {
      const type = (step?.toJSON() as { stepType?: string } | undefined)?.stepType
      return { kind: 'refuse', notice: type === 'addMark' || type === 'removeMark' ? NOTICES.formatting : NOTICES.structure }
    }
    const json = step.toJSON() as { from: number; to: number }
    const back = tr.mapping.slice(0, i).invert()
    const from = out.mapping.map(back.map(json.from, -1), -1)
    const to = Math.max(from, out.mapping.map(back.map(json.to, 1), 1))
    const $from = out.doc.resolve(from)
    const $to = out.doc.resolve(to)
    const inline = inlineContent(step.slice)
    if (!$from.parent.isTextblock || !$from.sameParent($to) || inline === null) return { kind: 'refuse', notice: NOTICES.structure }
    if (hasNonText(inline)) return { kind: 'refuse', notice: NOTICES.lineBreak }

    // What the step removes, piece by piece.
    const segments: Segment[] = []
    // Found while walking: the author's deletion inside the range, and their insertion it withdraws.
    const found: { ownDeletion: SuggestionAttrs | null; withdrawn: SuggestionAttrs | null } = { ownDeletion: null, withdrawn: null }
    out.doc.nodesBetween(from, to, (node, pos) => {
      if (!node.isInline) return true
      const a = Math.max(from, pos)
      const b = Math.min(to, pos + node.nodeSize)
      if (a >= b) return false
      if (!node.isText) {
        said.notice = NOTICES.lineBreak
        segments.push({ from: a, to: b, action: 'keep' })
        return false
      }
      const marked = markedBy(node.marks, ctx.author)
      if (marked.foreign) {
        said.notice = NOTICES.others
        segments.push({ from: a, to: b, action: 'keep' })
      } else if (marked.ownInsertion) {
        found.withdrawn ??= marked.ownInsertion
        segments.push({ from: a, to: b, action: 'delete' })
      } else if (marked.ownDeletion) {
        found.ownDeletion ??= marked.ownDeletion
        segments.push({ from: a, to: b, action: 'keep' })
      } else segments.push({ from: a, to: b, action: 'mark' })
      return false
    })
    const marking = segments.some((s) => s.action === 'mark')
    // A deletion continues the author's deletion it touches, so striking a word key by key makes one suggestion.
    const touching = (node: PMNode | null | undefined) => (node?.isText ? markedBy(node.marks, ctx.author).ownDeletion : null)
    const deletion: SuggestionAttrs | null = marking ? (found.ownDeletion ?? touching($from.nodeBefore) ?? touching($to.nodeAfter) ?? fresh()) : null

    const stepsBefore = out.steps.length
    for (const segment of [...segments].reverse()) {
      if (segment.action === 'delete') out.delete(segment.from, segment.to)
      else if (segment.action === 'mark' && deletion) out.addMark(segment.from, segment.to, deletionType.create(deletion))
    }
    const after = out.mapping.slice(stepsBefore)
    let insertAt = after.map(to, -1)

    if (inline.size > 0) {
      const $at = out.doc.resolve(insertAt)
      const before = $at.nodeBefore?.isText ? markedBy($at.nodeBefore.marks, ctx.author).ownInsertion : null
      const insertion = deletion ?? found.withdrawn ?? before ?? fresh()
      const mark = insertionType.create(insertion)
      const nodes: PMNode[] = []
      inline.forEach((node) => nodes.push(node.mark(mark.addToSet(node.marks.filter((m) => !isSuggestionMark(m))))))
      const content = Fragment.from(nodes)
      out.insert(insertAt, content)
      insertAt += content.size
      cursor = { pos: insertAt, steps: out.steps.length }
    } else {
      // Backspace leaves the cursor before the struck text, Delete (or a selection) after it.
      const backspace = state.selection.empty && i === 0 && state.selection.head === json.to && json.from < json.to
      cursor = { pos: backspace ? after.map(from, -1) : insertAt, steps: out.steps.length }
    }
  }
  if (cursor) {
    const pos = out.mapping.slice(cursor.steps).map(cursor.pos)
    out.setSelection(TextSelection.create(out.doc, Math.min(pos, out.doc.content.size)))
  }
  copyMeta(tr, out)
  return { kind: 'replace', tr: out, notice: said.notice }
}

/**
 * Rewrites one transaction of the user's for the mode they write in (see rewriteSuggesting and
 * rewriteEditing). Transactions from Yjs (remote changes, undo of one's own) pass untouched.
 */
export function rewriteTransaction(state: EditorState, tr: Transaction, ctx: RewriteContext): Rewrite {
  if (tr.getMeta(ySyncPluginKey) !== undefined || !tr.docChanged) return { kind: 'pass' }
  if (ctx.mode === 'edit') return rewriteEditing(state, tr, ctx)
  const result = rewriteSuggesting(state, tr, ctx)
  if (result.kind !== 'refuse') return result
  // A typed character that an input rule would turn into a list or bold: the character, as a suggestion.
  const typed = inputRuleText(state, tr)
  if (!typed) return result
  return rewriteSuggesting(state, state.tr.insertText(typed.text, typed.from, typed.to), ctx)
}
