import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addClauseAt, applyTextEdit, deleteClause, moveClause, setClauseStatus } from '../../shared/draft/clauseOps'
import { clauseSnapshots } from '../../shared/diff/snapshot'
import { blocksToXml, buildDraftDoc, clausesMap, readClauses } from '../../shared/draft/ydoc'
import { textToBlocks } from '../../shared/draft/blocks'
import { restoreClause, restoreDraft } from './restore'

const CLAUSES = [
  { kind: 'preamble' as const, heading: 'Preamble', text: 'The States,\nHave agreed:' },
  { kind: 'article' as const, heading: 'Use of terms', text: 'For these provisions:\n(a) "data" means data;\n(b) "system" means a system.' },
  { kind: 'article' as const, heading: 'Scope', text: 'These provisions apply to [cooperation].\nSecond paragraph stays.' },
  { kind: 'article' as const, heading: 'Assistance', text: 'Option A: States shall assist.\nOption B: States may assist.' },
]

/** A saved revision (its state in a separate doc) and the live doc that goes on from it. */
function fork(): { live: Y.Doc; revision: Y.Doc; ids: string[] } {
  const live = buildDraftDoc('Model provisions', CLAUSES)
  const revision = new Y.Doc()
  Y.applyUpdate(revision, Y.encodeStateAsUpdate(live))
  return { live, revision, ids: clauseSnapshots(live).map((c) => c.id) }
}

function clause(doc: Y.Doc, id: string): Y.Map<unknown> {
  const found = clausesMap(doc).get(id)
  if (!(found instanceof Y.Map)) throw new Error(`no clause ${id}`)
  return found
}
const body = (doc: Y.Doc, id: string) => clause(doc, id).get('body') as Y.XmlFragment
const heading = (doc: Y.Doc, id: string) => clause(doc, id).get('heading') as Y.Text

function setBody(doc: Y.Doc, id: string, text: string): void {
  const fragment = body(doc, id)
  doc.transact(() => {
    fragment.delete(0, fragment.length)
    fragment.insert(0, blocksToXml(textToBlocks(text)))
  })
}

/** Everything a reader sees of a draft (order, numbers, headings, statuses, text and marks as HTML). */
const visible = (doc: Y.Doc) => readClauses(doc).map(({ position: _position, ...rest }) => rest)

