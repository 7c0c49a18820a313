import * as binary from 'lib0/binary'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'

/**
 * What applying one Yjs update (v1 encoding) to a document would cost, measured before it is
 * applied: read with Yjs's own UpdateDecoderV1 but without building items, so that an update
 * meant to be expensive costs little to measure (one pass, no allocation per struct).
 */
export interface UpdateCost {
  readonly bytes: number
  /** Structs of every kind (items, GC and skip ranges). */
  readonly structs: number
  /** Delete-set ranges. */
  readonly deleteRanges: number
  /** Characters of inserted strings (UTF-16 code units, as Yjs counts them). */
  readonly chars: number
  /** The longest single item's length (characters, or elements of an embedded array). */
  readonly longestItem: number
  /**
   * Items Yjs would split to integrate the update: a delete range or an origin that falls inside
   * an existing item (or one of the update's own). Each split moves the rest of that client's
   * struct array, which is what made "delete every other character" quadratic.
   */
  readonly splits: number
  /** Items the document would hold more afterwards (new items plus splits), an upper bound. */
  readonly newItems: number
}

export interface UpdateLimits {
  readonly maxStructs: number
  readonly maxDeleteRanges: number
  readonly maxChars: number
  readonly maxItemLength: number
  readonly maxSplits: number
}

/** Which limit an update passes; null when it passes none. */
export function exceededLimit(cost: UpdateCost, limits: UpdateLimits): string | null {
  if (cost.structs > limits.maxStructs) return `${cost.structs} structs (at most ${limits.maxStructs})`
  if (cost.deleteRanges > limits.maxDeleteRanges) return `${cost.deleteRanges} delete ranges (at most ${limits.maxDeleteRanges})`
  if (cost.chars > limits.maxChars) return `${cost.chars} inserted characters (at most ${limits.maxChars})`
  if (cost.longestItem > limits.maxItemLength) return `an item of ${cost.longestItem} characters (at most ${limits.maxItemLength})`
  if (cost.splits > limits.maxSplits) return `${cost.splits} items split (at most ${limits.maxSplits})`
  return null
}

// Yjs type refs whose content carries a node name (YXmlElement, YXmlHook).
const TYPE_REFS_WITH_KEY = new Set([3, 5])
const TYPE_REF_MAX = 6

/** Start clocks of the structs the update brings, per client (sorted: a client's structs are consecutive). */
type OwnStructs = Map<number, { starts: number[]; end: number; deleted: boolean[] }>

/**
 * Measures an update against the document it would be applied to. Throws on a malformed update
 * (as Y.decodeUpdate would), so this is also the validation that precedes applying.
 */
export function measureUpdate(update: Uint8Array, doc: Y.Doc): UpdateCost {
  const decoder = new Y.UpdateDecoderV1(decoding.createDecoder(update))
  const rest = decoder.restDecoder
  const store = doc.store.clients
  const own: OwnStructs = new Map()
  let structs = 0
  let chars = 0
  let longestItem = 0
  let splits = 0
  let items = 0
  const clients = decoding.readVarUint(rest)
  for (let c = 0; c < clients; c++) {
    const count = decoding.readVarUint(rest)
    const client = decoder.readClient()
    let clock = decoding.readVarUint(rest)
    const mine = { starts: [] as number[], end: clock, deleted: [] as boolean[] }
    own.set(client, mine)
    for (let i = 0; i < count; i++) {
      structs += 1
      const info = decoder.readInfo()
      const kind = binary.BITS5 & info
      let length: number
      let deleted: boolean
      if (kind === 0) {
        length = decoder.readLen() // GC
        deleted = true
      } else if (kind === 10) {
        length = decoding.readVarUint(rest) // Skip
        deleted = true
      } else {
        items += 1
        let originEnd: Y.ID | null = null
        if ((info & binary.BIT8) === binary.BIT8) {
          const origin = decoder.readLeftID()
          // The origin is the last character of the item to the left: a split unless an item ends there.
          originEnd = Y.createID(origin.client, origin.clock + 1)
          if (splitsAt(store, own, origin.client, origin.clock + 1)) splits += 1
        }
        if ((info & binary.BIT7) === binary.BIT7) {
          const right = decoder.readRightID()
          // Typing inside a word: both origins point at the same split, made once.
          const sameSplit = originEnd !== null && originEnd.client === right.client && originEnd.clock === right.clock
          if (!sameSplit && splitsAt(store, own, right.client, right.clock)) splits += 1
        }
        if ((info & (binary.BIT7 | binary.BIT8)) === 0) {
          if (decoder.readParentInfo()) decoder.readString()
          else decoder.readLeftID()
          if ((info & binary.BIT6) === binary.BIT6) decoder.readString()
        }
        const content = readContent(decoder, kind)
        length = content.length
        deleted = kind === 1
        chars += content.chars
        if (kind !== 1 && length > longestItem) longestItem = length
      }
      if (length < 1) throw new Error('a struct of length 0')
      mine.starts.push(clock)
      mine.deleted.push(deleted)
      clock += length
    }
    mine.end = clock
  }
  let deleteRanges = 0
  const dsClients = decoding.readVarUint(rest)
  for (let c = 0; c < dsClients; c++) {
    decoder.resetDsCurVal()
    const client = decoding.readVarUint(rest)
    const ranges = decoding.readVarUint(rest)
    for (let r = 0; r < ranges; r++) {
      const clock = decoder.readDsClock()
      const len = decoder.readDsLen()
      deleteRanges += 1
      // Both ends of a range split the item they fall inside, unless it is deleted already.
      if (splitsAt(store, own, client, clock, true)) splits += 1
      if (len > 0 && splitsAt(store, own, client, clock + len, true)) splits += 1
    }
  }
  return { bytes: update.byteLength, structs, deleteRanges, chars, longestItem, splits, newItems: items + splits }
}

