import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { loadConfig } from '../config'
import { countItems, exceededLimit, measureUpdate } from './updateCost'
import { UpdateGuard } from './updateGuard'

/** A server copy and a writer on one heading, so updates can be measured against the server's doc. */
function pair(text = '') {
  const writer = new Y.Doc()
  const heading = new Y.Text()
  writer.getMap('clauses').set('c1', heading)
  if (text) heading.insert(0, text)
  const server = new Y.Doc()
  Y.applyUpdate(server, Y.encodeStateAsUpdate(writer))
  const change = (edit: (t: Y.Text) => void): Uint8Array => {
    const before = Y.encodeStateVector(writer)
    writer.transact(() => edit(heading))
    return Y.encodeStateAsUpdate(writer, before)
  }
  return { writer, server, change }
}

const limits = loadConfig({})

describe('measureUpdate', () => {
  it('a keystroke costs one struct and no split at the end of an item', () => {
    const { server, change } = pair('Scope of application')
    const cost = measureUpdate(change((t) => t.insert(t.length, '.')), server)
    expect(cost).toMatchObject({ structs: 1, chars: 1, deleteRanges: 0, splits: 0, newItems: 1 })
  })

  it('typing inside a word splits the item it lands in (once)', () => {
    const { server, change } = pair('Scope of application')
    expect(measureUpdate(change((t) => t.insert(5, 'x')), server)).toMatchObject({ structs: 1, splits: 1, newItems: 2 })
  })

  it('deleting every other character of one item: a range and two splits each', () => {
    const { server, change } = pair('ab'.repeat(500))
    const cost = measureUpdate(change((t) => {
      for (let i = 999; i >= 1; i -= 2) t.delete(i, 1)
    }), server)
    expect(cost.deleteRanges).toBe(500)
    expect(cost.splits).toBeGreaterThanOrEqual(999)
    expect(exceededLimit(cost, { ...toLimits(), maxSplits: 500 })).toMatch(/items split/)
  })

  it('counts splits inside the update itself (insert and shred in one message)', () => {
    const writer = new Y.Doc()
    const text = writer.getText('t')
    text.insert(0, 'x'.repeat(1000))
    writer.transact(() => {
      for (let i = 998; i >= 0; i -= 2) text.delete(i, 1)
    })
    // Written out whole (one item per character now), so nothing is split on arrival: Yjs would not split either.
    const cost = measureUpdate(Y.encodeStateAsUpdate(writer), new Y.Doc())
    expect(cost.deleteRanges).toBe(500)
    expect(cost.chars).toBe(500)
  })

  it('one long item is refused by the item-length limit, whatever the total', () => {
    const { server, change } = pair()
    const cost = measureUpdate(change((t) => t.insert(0, 'a'.repeat(limits.updateMaxItemChars + 1))), server)
    expect(cost.longestItem).toBe(limits.updateMaxItemChars + 1)
    expect(exceededLimit(cost, toLimits())).toMatch(/an item of/)
  })

  it('throws on a malformed update, like Y.decodeUpdate', () => {
    const { server, change } = pair('abc')
    const update = change((t) => t.insert(1, 'zz'))
    expect(() => measureUpdate(update.slice(0, update.length - 3), server)).toThrow()
    expect(() => Y.decodeUpdate(update.slice(0, update.length - 3))).toThrow()
  })

  it('counts a document’s items', () => {
    const { server } = pair('abc')
    expect(countItems(server)).toBe(2)
  })
})

describe('UpdateGuard', () => {
  it('refuses beyond the per-update limits with 4413, beyond the draft size with 4414', () => {
    const { server, change } = pair('abc')
    const guard = new UpdateGuard({ ...limits, updateMaxChars: 10, draftMaxItems: 5 })
    guard.measured(100, countItems(server))
    expect(guard.inspect({}, change((t) => t.insert(0, 'x'.repeat(11))), server)).toMatchObject({ ok: false, code: CloseCode.UPDATE_TOO_COSTLY })
    const big = pair('abc')
    const threeWords = big.change((t) => {
      t.insert(1, 'a')
      t.insert(3, 'b')
    })
    const verdict = guard.inspect({}, threeWords, big.server)
    expect(verdict).toMatchObject({ ok: false, code: CloseCode.DRAFT_TOO_LARGE })
  })

  it('lets a pure deletion through a draft at its byte limit', () => {
    const { server, change } = pair('abcdef')
    const guard = new UpdateGuard({ ...limits, draftMaxBytes: 10 })
    guard.measured(10, countItems(server))
    expect(guard.inspect({}, change((t) => t.insert(0, 'x')), server)).toMatchObject({ ok: false, code: CloseCode.DRAFT_TOO_LARGE })
    expect(guard.inspect({}, change((t) => t.delete(4, 2)), server)).toMatchObject({ ok: true })
  })

  it('a connection’s minute budget is spent by bursts and refills with time (4420)', () => {
    let now = 0
    const { server, change } = pair('abc')
    const guard = new UpdateGuard({ ...limits, updatesPerMinute: 3 }, () => now)
    const conn = {}
    for (let i = 0; i < 3; i++) expect(guard.inspect(conn, change((t) => t.insert(0, 'k')), server).ok).toBe(true)
    expect(guard.inspect(conn, change((t) => t.insert(0, 'k')), server)).toMatchObject({ ok: false, code: CloseCode.UPDATE_RATE_EXCEEDED })
    expect(guard.inspect({}, change((t) => t.insert(0, 'k')), server).ok).toBe(true) // another connection's budget
    now += 20_000 // a third of a minute: one update's worth back
    expect(guard.inspect(conn, change((t) => t.insert(0, 'k')), server).ok).toBe(true)
  })
})

function toLimits() {
  return {
    maxStructs: limits.updateMaxStructs,
    maxDeleteRanges: limits.updateMaxDeleteRanges,
    maxChars: limits.updateMaxChars,
    maxItemLength: limits.updateMaxItemChars,
    maxSplits: limits.updateMaxSplits,
  }
}
