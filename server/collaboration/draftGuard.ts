import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { DRAFT_MAP } from '../../shared/draft/format'
import { can } from '../../shared/permissions'
import type { Connection } from './Connection'
import type { UpdateInspector, Verdict } from './inspection'

/** Where an update writes: a key of the root map 'draft', or somewhere else ('other'); 'unknown' when it cannot be placed. */
type Place = { readonly key: string } | 'other' | 'unknown'

/**
 * The keys of doc.getMap('draft') an update would set or delete, read without applying it: each new
 * item's parent (written in the update, or that of its origin, found in the document or the update
 * itself) and each deleted item of the document. 'unknown' is among them when an item's origin is
 * neither (the update depends on one not seen yet): the caller refuses what it cannot place.
 */
export function draftKeysChanged(update: Uint8Array, doc: Y.Doc): Set<string> {
  const draft = doc.getMap(DRAFT_MAP)
  const { structs, ds } = Y.decodeUpdate(update)
  const own = structs.filter((s): s is Y.Item => s instanceof Y.Item)
  const keys = new Set<string>()

  const inDoc = (id: Y.ID): Y.Item | Y.GC | null => {
    if (id.clock >= Y.getState(doc.store, id.client)) return null
    const struct: Y.AbstractStruct = Y.getItem(doc.store, id)
    return struct instanceof Y.Item || struct instanceof Y.GC ? struct : null
  }
  // The update's items by client, in clock order (as Yjs encodes them): found by binary search, so a
  // paste of 100,000 items is placed in O(n log n), not O(n²).
  const byClient = new Map<number, Y.Item[]>()
  for (const item of own) {
    const list = byClient.get(item.id.client)
    if (list) list.push(item)
    else byClient.set(item.id.client, [item])
  }
  for (const list of byClient.values()) list.sort((x, y) => x.id.clock - y.id.clock)
  const inUpdate = (id: Y.ID): Y.Item | null => {
    const list = byClient.get(id.client) ?? []
    let lo = 0
    let hi = list.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const s = list[mid]
      if (!s) break
      if (id.clock < s.id.clock) hi = mid - 1
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1
      else return s
    }
    return null
  }
  const placeOfDocItem = (item: Y.Item | Y.GC): { readonly key: string } | 'other' =>
    item instanceof Y.Item && item.parent === draft && typeof item.parentSub === 'string' ? { key: item.parentSub } : 'other'

  // Each item's place once: a chain of items each placed after the previous one is walked once, not once per item.
  const places = new Map<Y.Item, Place>()
  const placeOf = (start: Y.Item): Place => {
    const chain = new Set<Y.Item>()
    let item: Y.Item | null = start
    let place: Place = 'unknown'
    while (item) {
      const known = places.get(item)
      if (known !== undefined) {
        place = known
        break
      }
      if (chain.has(item)) break // a cycle: cannot be placed
      chain.add(item)
      if (typeof item.parent === 'string') {
        place = item.parent === DRAFT_MAP && item.parentSub !== null ? { key: item.parentSub } : 'other'
        break
      }
      if (item.parent instanceof Y.ID) {
        place = 'other' // inside a nested type, never a key of the root map
        break
      }
      const neighbour: Y.ID | null = item.origin ?? item.rightOrigin
      if (!neighbour) break
      const found = inDoc(neighbour)
      if (found) {
        place = placeOfDocItem(found)
        break
      }
      const sibling = inUpdate(neighbour)
      item = sibling && sibling !== item ? sibling : null
    }
    for (const walked of chain) places.set(walked, place)
    return place
  }

  for (const item of own) {
    const place = placeOf(item)
    if (place === 'unknown') keys.add('unknown')
    else if (place !== 'other') keys.add(place.key)
  }
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      let clock = range.clock
      const end = Math.min(range.clock + range.len, Y.getState(doc.store, client))
      while (clock < end) {
        const struct: Y.AbstractStruct = Y.getItem(doc.store, Y.createID(client, clock))
        if (struct instanceof Y.Item) {
          const place = placeOfDocItem(struct)
          if (place !== 'other') keys.add(place.key)
        }
        clock = struct.id.clock + struct.length
      }
    }
  }
  return keys
}

/** Who may set or delete each guarded key of the root map 'draft' (the draft guard adds statuses and agreed text). */
const GUARDED_KEYS: Readonly<Record<string, (conn: Connection) => boolean>> = {
  title: (conn) => can(conn.user.role, 'draft.rename'),
}

/**
 * The draft guard: refuses (4422) an update that changes a key of the draft map the sender may not
 * change, or that it cannot place while the sender may not change every guarded key. Runs after the
 * cost check, so the update is well formed and of bounded size.
 */
export function draftGuardInspector(): UpdateInspector {
  return {
    inspect(from, update, doc): Verdict {
      const keys = draftKeysChanged(update, doc)
      for (const key of keys) {
        const allowed = key === 'unknown' ? Object.values(GUARDED_KEYS).every((may) => may(from)) : (GUARDED_KEYS[key]?.(from) ?? true)
        if (!allowed) return { ok: false, code: CloseCode.CHANGE_FORBIDDEN, reason: key === 'unknown' ? 'an update the server cannot place' : `changes the draft's ${key}` }
      }
      return { ok: true }
    },
  }
}
