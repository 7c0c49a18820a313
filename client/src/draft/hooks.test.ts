import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addClauseAt, moveClause, setClauseStatus } from '../../../shared/draft/clauseOps'
import { ClauseKey } from '../../../shared/draft/format'
import { buildDraftDoc, clausesMap } from '../../../shared/draft/ydoc'
import { summarize, watchOutline } from './hooks'

function draft() {
  return buildDraftDoc('Model provisions', [
    { kind: 'preamble', heading: '', text: 'The Member States,' },
    { kind: 'article', heading: 'Scope', text: 'These provisions apply to [cybercrime].' },
    { kind: 'article', heading: 'Definitions', text: 'For the purposes of these provisions:' },
  ])
}

function clause(doc: Y.Doc, index: number) {
  const summary = summarize(doc)[index]
  const map = summary ? clausesMap(doc).get(summary.id) : undefined
  const heading = map?.get(ClauseKey.heading)
  const body = map?.get(ClauseKey.body)
  if (!summary || !(heading instanceof Y.Text) || !(body instanceof Y.XmlFragment)) throw new Error('no such clause')
  return { id: summary.id, heading, body }
}

/** The first text node of the clause body (the first paragraph's). */
function firstText(body: Y.XmlFragment): Y.XmlText {
  const paragraph = body.get(0)
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
  if (!(text instanceof Y.XmlText)) throw new Error('no text')
  return text
}

function counting(doc: Y.Doc) {
  const calls = { count: 0 }
  const stop = watchOutline(doc, () => (calls.count += 1))
  return { calls, stop }
}

describe('the clause list (useClauses)', () => {
  it('numbers the clauses in order from the shared reader', () => {
    expect(summarize(draft()).map((c) => [c.kind, c.label, c.heading])).toEqual([
      ['preamble', 'Preamble', ''],
      ['article', 'Article 1', 'Scope'],
      ['article', 'Article 2', 'Definitions'],
    ])
  })

  it('is not recomputed while someone types in a body, but is on headings, statuses, moves and new clauses', () => {
    const doc = draft()
    const { calls, stop } = counting(doc)
    firstText(clause(doc, 1).body).insert(0, 'All ')
    expect(calls.count).toBe(0)

    clause(doc, 1).heading.insert(5, ' of application')
    expect(calls.count).toBe(1)
    setClauseStatus(doc, clause(doc, 2).id, 'agreed')
    expect(calls.count).toBe(2)
    moveClause(doc, clause(doc, 2).id, 1)
    expect(calls.count).toBe(3)
    addClauseAt(doc, 3, { kind: 'article', heading: 'Jurisdiction', text: '' })
    expect(calls.count).toBe(4)
    stop()
    clause(doc, 1).heading.insert(0, 'x')
    expect(calls.count).toBe(4)
  })

  it('hears changes that arrive from another replica', () => {
    const doc = draft()
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    const { calls } = counting(doc)
    clause(other, 2).heading.insert(0, 'Use of terms: ')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)))
    expect(calls.count).toBe(1)
    expect(summarize(doc)[2]?.heading).toBe('Use of terms: Definitions')
  })

  it('keeps the object of every clause that did not change, so memoized cards skip them', () => {
    const doc = draft()
    const before = summarize(doc)
    clause(doc, 2).heading.insert(0, 'General ')
    const after = summarize(doc, before)
    expect(after[0]).toBe(before[0])
    expect(after[1]).toBe(before[1])
    expect(after[2]).not.toBe(before[2])
    expect(after[2]?.heading).toBe('General Definitions')

    // A move renumbers: the moved clauses get new objects, the preamble keeps its own.
    moveClause(doc, clause(doc, 2).id, 1)
    const moved = summarize(doc, after)
    expect(moved[0]).toBe(after[0])
    expect(moved.map((c) => c.label)).toEqual(['Preamble', 'Article 1', 'Article 2'])
    expect(moved[1]?.heading).toBe('General Definitions')
  })
})
