import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { numberClauses } from '../draft/numbering'
import { buildDraftDoc, readClauseEntries } from '../draft/ydoc'
import { moveClause } from '../draft/clauseOps'
import { diffClauses, movedIds } from './clauses'
import { clauseSnapshots } from './snapshot'
import type { ClauseSnapshot } from './types'
import { textAfter, textBefore } from './words'

type Input = Omit<ClauseSnapshot, 'number' | 'label' | 'kind' | 'status'> & Partial<Pick<ClauseSnapshot, 'kind' | 'status'>>

/** Clauses in order, numbered as the draft numbers them. */
function draft(...clauses: Input[]): ClauseSnapshot[] {
  return numberClauses(clauses.map((c) => ({ kind: 'article' as const, status: 'proposed' as const, ...c })))
}

const a = { id: 'a', heading: 'Use of terms', text: 'For these provisions:\n(a) "data" means data;\n(b) "system" means a system.' }
const b = { id: 'b', heading: 'Scope', text: 'These provisions apply to cooperation.' }
const c = { id: 'c', heading: 'Mutual assistance', text: 'States shall [afford] one another assistance.' }
const d = { id: 'd', heading: 'Extradition', text: 'Offences shall be extraditable.' }

const byId = (result: ReturnType<typeof diffClauses>, id: string) => {
  const found = result.clauses.find((x) => x.id === id)
  if (!found) throw new Error(`no diff for ${id}`)
  return found
}