describe('restore from a revision', () => {
  it('restores one clause’s heading, body and status, leaving its unchanged paragraphs (and their anchors) in place', () => {
    const { live, revision, ids } = fork()
    const id = ids[2] as string
    const secondParagraph = body(live, id).get(1)
    const anchor = Y.createRelativePositionFromTypeIndex((secondParagraph as Y.XmlElement).get(0) as Y.XmlText, 7)
    applyTextEdit(heading(live, id), 'Scope of application')
    setClauseStatus(live, id, 'agreed')
    const first = (body(live, id).get(0) as Y.XmlElement).get(0) as Y.XmlText
    first.insert(0, 'Changed: ')
    live.transact(() => restoreClause(live, revision, id))
    expect(visible(live)).toEqual(visible(revision))
    expect(body(live, id).get(1)).toBe(secondParagraph)
    expect(Y.createAbsolutePositionFromRelativePosition(anchor, live)?.index).toBe(7)
  })

  it('keeps bracket marks and the States that asked for them', () => {
    const { live, revision, ids } = fork()
    const id = ids[2] as string
    const text = (body(revision, id).get(0) as Y.XmlElement).get(0) as Y.XmlText
    revision.transact(() => text.format(0, 5, { bracket: { states: ['KEN', 'JPN'] } }))
    setBody(live, id, 'Entirely new text.')
    live.transact(() => restoreClause(live, revision, id))
    expect(readClauses(live)[2]?.html).toBe(readClauses(revision)[2]?.html)
    expect(readClauses(live)[2]?.html).toContain('data-states="KEN JPN"')
  })

  it('brings a deleted clause back with its id, after the clause it followed, and leaves the other clauses alone', () => {
    const { live, revision, ids } = fork()
    deleteClause(live, ids[2] as string)
    moveClause(live, ids[3] as string, 0)
    live.transact(() => restoreClause(live, revision, ids[2] as string))
    expect(clauseSnapshots(live).map((c) => c.id)).toEqual([ids[3], ids[0], ids[1], ids[2]])
    expect(clauseSnapshots(live)[3]).toMatchObject({ heading: 'Scope', text: CLAUSES[2]?.text })
  })

  it('returns false for a clause the revision does not hold', () => {
    const { live, revision } = fork()
    expect(restoreClause(live, revision, 'nope')).toBe(false)
  })

  it('restores the whole draft: order, added and deleted clauses, content, as one update other replicas receive', () => {
    const { live, revision, ids } = fork()
    const replica = new Y.Doc()
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(live))
    live.on('update', (update: Uint8Array) => Y.applyUpdate(replica, update))
    addClauseAt(live, 1, { kind: 'article', heading: 'New', text: 'Added since.' })
    deleteClause(live, ids[1] as string)
    moveClause(live, ids[3] as string, 1)
    setBody(live, ids[2] as string, 'Rewritten.')
    let updates = 0
    live.on('update', () => updates++)
    live.transact(() => restoreDraft(live, revision))
    expect(updates).toBe(1)
    expect(visible(live)).toEqual(visible(revision))
    expect(visible(replica)).toEqual(visible(revision))
  })

  it('changes nothing when the draft already matches the revision', () => {
    const { live, revision } = fork()
    let updates = 0
    live.on('update', () => updates++)
    live.transact(() => restoreDraft(live, revision))
    expect(updates).toBe(0)
  })

  it('restores any edited draft exactly (fast-check: random moves, deletions, additions, edits)', () => {
    const op = fc.oneof(
      fc.record({ t: fc.constant('move' as const), from: fc.nat(), to: fc.nat() }),
      fc.record({ t: fc.constant('delete' as const), at: fc.nat() }),
      fc.record({ t: fc.constant('add' as const), at: fc.nat(), text: fc.constantFrom('New [text].', '(a) one\n(b) two', 'Option A: x\nOption B: y') }),
      fc.record({ t: fc.constant('heading' as const), at: fc.nat(), text: fc.string({ maxLength: 12 }) }),
      fc.record({ t: fc.constant('body' as const), at: fc.nat(), text: fc.constantFrom('', 'Other.', 'These provisions apply to [cooperation].\nNew second.') }),
      fc.record({ t: fc.constant('status' as const), at: fc.nat(), status: fc.constantFrom('proposed' as const, 'agreed' as const, 'adopted' as const) }),
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        const { live, revision } = fork()
        for (const o of ops) {
          const order = clauseSnapshots(live).map((c) => c.id)
          const pick = (n: number) => order[n % Math.max(order.length, 1)]
          if (o.t === 'add') addClauseAt(live, o.at % (order.length + 1), { kind: 'article', heading: 'Added', text: o.text })
          else if (order.length === 0) continue
          else if (o.t === 'move') moveClause(live, pick(o.from) as string, o.to % order.length)
          else if (o.t === 'delete') deleteClause(live, pick(o.at) as string)
          else if (o.t === 'heading') applyTextEdit(heading(live, pick(o.at) as string), o.text)
          else if (o.t === 'body') setBody(live, pick(o.at) as string, o.text)
          else setClauseStatus(live, pick(o.at) as string, o.status)
        }
        live.transact(() => restoreDraft(live, revision))
        expect(visible(live)).toEqual(visible(revision))
      }),
      { numRuns: 150 },
    )
  })
  it('brings back the title and renumbers invalid stored positions instead of failing half way', () => {
    const { live, revision, ids } = fork()
    live.transact(() => {
      live.getMap('draft').set('title', 'Vandalised')
      for (const id of ids.slice(1)) deleteClause(live, id)
      clause(live, ids[0] as string).set('position', '!!not a key')
    })
    expect(() => restoreDraft(live, revision)).not.toThrow()
    expect(live.getMap('draft').get('title')).toBe('Model provisions')
    expect(readClauses(live).map((c) => c.id)).toEqual(readClauses(revision).map((c) => c.id))
    for (const id of ids) expect(String(clause(live, id).get('position'))).toMatch(/^[a-zA-Z0-9]+$/)
    // A single clause restored next to an invalid position finds a valid place too.
    clause(live, ids[1] as string).set('position', '??')
    deleteClause(live, ids[2] as string)
    expect(restoreClause(live, revision, ids[2] as string)).toBe(true)
  })
})
