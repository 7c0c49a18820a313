import { describe, expect, it } from 'vitest'
import { MAX_QUERY_PARTS, fts5Match, parseQuery, tsQuery } from './query'

describe('parseQuery', () => {
  it('takes quoted phrases whole and other words as prefixes, folded', () => {
    const parsed = parseQuery('"Electronic Evidence" Côte e-mail')
    expect(parsed?.parts).toEqual([
      { words: ['electronic', 'evidence'], prefix: false },
      { words: ['cote'], prefix: true },
      { words: ['e', 'mail'], prefix: true },
    ])
    expect(parsed?.phrase).toEqual(['electronic', 'evidence', 'cote', 'e', 'mail'])
  })

  it('has no phrase bonus for one part, and no query without words', () => {
    expect(parseQuery('"mutual assistance"')?.phrase).toBeNull()
    expect(parseQuery('  "" !! ...')).toBeNull()
    expect(parseQuery('"unclosed phrase')?.parts).toEqual([{ words: ['unclosed', 'phrase'], prefix: false }])
  })

  it('builds FTS5 and tsquery expressions from letters and digits only (nothing typed reaches the syntax)', () => {
    const parsed = parseQuery('art* 5(2) "a OR b" NEAR(x) -y \'z\'')
    if (!parsed) throw new Error('no query')
    expect(fts5Match(parsed)).toBe('"art"* AND "5 2"* AND "a or b" AND "near x"* AND "y"* AND "z"*')
    expect(tsQuery(parsed)).toBe("(art:*) & (5 <-> 2:*) & (a <-> or <-> b) & (near <-> x:*) & (y:*) & (z:*)")
    expect(parseQuery(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '))?.parts).toHaveLength(MAX_QUERY_PARTS)
  })
})
