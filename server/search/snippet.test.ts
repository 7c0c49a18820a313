import { describe, expect, it } from 'vitest'
import { parseQuery } from './query'
import { snippet } from './snippet'

const q = (text: string) => {
  const parsed = parseQuery(text)
  if (!parsed) throw new Error('no words')
  return parsed
}

describe('snippet', () => {
  it('marks the matched words as written (case and accents kept), adjacent ones as one mark', () => {
    expect(snippet('The Côte d’Ivoire proposal on Electronic Evidence.', q('cote electronic evid'))).toEqual([
      { text: 'The ', hit: false },
      { text: 'Côte', hit: true },
      { text: ' d’Ivoire proposal on ', hit: false },
      { text: 'Electronic Evidence', hit: true },
      { text: '.', hit: false },
    ])
  })

  it('matches quoted words whole only, and others as prefixes', () => {
    const marked = (text: string, query: string) => snippet(text, q(query)).filter((p) => p.hit).map((p) => p.text)
    expect(marked('preserve preservation', '"preserve"')).toEqual(['preserve'])
    expect(marked('preserve preservation', 'preserv')).toEqual(['preserve preservation'])
  })

  it('cuts a long text around the first match at word boundaries, with ellipses', () => {
    const text = `${'word '.repeat(100)}the target sits here ${'tail '.repeat(100)}`
    const parts = snippet(text, q('target'))
    expect(parts[0]?.text.startsWith('…')).toBe(true)
    expect(parts.at(-1)?.text.endsWith('…')).toBe(true)
    expect(parts.find((p) => p.hit)?.text).toBe('target')
    const shown = parts.map((p) => p.text).join('')
    expect(shown.length).toBeLessThan(220)
    expect(shown).not.toMatch(/\bwor\b|\bwo\b|\bw\b/)
  })

  it('starts at the beginning when the first match is near it, and keeps the whole of a short text', () => {
    expect(snippet('Short text.', q('short')).map((p) => p.text).join('')).toBe('Short text.')
  })
})