function readContent(decoder: Y.UpdateDecoderV1, kind: number): { length: number; chars: number } {
  switch (kind) {
    case 1: // deleted
      return { length: decoder.readLen(), chars: 0 }
    case 2: {
      const len = decoder.readLen() // JSON
      for (let i = 0; i < len; i++) decoder.readString()
      return { length: len, chars: 0 }
    }
    case 3:
      decoder.readBuf()
      return { length: 1, chars: 0 }
    case 4: {
      const text = decoder.readString()
      return { length: text.length, chars: text.length }
    }
    case 5:
      decoder.readJSON() // embed
      return { length: 1, chars: 0 }
    case 6:
      decoder.readKey() // format
      decoder.readJSON()
      return { length: 1, chars: 0 }
    case 7: {
      const ref = decoder.readTypeRef()
      if (ref > TYPE_REF_MAX) throw new Error(`unknown type ref ${ref}`)
      if (TYPE_REFS_WITH_KEY.has(ref)) decoder.readKey()
      return { length: 1, chars: 0 }
    }
    case 8: {
      const len = decoder.readLen() // any
      for (let i = 0; i < len; i++) decoder.readAny()
      return { length: len, chars: 0 }
    }
    case 9:
      decoder.readString() // subdocument guid and options
      decoder.readAny()
      return { length: 1, chars: 0 }
    default:
      throw new Error(`unknown content ${kind}`)
  }
}

/**
 * Whether an item boundary at (client, clock) would split an item: the clock falls strictly
 * inside one, in the document or among the update's own structs. `skipDeleted`: deletions do not
 * split items already deleted (Yjs leaves them whole).
 */
function splitsAt(store: Map<number, Array<Y.Item | Y.GC>>, own: OwnStructs, client: number, clock: number, skipDeleted = false): boolean {
  const structs = store.get(client)
  const last = structs?.at(-1)
  if (structs && last && clock < last.id.clock + last.length) {
    const struct = structs[Y.findIndexSS(structs, clock)]
    if (!struct || struct.id.clock === clock) return false
    return !(skipDeleted && struct.deleted)
  }
  const mine = own.get(client)
  if (!mine || clock >= mine.end) return false
  const index = floorIndex(mine.starts, clock)
  if (index < 0 || mine.starts[index] === clock) return false
  return !(skipDeleted && mine.deleted[index])
}

/** Index of the last start ≤ clock (−1 when none). */
function floorIndex(starts: readonly number[], clock: number): number {
  let lo = 0
  let hi = starts.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    if ((starts[mid] ?? 0) <= clock) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

/** Items the document holds (structs of every client): what the draft's item limit counts. */
export function countItems(doc: Y.Doc): number {
  let n = 0
  for (const structs of doc.store.clients.values()) n += structs.length
  return n
}
