import { describe, expect, it } from 'vitest'
import { diffText } from '../../../shared/diff/words'
import { condense } from './changedParagraphs'

describe('condense', () => {
  it("folds a four-paragraph proposal's unchanged paragraphs around the one word it changes", () => {
    const text = ['First paragraph stays.', 'Second paragraph stays.', 'Each Party shall act.', 'Fourth paragraph stays.'].join('\n')
    const shown = condense(diffText(text, text.replace('shall act', 'shall promptly act')))
    expect(shown.map((s) => (s.kind === 'same' ? s.count : s.ops.filter((o) => o.op !== 'equal').map((o) => `${o.op}:${o.text}`)))).toEqual([2, ['insert:promptly '], 1])
  })

  it('keeps an added or removed paragraph as a change of its own', () => {
    const shown = condense(diffText('One.\nTwo.', 'One.\nTwo.\nThree.'))
    expect(shown.map((s) => s.kind)).toEqual(['same', 'changed'])
  })
})
