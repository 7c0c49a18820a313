import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { generateKeyBetween } from 'fractional-indexing'
import { diffClauses } from '../diff/clauses'
import { clauseSnapshots } from '../diff/snapshot'
import { ClauseKey } from './format'
import { DANGLING_LABEL, REFERENCE_NODE, unmark } from './references'
import { buildDraftDoc, clausesMap, danglingReferences, readClauseEntries, readClauses } from './ydoc'

const ARTICLES = ['Scope', 'Use of terms', 'Criminalization', 'Jurisdiction', 'Preservation of stored data', 'Production orders']

/** A draft whose Article 6 cites Article 5(2)(b) and the preamble, and whose Article 2 cites Article 5. */
function draft(): { doc: Y.Doc; ids: string[] } {
  const doc = buildDraftDoc('Model provisions on cooperation', [
    { kind: 'preamble', heading: 'Preamble', text: 'The States adopting these provisions,' },
    ...ARTICLES.map((heading) => ({ kind: 'article' as const, heading, text: `Each State shall provide for ${heading.toLowerCase()}.` })),
  ])
  const ids = readClauseEntries(doc).map((c) => c.id)
  const cite = (from: string, parts: readonly (string | { clause: string; para?: string })[]) => {
    const body = clausesMap(doc).get(from)?.get(ClauseKey.body) as Y.XmlFragment
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(
      0,
      parts.map((part) => {
        if (typeof part === 'string') return new Y.XmlText(part)
        const ref = new Y.XmlElement(REFERENCE_NODE)
        ref.setAttribute('clause', part.clause)
        if (part.para) ref.setAttribute('para', part.para)
        return ref
      }),
    )
    body.insert(body.length, [paragraph])
  }
  const [preamble, , second, , , fifth, sixth] = ids as [string, string, string, string, string, string, string]
  doc.transact(() => {
    cite(sixth, ['The orders referred to in ', { clause: fifth, para: '(2)(b)' }, ' follow ', { clause: preamble }, '.'])
    cite(second, ['As in ', { clause: fifth }, ' below.'])
  })
  return { doc, ids: [preamble, second, fifth, sixth] }
}

const byId = (doc: Y.Doc, id: string) => readClauses(doc).find((c) => c.id === id)

function moveToEnd(doc: Y.Doc, id: string): void {
  const last = readClauseEntries(doc).at(-1)?.position ?? null
  clausesMap(doc).get(id)?.set(ClauseKey.position, generateKeyBetween(last, null))
}

describe('cross-references', () => {
  it('render the target’s current number in the text and HTML of the content API', () => {
    const { doc, ids } = draft()
    const [, second, , sixth] = ids as [string, string, string, string]
    expect(byId(doc, sixth)?.text).toContain('The orders referred to in Article 5(2)(b) follow the preamble.')
    expect(byId(doc, second)?.text).toContain('As in Article 5 below.')
    expect(byId(doc, sixth)?.html).toMatch(/<a class="xref" href="#clause-[^"]+" data-clause="[^"]+" data-para="\(2\)\(b\)">Article 5\(2\)\(b\)<\/a>/)
    expect(byId(doc, sixth)?.references.map((r) => r.label)).toEqual(['Article 5(2)(b)', 'the preamble'])
  })

  it('follow a move of Article 5 to the end, and the diff across the move changes no wording of the referring clauses', () => {
    const { doc, ids } = draft()
    const [, second, fifth, sixth] = ids as [string, string, string, string]
    const before = clauseSnapshots(doc)
    moveToEnd(doc, fifth)
    expect(byId(doc, fifth)?.label).toBe('Article 6')
    expect(byId(doc, sixth)?.label).toBe('Article 5')
    expect(byId(doc, sixth)?.text).toContain('referred to in Article 6(2)(b)')
    expect(byId(doc, second)?.text).toContain('As in Article 6 below.')
    expect(byId(doc, second)?.html).toContain('>Article 6</a>')
    const diff = diffClauses(before, clauseSnapshots(doc))
    for (const id of [second, sixth]) {
      const clause = diff.clauses.find((c) => c.id === id)
      expect(clause?.changes).not.toContain('body')
      expect(clause?.body.every((op) => op.op === 'equal')).toBe(true)
    }
    expect(diff.clauses.find((c) => c.id === fifth)?.changes).toContain('renumbered')
    expect(diff.summary.wordsInserted + diff.summary.wordsDeleted).toBe(0)
  })

  it('keep a revision’s numbers in its snapshot text, the target marked for diffs', () => {
    const { doc, ids } = draft()
    const sixth = ids[3] as string
    const snapshot = clauseSnapshots(doc).find((c) => c.id === sixth)
    expect(snapshot?.text).toContain('Article 5(2)(b)')
    expect(unmark(snapshot?.refText ?? '')).toBe(snapshot?.text)
    expect(clauseSnapshots(doc)[0]?.refText).toBeUndefined()
  })

  it('are flagged when the target clause is deleted, and listed for the dashboard', () => {
    const { doc, ids } = draft()
    const [, second, fifth, sixth] = ids as [string, string, string, string]
    expect(danglingReferences(doc)).toEqual([])
    clausesMap(doc).delete(fifth)
    expect(byId(doc, sixth)?.text).toContain(`referred to in ${DANGLING_LABEL} follow the preamble.`)
    expect(byId(doc, sixth)?.html).toContain(`<span class="xref dangling" data-clause="${fifth}" data-para="(2)(b)">`)
    const dangling = danglingReferences(doc)
    expect(dangling.map((r) => [r.fromClauseId, r.clauseId, r.para])).toEqual([
      [second, fifth, null],
      [sixth, fifth, '(2)(b)'],
    ])
    expect(dangling.every((r) => r.dangling)).toBe(true)
  })
})
