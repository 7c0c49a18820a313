import type { Mark, Node as PMNode } from '@tiptap/pm/model'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { type Attrs, type Char, type CharOp, charDiff, sameValue } from './charDiff'

/**
 * Writes the editor's text changes into the Y.Doc character by character, comparing text AND marks,
 * before y-prosemirror's own pass. Its pass diffs the bare string, so typing " " before a space marks
 * the old space and adds a plain new one; the draft guard (which sees Yjs items) would then read an
 * unmarked insertion and refuse the update. After this pass y-prosemirror finds nothing left to do.
 * Only where the structure is unchanged (the same elements and text runs): the rest is left to it.
 * Draft guard: server/collaboration/guard; the proof that the editor never trips it: suggesting.test.ts.
 */

/** The Yjs formatting attributes of marks as y-prosemirror writes them, or null for a mark it would hash. */
function attrsOf(marks: readonly Mark[]): Attrs | null {
  const attrs: Record<string, unknown> = {}
  for (const mark of marks) {
    if (!mark.type.excludes(mark.type)) return null
    attrs[mark.type.name] = mark.attrs
  }
  return attrs
}

interface DeltaOp {
  insert?: unknown
  attributes?: Attrs
}

function charsOfY(text: Y.XmlText): Char[] | null {
  const chars: Char[] = []
  for (const op of text.toDelta() as DeltaOp[]) {
    if (typeof op.insert !== 'string') return null
    const a = op.attributes ?? {}
    for (const c of op.insert) chars.push({ c, a })
  }
  return chars
}

function charsOfNodes(nodes: readonly PMNode[]): Char[] | null {
  const chars: Char[] = []
  for (const node of nodes) {
    const a = attrsOf(node.marks)
    if (!a || node.text === undefined) return null
    for (const c of node.text) chars.push({ c, a })
  }
  return chars
}

/** The attributes that change from `from` to `to` (null removes one). */
function changed(from: Attrs, to: Attrs): Record<string, unknown> | null {
  const out: Record<string, unknown> = {}
  let any = false
  for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
    if (sameValue(from[key], to[key])) continue
    out[key] = to[key] ?? null
    any = true
  }
  return any ? out : null
}

/** Makes one Y.XmlText equal to the editor's text nodes: kept characters kept, only what changed written. */
function syncText(text: Y.XmlText, nodes: readonly PMNode[]): boolean {
  const old = charsOfY(text)
  const next = charsOfNodes(nodes)
  if (!old || !next) return false
  const ops = charDiff(old, next)
  let at = 0 // in UTF-16 units, as Yjs counts
  let k = 0
  while (k < ops.length) {
    const op = ops[k] as CharOp
    // Runs of the same operation with the same marks go in one call.
    let end = k + 1
    const first = op.op === 'insert' ? next[op.n] : old[op.o]
    const firstNew = op.op === 'delete' ? undefined : next[op.n]
    while (end < ops.length) {
      const e = ops[end] as CharOp
      if (e.op !== op.op) break
      if (e.op === 'insert' && !sameValue(next[e.n]?.a, first?.a)) break
      if (e.op === 'keep' && (!sameValue(old[e.o]?.a, first?.a) || !sameValue(next[e.n]?.a, firstNew?.a))) break
      end++
    }
    const run = ops.slice(k, end)
    const units = run.reduce((sum, r) => sum + (r.op === 'insert' ? (next[r.n]?.c.length ?? 0) : (old[r.o]?.c.length ?? 0)), 0)
    if (op.op === 'delete') text.delete(at, units)
    else if (op.op === 'insert') {
      text.insert(at, run.map((r) => (r.op === 'insert' ? (next[r.n]?.c ?? '') : '')).join(''), { ...(first?.a ?? {}) })
      at += units
    } else {
      const attrs = changed(first?.a ?? {}, firstNew?.a ?? {})
      if (attrs) text.format(at, units, attrs)
      at += units
    }
    k = end
  }
  return true
}

type Mapping = Map<unknown, unknown>

