import { describe, expect, it } from 'vitest'
import { parseInline, parseRichText, plainText } from './richText'

const run = (text: string, bold = false, italic = false) => ({ text, bold, italic })

describe('section bodies (rich text)', () => {
  it('splits paragraphs at blank lines and joins single line breaks with a space', () => {
    expect(parseRichText('First line\nsame paragraph.\r\n\r\n  Second.  \n \n\n\nThird.').map(plainText)).toEqual(['First line same paragraph.', 'Second.', 'Third.'])
    expect(parseRichText('')).toEqual([])
    expect(parseRichText('\n\n  \n')).toEqual([])
  })

  it('reads **bold**, *italic* and both', () => {
    expect(parseInline('The **Working Group** met in *Tokyo*.')).toEqual([run('The '), run('Working Group', true), run(' met in '), run('Tokyo', false, true), run('.')])
    expect(parseInline('**bold and *italic* inside**')).toEqual([run('bold and ', true), run('italic', true, true), run(' inside', true)])
  })

  it('leaves unmatched or spaced markers as literal text', () => {
    expect(parseInline('2 * 3 * 4')).toEqual([run('2 * 3 * 4')])
    expect(parseInline('a ** b')).toEqual([run('a ** b')])
    expect(parseInline('Article 5*')).toEqual([run('Article 5*')])
    expect(parseInline('** spaced **')).toEqual([run('** spaced **')])
  })

  it('interprets nothing else: HTML and links stay text', () => {
    expect(parseInline('<b>x</b> [l](javascript:y) `code` _u_')).toEqual([run('<b>x</b> [l](javascript:y) `code` _u_')])
  })
})
