import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { buildDraftDoc, readClauseEntries } from '../../shared/draft/ydoc'
import { mayHoldSuggestions, suggestionsOfState } from './revisionSuggestions'

const kenya = { id: 'sugKenya01', user: 'usrKenya01', name: 'Amina Otieno', state: 'KEN', at: '2026-12-01T10:00:00.000Z' }

describe("a revision's open suggestions", () => {
  it('skips a state that cannot hold a mark, and reads the open ones (not the decided) of one that can', () => {
    const doc = buildDraftDoc('T', [{ id: 'a', kind: 'article', heading: 'A', text: 'States shall act.' }])
    expect(mayHoldSuggestions(Y.encodeStateAsUpdate(doc))).toBe(false)
    const text = ((readClauseEntries(doc)[0]?.body as Y.XmlFragment).get(0) as Y.XmlElement).get(0) as Y.XmlText
    text.insert('States shall '.length, 'jointly ', { insertion: kenya })
    const marked = Y.encodeStateAsUpdate(doc)
    expect(mayHoldSuggestions(marked)).toBe(true)
    const found = suggestionsOfState(marked).get('a')
    expect(found?.suggestions.map((s) => [s.state, s.kind, s.inserted])).toEqual([['KEN', 'insert', 'jointly ']])
    expect(found?.runs.filter((r) => r.op !== 'equal').map((r) => r.text)).toEqual(['jointly '])
    // Accepted (its mark removed): nothing open, whatever the bytes still hold.
    text.format('States shall '.length, 'jointly '.length, { insertion: null })
    expect(suggestionsOfState(Y.encodeStateAsUpdate(doc)).size).toBe(0)
  })
})
