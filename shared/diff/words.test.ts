import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { WordOp } from './types'
import { diffText, opParagraphs, textAfter, textBefore } from './words'

const ops = (...list: [WordOp['op'], string][]): WordOp[] => list.map(([op, text]) => ({ op, text }))

/** The invariants every diff keeps, whatever its input. */
function expectWellFormed(before: string, after: string, result: readonly WordOp[]): void {
  expect(textBefore(result)).toBe(before)
  expect(textAfter(result)).toBe(after)
  for (const op of result) {
    expect(op.text).not.toBe('')
    if (op.text !== '\n') expect(op.text).not.toContain('\n')
  }
}

describe('word diff', () => {
  it('is all equal for identical texts, paragraph boundaries as ops of their own', () => {
    expect(diffText('One two.\nThree.', 'One two.\nThree.')).toEqual(ops(['equal', 'One two.'], ['equal', '\n'], ['equal', 'Three.']))
  })

  it('diffs words inside a paragraph and keeps the others equal', () => {
    const result = diffText('Each State shall take measures.\nSecond paragraph.', 'Each State shall adopt measures.\nSecond paragraph.')
    expect(result).toEqual(
      ops(['equal', 'Each State shall '], ['delete', 'take'], ['insert', 'adopt'], ['equal', ' measures.'], ['equal', '\n'], ['equal', 'Second paragraph.']),
    )
  })

  it('shows a new paragraph as inserted with its boundary, not as words glued to its neighbour', () => {
    const result = diffText('First.\nThird.', 'First.\nSecond.\nThird.')
    expect(result).toEqual(ops(['equal', 'First.'], ['insert', '\n'], ['insert', 'Second.'], ['equal', '\n'], ['equal', 'Third.']))
  })

  it('shows a removed first paragraph with the boundary after it deleted', () => {
    const result = diffText('Gone entirely.\nKept.', 'Kept.')
    expectWellFormed('Gone entirely.\nKept.', 'Kept.', result)
    expect(result.filter((o) => o.op === 'delete').map((o) => o.text)).toEqual(['Gone entirely.', '\n'])
    expect(result.filter((o) => o.op === 'equal').map((o) => o.text)).toEqual(['Kept.'])
  })

  it('shows changes inside brackets, and brackets added or removed around kept words', () => {
    expect(diffText('The State shall [take] measures.', 'The State shall [adopt] measures.')).toEqual(
      ops(['equal', 'The State shall ['], ['delete', 'take'], ['insert', 'adopt'], ['equal', '] measures.']),
    )
    expect(diffText('Each State [may] act.', 'Each State may act.')).toEqual(
      ops(['equal', 'Each State '], ['delete', '['], ['equal', 'may'], ['delete', ']'], ['equal', ' act.']),
    )
  })

  it('shows a new option as an inserted paragraph and a changed option word by word', () => {
    const before = 'Option A: Each State shall cooperate.\nOption B: Each State may cooperate.'
    const after = 'Option A: Each State shall cooperate promptly.\nOption B: Each State may cooperate.\nOption C: No provision.'
    const result = diffText(before, after)
    expectWellFormed(before, after, result)
    expect(result.filter((o) => o.op === 'insert').map((o) => o.text)).toEqual([' promptly', '\n', 'Option C: No provision.'])
    expect(result.some((o) => o.op === 'delete')).toBe(false)
  })

  it('aligns sub-paragraphs by content when one is inserted, so the relettered ones show only their letter', () => {
    const before = 'Each State shall:\n(a) act;\n(b) report.'
    const after = 'Each State shall:\n(a) act;\n(b) cooperate;\n(c) report.'
    const result = diffText(before, after)
    expectWellFormed(before, after, result)
    const lines = opParagraphs(result)
    expect(lines[3]).toEqual(ops(['equal', '('], ['delete', 'b'], ['insert', 'c'], ['equal', ') report.']))
    expect(lines[2]).toEqual(ops(['insert', '(b) cooperate;']))
  })

  it('reads an edit split only by a kept space as one deletion and one insertion', () => {
    expect(diffText('one two three', 'one four five three')).toEqual(ops(['equal', 'one '], ['delete', 'two '], ['insert', 'four five '], ['equal', 'three']))
  })

  it('handles empty texts on either side', () => {
    expect(diffText('', '')).toEqual([])
    expect(diffText('', 'New.\nText.')).toEqual(ops(['insert', 'New.'], ['insert', '\n'], ['insert', 'Text.']))
    expect(diffText('Old.', '')).toEqual(ops(['delete', 'Old.']))
  })

  it('keeps whitespace-only changes, which diffWords would hide', () => {
    const result = diffText('a  b', 'a b')
    expectWellFormed('a  b', 'a b', result)
    expect(result.some((o) => o.op !== 'equal')).toBe(true)
  })

  it('shows an unrelated replacement paragraph as deleted and inserted whole', () => {
    expect(diffText('Completely different words here.', 'Nothing alike remains.')).toEqual(
      ops(['delete', 'Completely different words here.'], ['insert', 'Nothing alike remains.']),
    )
  })
})

const WORDS = ['State', 'shall', 'may', 'data', '[take]', '[adopt', 'measures]', 'the', 'of', '(a)', 'Option', 'A:', 'B:', '—', 'ﬁle', '“quoted”', 'Nairobi', '1.', ',', ';']
const SEPARATORS = [' ', ' ', ' ', '  ', '\n', '\n', '\t', '']

/** Texts shaped like clause bodies: words, brackets, labels, spacing, paragraphs (some empty). */
const clauseLikeText = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 60 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''))

type Edit = { at: number; remove: number; insert: string }
const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 20 }),
  insert: fc.oneof(fc.constantFrom('', ' ', '\n', '[', ']', 'new words ', '\nOption B: other ', '(c) '), clauseLikeText),
})

function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text
  for (const e of edits) {
    const at = out.length === 0 ? 0 : e.at % (out.length + 1)
    out = out.slice(0, at) + e.insert + out.slice(at + e.remove)
  }
  return out
}

describe('word diff properties (fast-check)', () => {
  it('rebuilds the old and the new text from the ops, for random texts and random edits', () => {
    fc.assert(
      fc.property(clauseLikeText, fc.array(edit, { maxLength: 8 }), (before, edits) => {
        const after = applyEdits(before, edits)
        expectWellFormed(before, after, diffText(before, after))
      }),
      { numRuns: 500 },
    )
  })

  it('rebuilds both texts for arbitrary unicode strings too', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 }), (before, after) => {
        expectWellFormed(before, after, diffText(before, after))
      }),
      { numRuns: 300 },
    )
  })

  it('marks nothing as changed when the texts are equal', () => {
    fc.assert(
      fc.property(clauseLikeText, (text) => {
        expect(diffText(text, text).every((o) => o.op === 'equal')).toBe(true)
      }),
    )
  })
})
