import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addClauseAt, applyTextEdit, deleteClause, moveClause, orderedPositions, setClauseStatus } from './clauseOps'
import { buildDraftDoc, clausesMap, readClauses } from './ydoc'
import { seededRandom as seeded } from '../random'

function draft(count: number): Y.Doc {
  return buildDraftDoc(
    'Test',
    Array.from({ length: count }, (_, i) => ({ kind: 'article' as const, heading: `H${i}`, text: `Text ${i}` })),
  )
}

/** A replica that starts from the same state as `origin`. */
function replicaOf(origin: Y.Doc): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(origin))
  return doc
}

/** Delivers every replica's missing updates to every other, in the given (shuffled) order. */
function exchange(replicas: Y.Doc[], random: () => number): void {
  const pairs: [Y.Doc, Y.Doc][] = []
  for (const a of replicas) for (const b of replicas) if (a !== b) pairs.push([a, b])
  pairs.sort(() => random() - 0.5)
  for (const [from, to] of pairs) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
}

const headings = (doc: Y.Doc) => readClauses(doc).map((c) => c.heading)

describe('clause operations', () => {
  it('adds, moves and deletes clauses by index, renumbering articles', () => {
    const doc = draft(3)
    addClauseAt(doc, 1, { kind: 'article', heading: 'New', text: '' })
    expect(headings(doc)).toEqual(['H0', 'New', 'H1', 'H2'])
    const [first] = orderedPositions(doc)
    moveClause(doc, first?.id ?? '', 3)
    expect(headings(doc)).toEqual(['New', 'H1', 'H2', 'H0'])
    expect(readClauses(doc).map((c) => c.label)).toEqual(['Article 1', 'Article 2', 'Article 3', 'Article 4'])
    const idOfH1 = readClauses(doc)[1]?.id ?? ''
    deleteClause(doc, idOfH1)
    setClauseStatus(doc, readClauses(doc)[0]?.id ?? '', 'agreed')
    expect(readClauses(doc).map((c) => [c.heading, c.status])).toEqual([['New', 'agreed'], ['H2', 'proposed'], ['H0', 'proposed']])
  })

  it('inserts between clauses that share a position (concurrent inserts at one spot)', () => {
    const a = draft(2)
    const b = replicaOf(a)
    addClauseAt(a, 1, { kind: 'article', heading: 'From A', text: '' })
    addClauseAt(b, 1, { kind: 'article', heading: 'From B', text: '' })
    exchange([a, b], seeded(1))
    expect(headings(a)).toEqual(headings(b))
    const tied = orderedPositions(a)
    expect(tied[1]?.position).toBe(tied[2]?.position)
    addClauseAt(a, 2, { kind: 'article', heading: 'After the tie', text: '' })
    expect(headings(a).indexOf('After the tie')).toBeGreaterThan(1)
    expect(headings(a).at(-1)).toBe('H1')
  })

  it('converges with no duplicates when replicas move the same clauses concurrently (seeded)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const random = seeded(seed)
      const origin = draft(8)
      const replicas = [origin, replicaOf(origin), replicaOf(origin)]
      for (let round = 0; round < 4; round++) {
        for (const replica of replicas) {
          const ids = orderedPositions(replica).map((c) => c.id)
          for (let op = 0; op < 3; op++) {
            const id = ids[Math.floor(random() * ids.length)] ?? ''
            if (random() < 0.8) moveClause(replica, id, Math.floor(random() * ids.length))
            else addClauseAt(replica, Math.floor(random() * ids.length), { kind: 'article', heading: `S${seed}R${round}`, text: '' })
          }
        }
        exchange(replicas, random)
      }
      const expected = readClauses(replicas[0] ?? origin).map((c) => c.id)
      for (const replica of replicas) expect(readClauses(replica).map((c) => c.id), `seed ${seed}`).toEqual(expected)
      expect(new Set(expected).size, `seed ${seed}`).toBe(expected.length)
      expect(expected.length).toBe(clausesMap(origin).size)
    }
  })

  it('turns a heading edit into the smallest Y.Text change, so a concurrent edit elsewhere survives', () => {
    const a = new Y.Doc()
    const text = a.getText('t')
    text.insert(0, 'Mutual legal assistance')
    const b = replicaOf(a)
    applyTextEdit(text, 'Mutual legal assistance in criminal matters')
    b.getText('t').insert(0, 'General ')
    exchange([a, b], seeded(2))
    expect(a.getText('t').toString()).toBe('General Mutual legal assistance in criminal matters')
    applyTextEdit(text, 'General legal assistance in criminal matters')
    expect(text.toString()).toBe('General legal assistance in criminal matters')
  })
})
