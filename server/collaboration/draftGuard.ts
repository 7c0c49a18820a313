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
  const inUpdate = (id: Y.ID): Y.Item | null =>
    own.find((s) => s.id.client === id.client && s.id.clock <= id.clock && id.clock < s.id.clock + s.length) ?? null
  const placeOfDocItem = (item: Y.Item | Y.GC): { readonly key: string } | 'other' =>
    item instanceof Y.Item && item.parent === draft && typeof item.parentSub === 'string' ? { key: item.parentSub } : 'other'

  const placeOf = (item: Y.Item, depth: number): Place => {
    if (typeof item.parent === 'string') return item.parent === DRAFT_MAP && item.parentSub !== null ? { key: item.parentSub } : 'other'
    if (item.parent instanceof Y.ID) return 'other' // inside a nested type, never a key of the root map
    const neighbour = item.origin ?? item.rightOrigin
    if (!neighbour || depth > own.length) return 'unknown'
    const found = inDoc(neighbour)
    if (found) return placeOfDocItem(found)
    const sibling = inUpdate(neighbour)
    return sibling && sibling !== item ? placeOf(sibling, depth + 1) : 'unknown'
  }

  for (const item of own) {
    const place = placeOf(item, 0)
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
