import { describe, expect, it } from 'vitest'
import { type Block, blocksToText, subparagraphLabel, textToBlocks } from './blocks'
import { seededRandom as rng } from '../random'

const para = (text: string): Block => ({ type: 'paragraph', text })
const list = (...items: string[]): Block => ({ type: 'subparagraphs', items })

const WORDS = ['State', 'shall', 'measures', 'cooperation', 'data;', '[or]', 'Option', '1', 'the', 'and', '«ça»', 'é', '(x)', 'a)']

function sentence(random: () => number): string {
  const length = 1 + Math.floor(random() * 6)
  return Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)] ?? 'word').join(' ')
}

/** Canonical blocks: trimmed non-empty texts, no paragraph that looks like "(a) …", no two lists side by side. */
function randomBlocks(random: () => number): Block[] {
  const blocks: Block[] = []
  const count = Math.floor(random() * 7)
  for (let i = 0; i < count; i++) {
    const previous = blocks.at(-1)
    if (random() < 0.4 && previous?.type !== 'subparagraphs') {
      const items = Array.from({ length: 1 + Math.floor(random() * 30) }, () => sentence(random))
      blocks.push(list(...items))
    } else {
      const text = sentence(random)
      // A paragraph that starts like "(x) …" would be read back as a sub-paragraph: not canonical.
      blocks.push(para(/^\([a-z]{1,2}\)\s/.test(text) ? `See ${text}` : text))
    }
  }
  return blocks
}

describe('subparagraphLabel', () => {
  it.each([
    [0, 'a'],
    [1, 'b'],
    [25, 'z'],
    [26, 'aa'],
    [27, 'ab'],
    [51, 'az'],
    [52, 'ba'],
    [701, 'zz'],
  ])('labels index %i as (%s)', (index, label) => {
    expect(subparagraphLabel(index)).toBe(label)
  })

  it('gives distinct labels that the parser recognises, up to zz', () => {
    const labels = Array.from({ length: 702 }, (_, i) => subparagraphLabel(i))
    expect(new Set(labels).size).toBe(702)
    for (const label of labels) expect(label).toMatch(/^[a-z]{1,2}$/)
  })
})

describe('textToBlocks', () => {
  it('reads one paragraph per line', () => {
    expect(textToBlocks('First paragraph.\nSecond paragraph.')).toEqual([para('First paragraph.'), para('Second paragraph.')])
  })

  it('reads consecutive lettered lines as one list', () => {
    expect(textToBlocks('Each State shall:\n(a) adopt measures;\n(b) cooperate;\n(c) report.')).toEqual([
      para('Each State shall:'),
      list('adopt measures;', 'cooperate;', 'report.'),
    ])
  })

  it('starts a new list after a paragraph in between', () => {
    expect(textToBlocks('(a) one;\n(b) two.\nThen:\n(a) three;\n(b) four.')).toEqual([
      list('one;', 'two.'),
      para('Then:'),
      list('three;', 'four.'),
    ])
  })

  it('accepts CRLF and lone CR line ends', () => {
    expect(textToBlocks('Intro:\r\n(a) one;\r\n(b) two.\rEnd.')).toEqual([para('Intro:'), list('one;', 'two.'), para('End.')])
  })

  it('drops blank and whitespace-only lines and trims each line', () => {
    expect(textToBlocks('\n  First.  \n\n \t \nSecond.\n\n')).toEqual([para('First.'), para('Second.')])
    expect(textToBlocks('')).toEqual([])
    expect(textToBlocks('\r\n\r\n')).toEqual([])
  })

  it('ignores the letters written in the input: order, not the label, makes the list', () => {
    expect(textToBlocks('(c) one;\n(q) two.')).toEqual([list('one;', 'two.')])
  })

  it('keeps lines that only look like labels as paragraphs', () => {
    expect(textToBlocks('(a)\n(A) capital\n(abc) three letters\n(1) digit\na) no parenthesis')).toEqual([
      para('(a)'),
      para('(A) capital'),
      para('(abc) three letters'),
      para('(1) digit'),
      para('a) no parenthesis'),
    ])
  })

  it('keeps sub-paragraphs separated by a blank line in one list', () => {
    expect(textToBlocks('(a) one;\n\n(b) two.')).toEqual([list('one;', 'two.')])
  })
})

describe('blocksToText', () => {
  it('writes paragraphs as lines and lists with letter labels', () => {
    expect(blocksToText([para('Intro:'), list('one;', 'two.'), para('End.')])).toBe('Intro:\n(a) one;\n(b) two.\nEnd.')
  })

  it('labels the 27th item (aa)', () => {
    const items = Array.from({ length: 28 }, (_, i) => `item ${i}`)
    const lines = blocksToText([list(...items)]).split('\n')
    expect(lines[25]).toBe('(z) item 25')
    expect(lines[26]).toBe('(aa) item 26')
    expect(lines[27]).toBe('(ab) item 27')
  })

  it('writes nothing for no blocks', () => {
    expect(blocksToText([])).toBe('')
  })
})

describe('round trip', () => {
  it('text → blocks → text gives the same text for canonical text', () => {
    const text = 'Each State shall:\n(a) adopt measures;\n(b) cooperate.\nThe measures shall:\n(a) be lawful.'
    expect(blocksToText(textToBlocks(text))).toBe(text)
  })

  it('normalises line ends, blank lines, spacing and labels', () => {
    expect(blocksToText(textToBlocks('  Intro:\r\n\r\n(c)   one;\r\n(d) two.  \r\n'))).toBe('Intro:\n(a) one;\n(b) two.')
  })

  it('blocks → text → blocks is the identity on canonical blocks (seeded, 500 cases)', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const blocks = randomBlocks(rng(seed))
      expect(textToBlocks(blocksToText(blocks)), `seed ${seed}`).toEqual(blocks)
    }
  })

  it('normalising text twice changes nothing more (seeded, 500 cases)', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const random = rng(seed)
      const lineEnd = random() < 0.5 ? '\n' : '\r\n'
      // Blank lines and stray spaces around paragraphs and inside lists.
      const lines: string[] = []
      for (const block of randomBlocks(random)) {
        if (block.type === 'paragraph') {
          if (random() < 0.3) lines.push('')
          lines.push(`${random() < 0.3 ? '  ' : ''}${block.text}${random() < 0.3 ? ' \t' : ''}`)
          if (random() < 0.3) lines.push('   ')
        } else if (block.type === 'subparagraphs') {
          block.items.forEach((item, i) => {
            if (random() < 0.2) lines.push('')
            lines.push(`(${subparagraphLabel((i + 3) % 26)})${random() < 0.5 ? ' ' : '   '}${item}`)
          })
        }
      }
      const once = blocksToText(textToBlocks(lines.join(lineEnd)))
      expect(blocksToText(textToBlocks(once)), `seed ${seed}`).toBe(once)
      expect(textToBlocks(once), `seed ${seed}`).toEqual(textToBlocks(lines.join(lineEnd)))
    }
  })
})