describe('clause diff', () => {
  it('finds nothing between identical drafts, and keeps every clause with equal ops', () => {
    const result = diffClauses(draft(a, b, c), draft(a, b, c))
    expect(result.clauses.map((x) => [x.id, x.changes])).toEqual([['a', []], ['b', []], ['c', []]])
    expect(result.summary).toMatchObject({ clauses: 3, changed: 0, unchanged: 3, wordsInserted: 0, wordsDeleted: 0 })
    expect(result.clauses.every((x) => x.body.every((o) => o.op === 'equal'))).toBe(true)
  })

  it('reports a clause moved and edited at once: moved, renumbered and body; the clauses it passed are only renumbered', () => {
    const edited = { ...c, text: 'States shall [afford] one another the widest assistance.' }
    const result = diffClauses(draft(a, b, c, d), draft(edited, a, b, d))
    expect(byId(result, 'c')).toMatchObject({ changes: ['moved', 'renumbered', 'body'], numberBefore: 3, numberAfter: 1, labelBefore: 'Article 3', labelAfter: 'Article 1' })
    expect(byId(result, 'c').body.filter((o) => o.op === 'insert').map((o) => o.text)).toEqual(['the widest '])
    expect(byId(result, 'a').changes).toEqual(['renumbered'])
    expect(byId(result, 'b').changes).toEqual(['renumbered'])
    expect(byId(result, 'd').changes).toEqual([])
    expect(result.clauses.map((x) => x.id)).toEqual(['c', 'a', 'b', 'd'])
    expect(result.summary).toMatchObject({ changed: 3, moved: 1, renumbered: 3, body: 1, wordsInserted: 2, wordsDeleted: 0 })
  })

  it('keeps a deleted clause and a new one with the same heading apart: removed and added, never "modified"', () => {
    const replacement = { id: 'b2', heading: 'Scope', text: 'These provisions apply to cooperation.' }
    const result = diffClauses(draft(a, b, c), draft(a, replacement, c))
    expect(result.clauses.map((x) => [x.id, x.changes])).toEqual([['a', []], ['b', ['removed']], ['b2', ['added']], ['c', []]])
    const removed = byId(result, 'b')
    expect(removed).toMatchObject({ numberBefore: 2, numberAfter: null, labelAfter: null, statusAfter: null })
    expect(removed.heading).toEqual([{ op: 'delete', text: 'Scope' }])
    expect(textAfter(removed.body)).toBe('')
    expect(textBefore(removed.body)).toBe(b.text)
    expect(byId(result, 'b2').heading).toEqual([{ op: 'insert', text: 'Scope' }])
    expect(result.summary).toMatchObject({ added: 1, removed: 1, heading: 0, body: 0 })
  })

  it('reports renumbering only when an article is inserted before the others, with no moves', () => {
    const fresh = { id: 'new', heading: 'Definitions', text: 'New.' }
    const result = diffClauses(draft(a, b, c), draft(fresh, a, b, c))
    expect(result.clauses.map((x) => [x.id, x.changes])).toEqual([['new', ['added']], ['a', ['renumbered']], ['b', ['renumbered']], ['c', ['renumbered']]])
    expect(byId(result, 'c')).toMatchObject({ numberBefore: 3, numberAfter: 4 })
    expect(byId(result, 'c').body.every((o) => o.op === 'equal')).toBe(true)
  })

  it('reports renumbering alone when a preamble becomes an article', () => {
    const result = diffClauses(draft({ ...a, kind: 'preamble' }, b), draft(a, b))
    expect(byId(result, 'a')).toMatchObject({ changes: ['renumbered'], labelBefore: 'Preamble', labelAfter: 'Article 1' })
    expect(byId(result, 'b')).toMatchObject({ changes: ['renumbered'], numberBefore: 1, numberAfter: 2 })
  })

  it('shows changes inside brackets and options, and flags them', () => {
    const before = { id: 'x', heading: 'Jurisdiction', text: 'Each State [shall] establish jurisdiction.\nOption A: over nationals.\nOption B: over residents.' }
    const after = { id: 'x', heading: 'Jurisdiction', text: 'Each State [may] establish jurisdiction.\nOption A: over nationals.\nOption B: over habitual residents.\nOption C: none.' }
    const result = byId(diffClauses(draft(before), draft(after)), 'x')
    expect(result.changes).toEqual(['body'])
    expect(result.bracketsChanged).toBe(true)
    expect(result.optionsChanged).toBe(true)
    expect(result.body.filter((o) => o.op !== 'equal')).toEqual([
      { op: 'delete', text: 'shall' },
      { op: 'insert', text: 'may' },
      { op: 'insert', text: 'habitual ' },
      { op: 'insert', text: '\n' },
      { op: 'insert', text: 'Option C: none.' },
    ])
    const plain = byId(diffClauses(draft(b), draft({ ...b, text: 'These provisions apply to all cooperation.' })), 'b')
    expect([plain.bracketsChanged, plain.optionsChanged]).toEqual([false, false])
  })

  it('handles empty clauses: empty to empty, empty to text, heading emptied, status changed', () => {
    const empty = { id: 'e', heading: '', text: '' }
    expect(byId(diffClauses(draft(empty), draft(empty)), 'e')).toMatchObject({ changes: [], heading: [], body: [] })
    const filled = byId(diffClauses(draft(empty), draft({ ...empty, heading: 'Title', text: 'Body.' })), 'e')
    expect(filled).toMatchObject({ changes: ['heading', 'body'], heading: [{ op: 'insert', text: 'Title' }], body: [{ op: 'insert', text: 'Body.' }] })
    const emptied = byId(diffClauses(draft(b), draft({ ...b, heading: '', text: '', status: 'agreed' })), 'b')
    expect(emptied).toMatchObject({ changes: ['status', 'heading', 'body'], statusBefore: 'proposed', statusAfter: 'agreed', heading: [{ op: 'delete', text: 'Scope' }] })
    expect(diffClauses([], []).clauses).toEqual([])
    expect(diffClauses([], draft(empty)).clauses.map((x) => x.changes)).toEqual([['added']])
  })

  it('places removed clauses after the clause they followed, and first when nothing before them survives', () => {
    const result = diffClauses(draft(a, b, c, d), draft(c, d))
    expect(result.clauses.map((x) => [x.id, x.changes[0] ?? 'same'])).toEqual([['a', 'removed'], ['b', 'removed'], ['c', 'renumbered'], ['d', 'renumbered']])
    const middle = diffClauses(draft(a, b, c, d), draft(a, d, c))
    expect(middle.clauses.map((x) => x.id)).toEqual(['a', 'b', 'd', 'c'])
  })

  it('reads clause snapshots from a Y.Doc in order, after a move', () => {
    const doc = buildDraftDoc('T', [
      { kind: 'preamble', heading: 'Preamble', text: 'The States,' },
      { kind: 'article', heading: 'One', text: 'Each State shall [act].\n(a) first;\n(b) second.' },
      { kind: 'article', heading: 'Two', text: 'Option A: yes\nOption B: no' },
    ])
    const before = clauseSnapshots(doc)
    expect(before.map((x) => [x.label, x.heading, x.text])).toEqual([
      ['Preamble', 'Preamble', 'The States,'],
      ['Article 1', 'One', 'Each State shall [act].\n(a) first;\n(b) second.'],
      ['Article 2', 'Two', 'Option A: yes\nOption B: no'],
    ])
    moveClause(doc, before[2]?.id ?? '', 1)
    const result = diffClauses(before, clauseSnapshots(doc))
    expect(result.clauses.map((x) => [x.labelAfter, x.changes])).toEqual([
      ['Preamble', []],
      ['Article 1', ['moved', 'renumbered']],
      ['Article 2', ['renumbered']],
    ])
  })
})

