import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { anchorInText, resolveSpan } from '../threads/anchor'
import { blocksToText, textToBlocks } from './blocks'
import { rewriteBody } from './bodyEdit'
import { charsOf } from './textEdit'
import { blocksToXml, bodyBlocks } from './ydoc'

function bodyOf(text: string): { doc: Y.Doc; body: Y.XmlFragment } {
  const doc = new Y.Doc()
  const body = doc.getXmlFragment('body')
  body.insert(0, blocksToXml(textToBlocks(text)))
  return { doc, body }
}

const textOf = (body: Y.XmlFragment) => blocksToText(bodyBlocks(body))

/** The XmlText of the n-th top-level paragraph. */
function paragraphText(body: Y.XmlFragment, n: number): Y.XmlText {
  const paragraph = body.get(n) as Y.XmlElement
  return paragraph.get(0) as Y.XmlText
}

const ARTICLE = [
  'Each Party shall adopt such measures as may be necessary to establish as offences [intentional] access without right.',
  'A Party may require that the offence be committed by infringing security measures.',
  '(a) with the intent of obtaining computer data;',
  '(b) in relation to a computer system connected to another computer system.',
  'Option A: within [one year];',
  'Option B: within six months.',
].join('\n')

describe('rewriteBody', () => {
  it('changes only the changed words: other paragraphs, brackets, lists and options keep their nodes', () => {
    const { doc, body } = bodyOf(ARTICLE)
    const second = paragraphText(body, 1)
    const list = body.get(2) as Y.XmlElement
    const options = body.get(3) as Y.XmlElement
    const next = ARTICLE.replace('may require that the offence be committed', 'may require that the offence be committed wilfully')
    doc.transact(() => rewriteBody(body, next))
    expect(textOf(body)).toBe(next)
    expect(paragraphText(body, 1)).toBe(second)
    expect(body.get(2)).toBe(list)
    expect(body.get(3)).toBe(options)
    expect(textOf(body)).toContain('[intentional]')
  })

  it('keeps the anchors of other threads on the words that survive, in the same paragraph too', () => {
    const { doc, body } = bodyOf(ARTICLE)
    const first = paragraphText(body, 0)
    const from = charsOf(first).text.indexOf('access without right')
    const anchor = anchorInText(first, from, from + 'access without right'.length)
    const next = ARTICLE.replace('Each Party shall adopt', 'Every Member State shall adopt')
    doc.transact(() => rewriteBody(body, next))
    const span = resolveSpan(doc, body, anchor)
    expect(span.state).toBe('ok')
    expect(span.state === 'ok' && span.text).toBe('access without right')
  })

  it('keeps marks it cannot express (bold, the States of a bracket) on unchanged words', () => {
    const { doc, body } = bodyOf('The offence of [unlawful] access shall be punishable.')
    const text = paragraphText(body, 0)
    doc.transact(() => {
      text.format(0, 3, { bold: true })
      text.format(15, 8, { bracket: { states: ['KEN'] } })
    })
    doc.transact(() => rewriteBody(body, 'The offence of [unlawful] access shall be punishable by law.'))
    const delta = text.toDelta() as { insert: string; attributes?: Record<string, unknown> }[]
    expect(delta[0]).toEqual({ insert: 'The', attributes: { bold: true } })
    expect(delta.find((op) => op.insert === 'unlawful')?.attributes).toEqual({ bracket: { states: ['KEN'] } })
    expect(textOf(body)).toBe('The offence of [unlawful] access shall be punishable by law.')
  })

  it('adds and removes brackets on existing words, naming the proposing State', () => {
    const { doc, body } = bodyOf('within [one year] of the request')
    doc.transact(() => rewriteBody(body, 'within one year of [the request]', ['JPN']))
    expect(textOf(body)).toBe('within one year of [the request]')
    const delta = paragraphText(body, 0).toDelta() as { insert: string; attributes?: Record<string, unknown> }[]
    expect(delta.at(-1)).toEqual({ insert: 'the request', attributes: { bracket: { states: ['JPN'] } } })
  })

  it('inserts and deletes whole paragraphs and list items without touching their neighbours', () => {
    const { doc, body } = bodyOf(ARTICLE)
    const first = paragraphText(body, 0)
    const next = ARTICLE.replace('(b) in relation', '(b) by means of a computer system;\n(c) in relation').replace('A Party may require that the offence be committed by infringing security measures.\n', '')
    doc.transact(() => rewriteBody(body, next))
    expect(textOf(body)).toBe(next)
    expect(paragraphText(body, 0)).toBe(first)
  })

  it('reaches any text form from any other (property)', () => {
    const word = fc.constantFrom('Party', 'shall', 'data', 'request', 'within', 'one', 'year', 'the', 'of', 'law')
    const words = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '))
    const line = fc.oneof(
      words,
      fc.tuple(words, words).map(([a, b]) => `${a} [${b}]`),
      words.map((w) => `(a) ${w}`),
      words.map((w) => `Option A: ${w}`),
    )
    const text = fc.array(line, { minLength: 1, maxLength: 6 }).map((lines) => blocksToText(textToBlocks(lines.join('\n'))))
    fc.assert(
      fc.property(text, text, (before, after) => {
        const { doc, body } = bodyOf(before)
        doc.transact(() => rewriteBody(body, after))
        expect(textOf(body)).toBe(blocksToText(textToBlocks(after)))
      }),
      { numRuns: 300 },
    )
  })
})
