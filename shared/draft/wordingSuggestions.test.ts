import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ClauseKey } from './format'
import { decideSuggestion } from './suggestionEdit'
import { type SuggestionAttrs, readSuggestions } from './suggestions'
import { type Suggester, suggestBody } from './wordingSuggestions'
import { bodyText, buildDraftDoc, readClauses } from './ydoc'

const KENYA: Suggester = { user: 'u-kenya', name: 'Kenya delegate', state: 'KEN', at: '2026-12-03T14:02:00.000Z' }

const ARTICLE = [
  'Each Party shall adopt such measures as may be necessary to establish as offences [intentional] access without right.',
  'A Party may require that the offence be committed by infringing security measures.',
  '(a) with the intent of obtaining computer data;',
  '(b) in relation to a computer system connected to another computer system.',
  'Option A: within [one year];',
  'Option B: within six months.',
].join('\n')

function draftOf(text: string) {
  const doc = buildDraftDoc('T', [{ kind: 'article', heading: 'Access', text }])
  const clause = readClauses(doc)[0]
  const body = doc.getMap<Y.Map<unknown>>('clauses').get(clause?.id ?? '')?.get(ClauseKey.body)
  if (!(body instanceof Y.XmlFragment) || !clause) throw new Error('no body')
  return { doc, body, clauseId: clause.id }
}

function decideAll(doc: Y.Doc, clauseId: string, ids: readonly string[], accept: boolean): void {
  doc.transact(() => {
    for (const id of ids) expect(decideSuggestion(doc, clauseId, id, accept)).toBe(true)
  })
}

describe('suggestBody', () => {
  it('writes a one-word change as one suggestion by the author: the base text stays, accepting gives the wording', () => {
    const { doc, body, clauseId } = draftOf(ARTICLE)
    const wording = ARTICLE.replace('security measures', 'technical security measures')
    const ids = doc.transact(() => suggestBody(body, wording, KENYA))
    expect(ids).toHaveLength(1)
    expect(bodyText(body)).toBe(ARTICLE)
    const [open] = readSuggestions(body)
    expect(open).toMatchObject({ kind: 'insert', inserted: 'technical ', deleted: '', user: 'u-kenya', state: 'KEN', name: 'Kenya delegate' })
    decideAll(doc, clauseId, ids as string[], true)
    expect(bodyText(body)).toBe(wording)
  })

  it('a replacement is one id with both marks; separate changes have their own; lists, options and brackets kept', () => {
    const { doc, body, clauseId } = draftOf(ARTICLE)
    const wording = ARTICLE.replace('may require', 'shall require').replace('with the intent', 'with the dishonest intent').replace('within [one year]', 'within [two years]')
    const ids = doc.transact(() => suggestBody(body, wording, KENYA))
    if (typeof ids === 'string') throw new Error(ids)
    expect(ids).toHaveLength(3)
    const open = readSuggestions(body)
    expect(open.map((s) => [s.kind, s.deleted, s.inserted])).toEqual([
      ['replace', 'may', 'shall'],
      ['insert', '', 'dishonest '],
      ['replace', 'one year', 'two years'],
    ])
    expect(bodyText(body)).toBe(ARTICLE)
    decideAll(doc, clauseId, ids, true)
    expect(bodyText(body)).toBe(wording)
  })

  it('a change inside a bracket leaves one bracket in the base text and the wording', () => {
    const { doc, body, clauseId } = draftOf('Data is kept for [ninety days] at most.')
    const ids = doc.transact(() => suggestBody(body, 'Data is kept for [one hundred and eighty days] at most.', KENYA))
    if (typeof ids === 'string') throw new Error(ids)
    expect(bodyText(body)).toBe('Data is kept for [ninety days] at most.')
    decideAll(doc, clauseId, ids, true)
    expect(bodyText(body)).toBe('Data is kept for [one hundred and eighty days] at most.')
  })

  it('refuses paragraph changes, bracket changes on kept words and no change, writing nothing', () => {
    const { doc, body } = draftOf(ARTICLE)
    const before = Y.encodeStateVector(doc)
    expect(suggestBody(body, `${ARTICLE}\nA new paragraph.`, KENYA)).toBe('paragraphs')
    expect(suggestBody(body, ARTICLE.replace('(b) in relation', 'In relation'), KENYA)).toBe('paragraphs')
    expect(suggestBody(body, ARTICLE.replace('[intentional]', 'intentional'), KENYA)).toBe('brackets')
    expect(suggestBody(body, ARTICLE, KENYA)).toBe('unchanged')
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it("goes around another State's open suggestions: its insertion is not base text, its deletion is not struck twice", () => {
    const { doc, body, clauseId } = draftOf('Each Party shall preserve stored data without delay.')
    const japan: SuggestionAttrs = { id: 'jpn1', user: 'u-japan', name: 'Japan delegate', state: 'JPN', at: '2026-12-03T14:00:00.000Z' }
    const text = (body.get(0) as Y.XmlElement).get(0) as Y.XmlText
    text.insert(0, 'Where possible, ', { insertion: japan })
    text.format('Where possible, Each Party shall preserve stored '.length, 'data'.length, { deletion: japan })
    const base = 'Each Party shall preserve stored data without delay.'
    expect(bodyText(body)).toBe(base)
    const ids = doc.transact(() => suggestBody(body, 'Each Party shall promptly preserve stored data without delay.', KENYA))
    if (typeof ids === 'string') throw new Error(ids)
    expect(suggestBody(body, 'Each Party shall preserve stored without delay.', KENYA)).toBe('overlap')
    decideAll(doc, clauseId, ids, true)
    expect(bodyText(body)).toBe('Each Party shall promptly preserve stored data without delay.')
    expect(readSuggestions(body).map((s) => s.id)).toEqual(['jpn1'])
  })

  it('property: for random word edits of each line, accepting all gives the wording and rejecting all the base text', () => {
    const words = fc.constantFrom('Party', 'shall', 'data', 'the', 'promptly', '[ninety days]', 'computer', 'of', 'request')
    fc.assert(
      fc.property(fc.array(fc.array(words, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }), fc.array(fc.array(words, { minLength: 1, maxLength: 8 }), { minLength: 4, maxLength: 4 }), fc.boolean(), (have, changes, accept) => {
        const base = have.map((line) => line.join(' ')).join('\n')
        const wording = have.map((line, i) => (i % 2 === 0 ? [...line.slice(0, 2), ...(changes[i] ?? []), ...line.slice(4)] : line).join(' ')).join('\n')
        const { doc, body, clauseId } = draftOf(base)
        const result = doc.transact(() => suggestBody(body, wording, KENYA))
        if (typeof result === 'string') {
          // Only what suggestions cannot say is refused: no change, or a bracket moved over a kept word.
          expect(['unchanged', 'brackets']).toContain(result)
          expect(bodyText(body)).toBe(bodyText(draftOf(base).body))
          return
        }
        expect(bodyText(body)).toBe(bodyText(draftOf(base).body))
        decideAll(doc, clauseId, result, accept)
        expect(bodyText(body)).toBe(bodyText(draftOf(accept ? wording : base).body))
      }),
      { numRuns: 150, seed: 15 },
    )
  })
})