describe('moved clauses', () => {
  it('marks the fewest clauses as moved', () => {
    expect([...movedIds(['a', 'b', 'c', 'd', 'e'], ['a', 'b', 'c', 'd', 'e'])]).toEqual([])
    expect([...movedIds(['a', 'b', 'c', 'd', 'e'], ['e', 'a', 'b', 'c', 'd'])]).toEqual(['e'])
    expect([...movedIds(['a', 'b', 'c', 'd', 'e'], ['b', 'c', 'd', 'e', 'a'])]).toEqual(['a'])
    expect(movedIds(['a', 'b', 'c', 'd'], ['d', 'c', 'b', 'a']).size).toBe(3)
    // Clauses on one side only never count as moved.
    expect([...movedIds(['a', 'x', 'b'], ['y', 'a', 'b'])]).toEqual([])
  })
})

describe('open suggestions in snapshots and diffs', () => {
  const kenya = { id: 'sug00000000000000001', user: 'usr00000000000000001', name: 'Amina Otieno', state: 'KEN', at: '2026-12-01T10:00:00.000Z' }
  const japan = { id: 'sug00000000000000002', user: 'usr00000000000000002', name: 'Kenji Sato', state: 'JPN', at: '2026-12-01T11:00:00.000Z' }
  const firstText = (doc: ReturnType<typeof buildDraftDoc>, index: number) => {
    const body = readClauseEntries(doc)[index]?.body as Y.XmlFragment
    return (body.get(0) as Y.XmlElement).get(0) as Y.XmlText
  }

  it('keeps the base text (suggestions not applied) and lists the suggestions of each side apart from the word diff', () => {
    const doc = buildDraftDoc('T', [b, c].map((x) => ({ kind: 'article' as const, heading: x.heading, text: x.text })))
    const before = clauseSnapshots(doc)
    expect(before.every((s) => s.suggestions === undefined)).toBe(true)
    const text = firstText(doc, 1)
    text.insert('States shall afford one another'.length, ' prompt', { insertion: kenya })
    text.format(0, 'States '.length, { deletion: japan })
    const after = clauseSnapshots(doc)
    expect(after[1]?.text).toBe(c.text)
    expect(after[1]?.suggestions?.map((s) => [s.state, s.kind, s.inserted, s.deleted])).toEqual([
      ['JPN', 'delete', '', 'States '],
      ['KEN', 'insert', ' prompt', ''],
    ])
    const result = diffClauses(before, after)
    const diff = result.clauses[1]
    expect(diff?.changes).toEqual(['suggestions'])
    expect(diff?.body.every((o) => o.op === 'equal')).toBe(true)
    expect(diff?.suggestionsBefore).toEqual([])
    expect(diff?.suggestionsAfter.map((s) => s.id)).toEqual([japan.id, kenya.id])
    expect(result.summary).toMatchObject({ changed: 1, suggestions: 1, body: 0, wordsInserted: 0, wordsDeleted: 0 })
    // Accepting Kenya's insertion (its mark removed) changes the text and leaves only Japan's open.
    text.format('States shall afford one another'.length, ' prompt'.length, { insertion: null })
    const accepted = diffClauses(after, clauseSnapshots(doc)).clauses[1]
    expect(accepted?.changes).toEqual(['body', 'suggestions'])
    expect(textAfter(accepted?.body ?? [])).toBe('States shall [afford] one another prompt assistance.')
    expect(accepted?.suggestionsAfter.map((s) => s.id)).toEqual([japan.id])
  })

  it('sees a replacement (a deletion and an insertion with one id) as one suggestion', () => {
    const doc = buildDraftDoc('T', [{ kind: 'article', heading: d.heading, text: d.text }])
    const text = firstText(doc, 0)
    text.format('Offences shall be '.length, 'extraditable'.length, { deletion: kenya })
    text.insert('Offences shall be extraditable'.length, 'subject to extradition', { insertion: kenya })
    const [clause] = clauseSnapshots(doc)
    expect(clause?.text).toBe(d.text)
    expect(clause?.suggestions).toEqual([{ ...kenya, kind: 'replace', inserted: 'subject to extradition', deleted: 'extraditable' }])
  })
})