/** The element's attributes as the editor has them, when Yjs holds the same (a default Yjs never got counts as the same). */
function sameElementAttrs(element: Y.XmlElement, node: PMNode): boolean {
  const stored = element.getAttributes() as Record<string, unknown>
  const specs = node.type.spec.attrs ?? {}
  for (const [key, value] of Object.entries(node.attrs)) {
    if (value === null || key === 'ychange') continue
    if (key in stored ? !sameValue(stored[key], value) : !sameValue(specs[key]?.default, value)) return false
  }
  return true
}

function syncTextblock(element: Y.XmlElement, node: PMNode, mapping: Mapping): boolean {
  const groups: (PMNode[] | PMNode)[] = []
  node.forEach((child) => {
    const last = groups[groups.length - 1]
    if (child.isText && Array.isArray(last)) last.push(child)
    else groups.push(child.isText ? [child] : child)
  })
  const children = element.toArray()
  if (children.length !== groups.length) return false
  let whole = true
  groups.forEach((group, i) => {
    const child = children[i]
    if (Array.isArray(group) && child instanceof Y.XmlText) {
      if (syncText(child, group)) mapping.set(child, group)
      else whole = false
    } else if (Array.isArray(group) || !(child instanceof Y.XmlElement) || !sameNode(child, group, mapping)) whole = false
  })
  return whole
}

/** An element the same in Yjs as in the editor, all the way down (inline nodes such as line breaks). */
function sameNode(element: Y.XmlElement, node: PMNode, mapping: Mapping): boolean {
  if (element.nodeName !== node.type.name || !sameElementAttrs(element, node) || element.length !== node.childCount) return false
  if (node.childCount === 0) mapping.set(element, node)
  return node.childCount === 0
}

/**
 * Walks the Y fragment and the editor's document side by side, syncing the text of each textblock
 * and recording in `mapping` (y-prosemirror's: Yjs type to editor node) what now corresponds.
 * True when the two were alike but for text and marks, so nothing is left for y-prosemirror to write.
 */
export function syncBodyTexts(fragment: Y.XmlFragment | Y.XmlElement, node: PMNode, mapping: Mapping): boolean {
  const children = fragment.toArray()
  if (children.length !== node.childCount) return false
  let whole = true
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i)
    const y = children[i]
    if (!(y instanceof Y.XmlElement) || y.nodeName !== child.type.name || !sameElementAttrs(y, child)) {
      whole = false
      continue
    }
    const done = child.isTextblock ? syncTextblock(y, child, mapping) : syncBodyTexts(y, child, mapping)
    if (done) mapping.set(y, child)
    else whole = false
  }
  if (whole) mapping.set(fragment, node)
  return whole
}

/**
 * Writes one editor change into the Y.Doc: our text pass first, then (where the structure changed)
 * y-prosemirror's `write`. Call inside the Yjs transaction of the change.
 */
export function writeEditorChange(fragment: Y.XmlFragment, doc: PMNode, mapping: Mapping, write: (doc: PMNode) => void): void {
  // When only text and marks changed, y-prosemirror would add nothing but defaults Yjs never held (a list's `start`).
  if (!syncBodyTexts(fragment, doc, mapping)) write(doc)
}

interface Binding {
  readonly doc: Y.Doc
  readonly type: Y.XmlFragment
  readonly mapping: Mapping
  _prosemirrorChanged: (doc: PMNode) => void
}

function isBinding(value: unknown): value is Binding {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return v.doc instanceof Y.Doc && v.type instanceof Y.XmlFragment && v.mapping instanceof Map && typeof v._prosemirrorChanged === 'function'
}

const installed = new WeakSet<object>()

/**
 * Puts syncBodyTexts in front of the y-prosemirror binding's write of each editor change (in the
 * same Yjs transaction, so one update). `syncState` is the ySync plugin's state (ySyncPluginKey).
 */
export function installTextSync(syncState: unknown): boolean {
  const binding: unknown = typeof syncState === 'object' && syncState !== null ? (syncState as Record<string, unknown>).binding : null
  if (!isBinding(binding)) return false
  if (installed.has(binding)) return true
  installed.add(binding)
  const write = binding._prosemirrorChanged.bind(binding)
  binding._prosemirrorChanged = (doc: PMNode) => {
    binding.doc.transact(() => writeEditorChange(binding.type, doc, binding.mapping, write), ySyncPluginKey)
  }
  return true
}
