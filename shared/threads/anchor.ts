import * as Y from 'yjs'

/** A thread's span: two Yjs relative positions, so it follows the text as others edit around it. */
export interface Anchor {
  readonly start: Y.RelativePosition
  readonly end: Y.RelativePosition
}

export function encodeRelative(position: Y.RelativePosition): string {
  const bytes = Y.encodeRelativePosition(position)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** Decodes a base64 relative position; throws on anything malformed. */
export function decodeRelative(base64: string): Y.RelativePosition {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return Y.decodeRelativePosition(bytes)
}

interface TextRun {
  readonly node: Y.XmlText
  readonly text: string
}

/** The XmlText nodes of a body in document order. */
function textRuns(body: Y.XmlFragment | Y.XmlElement, runs: TextRun[] = []): TextRun[] {
  for (const child of body.toArray()) {
    if (child instanceof Y.XmlText) runs.push({ node: child, text: plain(child) })
    else if (child instanceof Y.XmlElement) textRuns(child, runs)
  }
  return runs
}

function plain(node: Y.XmlText): string {
  return (node.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('')
}

/** True when `type` is `ancestor` or lies inside it. */
function isInside(type: unknown, ancestor: object): boolean {
  for (let t: unknown = type; t instanceof Y.AbstractType; t = t._item?.parent ?? null) {
    if (t === ancestor) return true
  }
  return false
}

/** A point in the body's text: which run and the offset in it. */
interface Point {
  readonly run: number
  readonly offset: number
}

function locate(doc: Y.Doc, body: Y.XmlFragment, runs: readonly TextRun[], position: Y.RelativePosition): Point | 'unknown' | 'outside' | 'removed' {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc)
  if (!absolute) {
    // Content this replica has seen but no longer holds was deleted (and garbage-collected).
    const item = position.item
    return item && Y.getState(doc.store, item.client) > item.clock ? 'removed' : 'unknown'
  }
  if (!isInside(absolute.type, body)) return 'outside'
  const direct = runs.findIndex((r) => r.node === absolute.type)
  if (direct >= 0) return { run: direct, offset: absolute.index }
  // Between blocks: the start of the first text at or after that child.
  if (absolute.type instanceof Y.XmlElement || absolute.type instanceof Y.XmlFragment) {
    // Past the last child get() returns undefined, whatever its typings say.
    const child = absolute.type.get(absolute.index) as Y.XmlElement | Y.XmlText | undefined
    const after = child ? runs.findIndex((r) => r.node === child || isInside(r.node, child)) : -1
    if (after >= 0) return { run: after, offset: 0 }
    const last = runs.length - 1
    return { run: Math.max(last, 0), offset: runs[last]?.text.length ?? 0 }
  }
  return 'outside'
}

export type SpanResolution =
  | { readonly state: 'ok'; readonly text: string; readonly start: Point; readonly end: Point; readonly runs: readonly TextRun[] }
  | { readonly state: 'removed' }
  | { readonly state: 'unknown' }
  | { readonly state: 'outside' }

/**
 * Where a span is now in a clause body. `removed` when its text has been deleted (the thread then
 * stays on its clause), `unknown` when this replica lacks the content it refers to, `outside` when
 * it does not point into this body.
 */
export function resolveSpan(doc: Y.Doc, body: Y.XmlFragment, anchor: Anchor): SpanResolution {
  const runs = textRuns(body)
  const start = locate(doc, body, runs, anchor.start)
  const end = locate(doc, body, runs, anchor.end)
  if (start === 'outside' || end === 'outside') return { state: 'outside' }
  if (start === 'unknown' || end === 'unknown') return { state: 'unknown' }
  if (start === 'removed' || end === 'removed') return { state: 'removed' }
  if (start.run > end.run || (start.run === end.run && start.offset >= end.offset)) return { state: 'removed' }
  const parts: string[] = []
  for (let i = start.run; i <= end.run; i++) {
    const text = runs[i]?.text ?? ''
    parts.push(text.slice(i === start.run ? start.offset : 0, i === end.run ? end.offset : text.length))
  }
  return { state: 'ok', text: parts.join('\n'), start, end, runs }
}

/** An anchor for characters [from, to) of one XmlText (used by tests and by the server). */
export function anchorInText(text: Y.XmlText, from: number, to: number): Anchor {
  return {
    start: Y.createRelativePositionFromTypeIndex(text, from),
    // assoc -1: the end sticks to the last character of the span, not to what is typed after it.
    end: Y.createRelativePositionFromTypeIndex(text, to, -1),
  }
}

/** Replaces the span's text with `replacement` when it lies within one paragraph. */
export function replaceSpan(resolution: Extract<SpanResolution, { state: 'ok' }>, replacement: string): boolean {
  if (resolution.start.run !== resolution.end.run) return false
  const run = resolution.runs[resolution.start.run]
  if (!run) return false
  run.node.delete(resolution.start.offset, resolution.end.offset - resolution.start.offset)
  run.node.insert(resolution.start.offset, replacement)
  return true
}
