import { diffArrays } from 'diff'
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing'
import * as Y from 'yjs'
import { applyTextEdit, positionAt } from '../../shared/draft/clauseOps'
import { ClauseKey, DRAFT_MAP } from '../../shared/draft/format'
import { isValidPosition } from '../collaboration/draftFormatInspector'
import { compareClauses } from '../../shared/draft/numbering'
import { clausesMap } from '../../shared/draft/ydoc'
import { movedIds } from '../../shared/diff/clauses'

/**
 * Restoring from a revision writes the revision's content into the live Y.Doc as ordinary, minimal
 * edits (a new change; history is never rewritten). Unchanged paragraphs, headings and positions are
 * left alone, so concurrent editors keep their carets and comment anchors keep their place there.
 * Call inside one transaction (CollaborationService.withDoc does). Nothing here throws on what a
 * writer may have stored (invalid positions are renumbered), so a restore is never left half done.
 */

type XmlNode = Y.XmlElement | Y.XmlText | Y.XmlHook

/** Clause ids and positions in order; entries that are not clause maps (any writer can add them) are skipped. */
function orderOf(doc: Y.Doc): { id: string; position: string }[] {
  const placed: { id: string; position: string }[] = []
  for (const [id, clause] of clausesMap(doc).entries()) {
    if (!(clause instanceof Y.Map)) continue
    const position = clause.get(ClauseKey.position)
    placed.push({ id, position: typeof position === 'string' ? position : '' })
  }
  return placed.sort(compareClauses)
}

/** A structural key of a body node: equal keys mean identical content (text, marks, attributes). */
function nodeKey(node: XmlNode): string {
  if (node instanceof Y.XmlText) return JSON.stringify(['t', node.toDelta()])
  if (node instanceof Y.XmlElement) {
    return JSON.stringify(['e', node.nodeName, node.getAttributes(), (node.toArray() as XmlNode[]).map(nodeKey)])
  }
  return JSON.stringify(['h', node.hookName])
}

/** Makes `target` hold what `source` holds, keeping the top-level nodes that are already equal. */
function restoreBody(target: Y.XmlFragment, source: Y.XmlFragment): void {
  const have = target.toArray() as XmlNode[]
  const want = source.toArray() as XmlNode[]
  const changes = diffArrays(have.map(nodeKey), want.map(nodeKey))
  let at = 0
  let from = 0
  for (const change of changes) {
    if (change.removed) {
      target.delete(at, change.count)
    } else if (change.added) {
      target.insert(at, want.slice(from, from + change.count).map((node) => node.clone() as Y.XmlElement | Y.XmlText))
      at += change.count
      from += change.count
    } else {
      at += change.count
      from += change.count
    }
  }
}

function copyContent(target: Y.Map<unknown>, source: Y.Map<unknown>): void {
  for (const key of [ClauseKey.kind, ClauseKey.status] as const) {
    const value = source.get(key)
    if (value !== undefined && target.get(key) !== value) target.set(key, value)
  }
  const sourceHeading = source.get(ClauseKey.heading)
  const headingText = sourceHeading instanceof Y.Text ? sourceHeading.toString() : ''
  const heading = target.get(ClauseKey.heading)
  if (heading instanceof Y.Text) applyTextEdit(heading, headingText)
  else target.set(ClauseKey.heading, new Y.Text(headingText))

  const sourceBody = source.get(ClauseKey.body)
  let body = target.get(ClauseKey.body)
  if (!(body instanceof Y.XmlFragment)) {
    body = new Y.XmlFragment()
    target.set(ClauseKey.body, body)
  }
  if (sourceBody instanceof Y.XmlFragment) restoreBody(body as Y.XmlFragment, sourceBody)
  else (body as Y.XmlFragment).delete(0, (body as Y.XmlFragment).length)
}

/** Creates the clause with its id from the source, at `position`. */
function recreate(live: Y.Doc, id: string, source: Y.Map<unknown>, position: string): void {
  const clause = new Y.Map<unknown>()
  clausesMap(live).set(id, clause)
  clause.set(ClauseKey.position, position)
  copyContent(clause, source)
}

