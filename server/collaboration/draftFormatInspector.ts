import { generateKeyBetween } from 'fractional-indexing'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { CLAUSES_MAP, ClauseKey, isClauseKind, isClauseStatus } from '../../shared/draft/format'
import { ID_PATTERN } from '../../shared/ids'
import type { UpdateInspector, Verdict } from './inspection'

const MAX_POSITION_CHARS = 100
const REQUIRED = [ClauseKey.position, ClauseKey.kind, ClauseKey.heading, ClauseKey.body] as const

/** Where an item sits: under a root type by name, or inside the type an item holds; `sub`: its map key. */
type Place = { readonly root: string; readonly sub: string | null } | { readonly item: Y.ID; readonly sub: string | null } | null

/** A position the editor's fractional-indexing can build on (it throws on anything else). */
export function isValidPosition(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_POSITION_CHARS) return false
  try {
    generateKeyBetween(value, null)
    return true
  } catch {
    return false
  }
}

const refuse = (reason: string): Verdict => ({ ok: false, code: CloseCode.DRAFT_FORMAT_INVALID, reason })

function contentValue(item: Y.Item): { readonly deleted: boolean; readonly value?: unknown; readonly type?: Y.AbstractType<unknown> } {
  const content = item.content
  if (content instanceof Y.ContentDeleted) return { deleted: true }
  if (content instanceof Y.ContentAny) return { deleted: false, value: content.arr[content.arr.length - 1] }
  if (content instanceof Y.ContentType) return { deleted: false, type: content.type }
  return { deleted: false, value: Symbol('other content') }
}

/** Checks one field of a clause map against the draft format (README "Draft document format"). */
function checkField(key: string, item: Y.Item): string | null {
  const { deleted, value, type } = contentValue(item)
  if (deleted) return null
  switch (key) {
    case ClauseKey.position:
      return isValidPosition(value) ? null : 'invalid clause position'
    case ClauseKey.kind:
      return isClauseKind(value) ? null : 'invalid clause kind'
    case ClauseKey.status:
      return isClauseStatus(value) ? null : 'invalid clause status'
    case ClauseKey.heading:
      return type instanceof Y.Text ? null : 'a clause heading must be text'
    case ClauseKey.body:
      return type instanceof Y.XmlFragment && !(type instanceof Y.XmlElement) ? null : 'a clause body must be an XML fragment'
    default:
      return `unknown clause field ${key.slice(0, 40)}`
  }
}

/**
 * The draft format, checked on every client update before it is applied: entries of the clauses
 * map must be maps under valid ids, and their fields only those of the format with valid values
 * (positions fractional-indexing keys, kinds and statuses from the lists). Refused: 4415.
 */
export function draftFormatInspector(): UpdateInspector {
  return {
    inspect(_from, update, doc) {
      const { structs } = Y.decodeUpdate(update)
      const inUpdate = new Map<number, Y.Item[]>()
      for (const struct of structs) {
        if (!(struct instanceof Y.Item)) continue
        const list = inUpdate.get(struct.id.client) ?? []
        list.push(struct)
        inUpdate.set(struct.id.client, list)
      }
      // An update's structs of one client come in clock order: a binary search keeps a large paste linear-logarithmic.
      const findNew = (id: Y.ID): Y.Item | null => {
        const list = inUpdate.get(id.client)
        if (!list) return null
        let low = 0
        let high = list.length - 1
        while (low <= high) {
          const mid = (low + high) >> 1
          const item = list[mid] as Y.Item
          if (id.clock < item.id.clock) high = mid - 1
          else if (id.clock >= item.id.clock + item.length) low = mid + 1
          else return item
        }
        return null
      }
      const findOld = (id: Y.ID): Y.Item | null => {
        if (Y.getState(doc.store, id.client) <= id.clock) return null
        const found = Y.getItem(doc.store, id)
        return found instanceof Y.Item ? found : null
      }
      const placeOfOld = (item: Y.Item): Place => {
        const parent = item.parent
        if (!(parent instanceof Y.AbstractType)) return null
        if (parent._item) return { item: parent._item.id, sub: item.parentSub }
        return { root: Y.findRootTypeKey(parent), sub: item.parentSub }
      }
      // Resolves an item's place: written in the update, or that of its neighbour (origin).
      const placeOf = (item: Y.Item, depth = 0): Place => {
        if (typeof item.parent === 'string') return { root: item.parent, sub: item.parentSub }
        if (item.parent instanceof Y.ID) return { item: item.parent, sub: item.parentSub }
        if (depth > 64) return null
        const neighbour = item.origin ?? item.rightOrigin
        if (!neighbour) return null
        const fresh = findNew(neighbour)
        if (fresh && fresh !== item) return placeOf(fresh, depth + 1)
        const old = findOld(neighbour)
        return old ? placeOfOld(old) : null
      }
      const isClauseEntry = (id: Y.ID): boolean => {
        const holder = findNew(id) ?? findOld(id)
        if (!holder) return false
        const place = holder === findNew(id) ? placeOf(holder) : placeOfOld(holder)
        return place !== null && 'root' in place && place.root === CLAUSES_MAP && place.sub !== null
      }
      // A clause created by this update must bring its fields in it: an empty clause breaks numbering.
      const created = new Map<Y.Item, Set<string>>()
      for (const list of inUpdate.values()) {
        for (const item of list) {
          const place = placeOf(item)
          if (!place) continue
          if ('root' in place) {
            if (place.root !== CLAUSES_MAP) continue
            if (place.sub === null) return refuse('the clauses map holds only keyed entries')
            if (!ID_PATTERN.test(place.sub)) return refuse('invalid clause id')
            const { deleted, type } = contentValue(item)
            if (!deleted && !(type instanceof Y.Map)) return refuse('a clause must be a map')
            if (!deleted) created.set(item, new Set())
          } else if (isClauseEntry(place.item)) {
            if (place.sub === null) return refuse('a clause holds only keyed fields')
            const problem = checkField(place.sub, item)
            if (problem) return refuse(problem)
            const parent = findNew(place.item)
            if (parent) created.get(parent)?.add(place.sub)
          }
        }
      }
      for (const fields of created.values()) {
        for (const key of REQUIRED) if (!fields.has(key)) return refuse(`a new clause needs its ${key}`)
      }
      return { ok: true }
    },
  }
}
