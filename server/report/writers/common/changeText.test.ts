import { describe, expect, it } from 'vitest'
import { CONTEXT_WORDS, type ChangeLine, authorColours, changeText } from './changeText'
import { changeLabel } from './format'
import type { AssembledChange, AttributedOp } from '../../../../shared/report/types'

const eq = (text: string): AttributedOp => ({ op: 'equal', text, author: null, at: null })
const ins = (text: string, author: string | null = null): AttributedOp => ({ op: 'insert', text, author, at: '2026-11-01T00:00:00.000Z' })
const del = (text: string, author: string | null = null): AttributedOp => ({ op: 'delete', text, author, at: '2026-11-01T00:00:00.000Z' })
const BREAK = eq('\n')

function change(overrides: Partial<AssembledChange>): AssembledChange {
  return {
    id: 'c1',
    kind: 'article',
    changes: ['body'],
    numberBefore: 4,
    numberAfter: 4,
    labelBefore: 'Article 4',
    labelAfter: 'Article 4',
    statusBefore: 'proposed',
    statusAfter: 'proposed',
    heading: [eq('Extradition')],
    body: [],
    bracketsChanged: false,
    optionsChanged: false,
    follows: null,
    ...overrides,
  }
}

/** A line as text: changes as {+…+} / {-…-}, notes as ^Author, elisions as they print. */
const show = (line: ChangeLine) =>
  line.map((p) => (p.kind === 'elision' ? p.text : p.kind === 'note' ? `^${p.author}` : p.op.op === 'equal' ? p.op.text : p.op.op === 'insert' ? `{+${p.op.text}+}` : `{-${p.op.text}-}`)).join('')

const LONG_BEFORE = 'A request for mutual assistance shall be made in writing by the central authority of the requesting State and shall specify '
const LONG_AFTER = ' the authority conducting the investigation, the subject matter and nature of the proceedings, and a summary of the relevant facts.'

describe('only what changed, for the changes table', () => {
  it('gives a renumbered clause no text at all: its label alone says "Article 5 (formerly Article 4)"', () => {
    const c = change({ changes: ['renumbered'], numberAfter: 5, labelAfter: 'Article 5', body: [eq('Offences under these provisions shall be extraditable.')] })
    expect(changeText(c)).toEqual({ heading: null, status: null, body: [] })
    expect(changeLabel(c, 1)).toBe('Article 5 (formerly Article 4)')
  })

  it('shows a changed word with a few words of context, not the whole clause, and leaves unchanged paragraphs out', () => {
    const c = change({ body: [eq('The first paragraph is not touched at all by this revision.'), BREAK, eq(LONG_BEFORE), del('the', 'Kenya'), ins('each', 'Kenya'), eq(LONG_AFTER)] })
    const text = changeText(c)
    expect(text.body.map(show)).toEqual(['… the requesting State and shall specify {-the-}{+each+}^Kenya the authority conducting the investigation, the …'])
    const kept = text.body.flat().filter((p) => p.kind === 'op' && p.op.op === 'equal').map((p) => (p.kind === 'op' ? p.op.text : ''))
    expect(kept.join(' ').trim().split(/\s+/).length).toBeLessThanOrEqual(2 * CONTEXT_WORDS)
  })

  it('elides the middle between two distant changes, keeps a sub-paragraph label, and names each author after their change', () => {
    const c = change({
      body: [eq(`(b) ${LONG_BEFORE}`), ins('promptly ', 'Japan'), eq('the authority conducting the investigation, the subject matter and nature of the proceedings, and a summary of the relevant '), del('facts'), ins('circumstances'), eq('.')],
    })
    expect(changeText(c).body.map(show)).toEqual([
      '(b) … the requesting State and shall specify {+promptly+}^Japan the authority conducting the investigation, the … and a summary of the relevant {-facts-}{+circumstances+}^Rapporteur.',
    ])
  })

  it('cuts a long opening run to its last words and puts the note before the spaces that end a change', () => {
    const c = change({ body: [eq('Each State shall afford the widest measure of mutual '), ins('legal ', 'Kenya'), eq('assistance.')] })
    expect(changeText(c).body.map(show)).toEqual(['… afford the widest measure of mutual {+legal+}^Kenya assistance.'])
  })

  it('gives an added clause its whole text, a heading change and a status change their lines', () => {
    const added = change({ changes: ['added'], labelBefore: null, numberBefore: null, heading: [ins('Review')], body: [ins('The Working Group shall review these provisions.'), ins('\n'), ins('It shall report to the Organization.')] })
    expect(changeText(added)).toEqual({
      heading: [{ kind: 'op', op: ins('Review') }, { kind: 'note', author: 'Rapporteur' }],
      status: null,
      body: [expect.anything(), expect.anything()],
    })
    expect(changeText(added).body.map(show)).toEqual(['{+The Working Group shall review these provisions.+}{+ ¶+}^Rapporteur', '{+It shall report to the Organization.+}^Rapporteur'])
    const status = change({ changes: ['status'], statusAfter: 'under-discussion', body: [eq('Unchanged text.')] })
    expect(changeText(status)).toEqual({ heading: null, status: 'Status: proposed → under discussion', body: [] })
  })

  it('gives each author a colour in the order their changes first appear', () => {
    const colours = authorColours([change({ body: [ins('a', 'Kenya'), del('b')] }), change({ body: [ins('c', 'Japan'), ins('d', 'Kenya')] })])
    expect([...colours.entries()].map(([a, c]) => [a, c.name])).toEqual([
      ['Kenya', 'blue'],
      ['Rapporteur', 'red'],
      ['Japan', 'green'],
    ])
  })
})