function sourceClause(source: Y.Doc, clauseId: string): Y.Map<unknown> | null {
  const clause = clausesMap(source).get(clauseId)
  return clause instanceof Y.Map ? clause : null
}

/**
 * Restores one clause from the revision: its heading, body, status and kind. A clause deleted since
 * comes back (same id) after the clause it followed in the revision; an existing one keeps its place.
 * Returns false when the revision does not hold the clause.
 */
export function restoreClause(live: Y.Doc, source: Y.Doc, clauseId: string): boolean {
  const from = sourceClause(source, clauseId)
  if (!from) return false
  const existing = clausesMap(live).get(clauseId)
  if (existing instanceof Y.Map) {
    copyContent(existing, from)
    return true
  }
  // Neighbours with invalid positions (stored before the format was checked) are not built upon.
  const liveOrder = orderOf(live).filter((c) => c.id !== clauseId && isValidPosition(c.position))
  const liveIndex = new Map(liveOrder.map((c, i) => [c.id, i]))
  const sourceOrder = orderOf(source).map((c) => c.id)
  let index = 0
  for (const id of sourceOrder.slice(0, sourceOrder.indexOf(clauseId)).reverse()) {
    const found = liveIndex.get(id)
    if (found !== undefined) {
      index = found + 1
      break
    }
  }
  recreate(live, clauseId, from, positionAt(liveOrder, index))
  return true
}

/**
 * Restores the whole draft: clauses added since are deleted, deleted ones come back, every clause
 * gets the revision's content, and the order becomes the revision's, moving as few clauses as possible.
 */
export function restoreDraft(live: Y.Doc, source: Y.Doc): void {
  const title = source.getMap(DRAFT_MAP).get('title')
  if (typeof title === 'string' && live.getMap(DRAFT_MAP).get('title') !== title) live.getMap(DRAFT_MAP).set('title', title)
  const target = orderOf(source).map((c) => c.id)
  const wanted = new Set(target)
  const map = clausesMap(live)
  for (const id of [...map.keys()]) if (!wanted.has(id)) map.delete(id)

  const before = orderOf(live)
  const moved = movedIds(
    before.map((c) => c.id),
    target,
  )
  // A clause whose live position is invalid counts as moved: it gets a new, valid one.
  const positionOf = new Map(before.filter((c) => isValidPosition(c.position)).map((c) => [c.id, c.position]))
  // A clause keeps its position when it exists and did not move relative to the others that exist.
  const stays = (id: string) => positionOf.has(id) && !moved.has(id)
  const nextStable = new Array<string | null>(target.length).fill(null)
  let upcoming: string | null = null
  for (let i = target.length - 1; i >= 0; i--) {
    nextStable[i] = upcoming
    const id = target[i] as string
    if (stays(id)) upcoming = positionOf.get(id) ?? null
  }
  const positions = new Map<string, string>()
  let previous: string | null = null
  let fallback = false as boolean // set inside the callback, which TypeScript does not follow
  target.forEach((id, i) => {
    if (stays(id)) {
      previous = positionOf.get(id) ?? null
      return
    }
    const next = nextStable[i] ?? null
    // Equal neighbouring positions (ties broken by id) leave no key between them: renumber all.
    if (previous !== null && next !== null && previous >= next) fallback = true
    if (fallback) return
    const position = generateKeyBetween(previous, next)
    positions.set(id, position)
    previous = position
  })
  if (fallback) {
    const keys = generateNKeysBetween(null, null, target.length)
    target.forEach((id, i) => positions.set(id, keys[i] as string))
  }

  for (const id of target) {
    const from = sourceClause(source, id) as Y.Map<unknown>
    const existing = map.get(id)
    const position = positions.get(id)
    if (existing instanceof Y.Map) {
      if (position !== undefined && existing.get(ClauseKey.position) !== position) existing.set(ClauseKey.position, position)
      copyContent(existing, from)
    } else {
      recreate(live, id, from, position ?? generateKeyBetween(null, null))
    }
  }
}
