import { describe, expect, it } from 'vitest'
import { buildDraftDoc, readClauses } from '../../../../shared/draft/ydoc'
import { findMatches } from './findMatches'
import { replaceMatches } from './replace'

function draft() {
  const doc = buildDraftDoc('Model provisions', [
    { kind: 'preamble', heading: 'Preamble', text: 'The States, noting electronic evidence,\nHave agreed:' },
    { kind: 'article', heading: 'Evidence', text: 'Electronic Evidence means data.\n(a) electronic evidence held abroad;\n(b) other [electronic evidence].' },
    { kind: 'article', heading: 'Other', text: 'Nothing here about Côte d’Ivoire.' },
  ])
  return { doc, ids: () => readClauses(doc).map((c) => c.id), text: () => readClauses(doc).map((c) => c.text) }
}

describe('find in the draft', () => {
  it('finds every occurrence in every clause, in order, any case and accents ignored, with its ordinal in the clause', () => {
    const { doc, ids } = draft()
    const matches = findMatches(doc, ids(), 'ELECTRONIC evidence')
    expect(matches.map((m) => [ids().indexOf(m.clauseId), m.ordinal, m.text])).toEqual([
      [0, 0, 'electronic evidence'],
      [1, 0, 'Electronic Evidence'],
      [1, 1, 'electronic evidence'],
      [1, 2, 'electronic evidence'],
    ])
    expect(findMatches(doc, ids(), 'cote').map((m) => m.text)).toEqual(['Côte'])
    expect(findMatches(doc, ids(), '   ')).toEqual([])
    expect(findMatches(doc, ids().slice(2), 'evidence')).toEqual([])
  })

  it('replaces one match, or all in one undoable step, keeping the brackets around the words replaced', () => {
    const { doc, ids, text } = draft()
    const [first] = findMatches(doc, ids(), 'electronic evidence')
    if (!first) throw new Error('no match')
    expect(replaceMatches(doc, [first], 'digital proof')).toBe(1)
    expect(text()[0]).toBe('The States, noting digital proof,\nHave agreed:')
    expect(replaceMatches(doc, findMatches(doc, ids(), 'electronic evidence'), 'e-evidence')).toBe(3)
    expect(text()[1]).toBe('e-evidence means data.\n(a) e-evidence held abroad;\n(b) other [e-evidence].')
    expect(findMatches(doc, ids(), 'electronic evidence')).toEqual([])
  })

  it('replaces as the user’s suggestions when the user may only suggest: the base text stays, each match a replacement by the user; words under a suggestion are left alone', () => {
    const { doc, ids, text } = draft()
    const before = text()
    const kenya = { id: 'u-ken', name: 'Achieng Odhiambo', state: 'KEN' }
    const matches = findMatches(doc, ids(), 'electronic evidence')
    expect(replaceMatches(doc, matches, 'digital evidence', 'suggest', kenya)).toBe(4)
    const clauses = readClauses(doc)
    expect(clauses.map((c) => c.text)).toEqual(before)
    const suggestions = clauses.flatMap((c) => c.suggestions)
    expect(suggestions.map((s) => [s.kind, s.deleted, s.inserted, s.user, s.state])).toEqual([
      ['replace', 'electronic evidence', 'digital evidence', 'u-ken', 'KEN'],
      ['replace', 'Electronic Evidence', 'digital evidence', 'u-ken', 'KEN'],
      ['replace', 'electronic evidence', 'digital evidence', 'u-ken', 'KEN'],
      ['replace', 'electronic evidence', 'digital evidence', 'u-ken', 'KEN'],
    ])
    expect(clauses[1]?.html).toContain('data-state="KEN"')
    // Again: every match now lies under a suggestion, so nothing more is written.
    expect(replaceMatches(doc, findMatches(doc, ids(), 'electronic evidence'), 'e-evidence', 'suggest', kenya)).toBe(0)
    expect(() => replaceMatches(doc, matches, 'x', 'suggest')).toThrow(/author/)
  })
})
