import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ClauseKey } from '../../../shared/draft/format'
import { addClauseAt, orderedPositions, positionAt } from '../../../shared/draft/clauseOps'
import { seededRandom } from '../../../shared/random'
import { clausesMap, readClauseEntries } from '../../../shared/draft/ydoc'
import type { DraftDelta } from './changes'
import { deltaOf, replicaOf, suggestion } from './testDocs'
import { sampleDraft } from './testDocs'

interface Snapshot {
  readonly position: string
  readonly kind: string
  readonly status: string
  readonly heading: string
  /** The body's structure and marked text, as Yjs holds it. */
  readonly body: string
  /** Visible characters of the body's texts. */
  readonly chars: number
}

function texts(node: Y.XmlFragment | Y.XmlElement): Y.XmlText[] {
  return node.toArray().flatMap((child) => (child instanceof Y.XmlText ? [child] : child instanceof Y.XmlElement ? texts(child) : []))
}

function snapshot(doc: Y.Doc): Map<string, Snapshot> {
  const out = new Map<string, Snapshot>()
  for (const entry of readClauseEntries(doc)) {
    const map = clausesMap(doc).get(entry.id)
    const body = entry.body
    out.set(entry.id, {
      position: entry.position,
      kind: String(map?.get(ClauseKey.kind)),
      status: String(map?.get(ClauseKey.status)),
      heading: entry.heading,
      body: body ? JSON.stringify(texts(body).map((t) => t.toDelta())) + body.toString() : '',
      chars: body ? texts(body).reduce((n, t) => n + t.length, 0) : 0,
    })
  }
  return out
}

const WORDS = ['evidence', 'record', 'court', 'State', 'shall', 'may', 'electronic']

/** One random edit on the replica, of the kinds a writer makes; returns a description for failures. */
function randomEdit(doc: Y.Doc, random: () => number, n: number, written: Set<string>): string {
  const clauses = orderedPositions(doc)
  const pick = <T,>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)]
  const target = pick(clauses)
  const clause = target && clausesMap(doc).get(target.id)
  if (!target || !clause) return 'none'
  const body = clause.get(ClauseKey.body) as Y.XmlFragment
  const text = pick(texts(body))
  const word = `${pick(WORDS) ?? 'word'}${n} `
  const roll = random()
  const at = text ? Math.floor(random() * (text.length + 1)) : 0
  const span = text ? Math.min(text.length - at, 1 + Math.floor(random() * 6)) : 0
  const write = (field: string) => written.add(`${target.id}:${field}`)
  if (roll < 0.25 && text) {
    write('body')
    text.insert(at, word, random() < 0.5 ? { insertion: suggestion('u1', 'KEN', `s${n}`) } : {})
  } else if (roll < 0.4 && text && span > 0) {
    write('body')
    text.delete(at, span)
  } else if (roll < 0.55 && text && span > 0) {
    write('body')
    text.format(at, span, random() < 0.5 ? { bold: {} } : { deletion: suggestion('u1', 'KEN', `d${n}`) })
  } else if (roll < 0.62) {
    // Writes that change the value (a key set to what it holds is a write, not a change to compare).
    write('status')
    clause.set(ClauseKey.status, pick(['proposed', 'under-discussion', 'agreed', 'adopted'].filter((s) => s !== clause.get(ClauseKey.status))) ?? 'proposed')
  } else if (roll < 0.69) {
    const position = positionAt(clauses.filter((c) => c.id !== target.id), Math.floor(random() * clauses.length))
    write('position')
    if (position !== target.position) clause.set(ClauseKey.position, position)
  } else if (roll < 0.75) {
    write('heading')
    ;(clause.get(ClauseKey.heading) as Y.Text).insert(0, word)
  } else if (roll < 0.8) addClauseAt(doc, Math.floor(random() * clauses.length), { kind: 'article', heading: `New ${n}`, text: `Added text ${n}.` })
  else if (roll < 0.84 && clauses.length > 2) clausesMap(doc).delete(target.id)
  else if (roll < 0.9) {
    write('body')
    body.insert(body.length, [new Y.XmlElement('paragraph')])
  } else if (roll < 0.95 && body.length > 1) {
    write('body')
    body.delete(body.length - 1, 1)
  } else if (text && span > 0) {
    write('body')
    text.format(at, span, { bold: null, deletion: null, insertion: null })
  }
  return `${roll.toFixed(2)} on ${target.id}`
}

/** Changed means reported; reported means written (by this update's edits). */
function matches(reported: boolean, changed: boolean, written: boolean, what: string): void {
  if (changed) expect(reported, `${what} changed but not reported`).toBe(true)
  if (reported) expect(written, `${what} reported but never written`).toBe(true)
}

function check(delta: DraftDelta, before: Map<string, Snapshot>, after: Map<string, Snapshot>, label: string, written: Set<string>): void {
  const ids = new Set([...before.keys(), ...after.keys()])
  for (const id of ids) {
    const b = before.get(id)
    const a = after.get(id)
    const c = delta.clauses.get(id)
    const where = `${label}, clause ${id}`
    if (!b || !a) {
      expect(c?.created ?? false, `${where}: created`).toBe(!b && !!a)
      expect(c?.removed ?? false, `${where}: removed`).toBe(!!b && !a)
      continue
    }
    expect(c?.created ?? false, `${where}: not created`).toBe(false)
    matches(c?.fields.has('position') ?? false, a.position !== b.position, written.has(`${id}:position`), `${where}: position`)
    matches(c?.fields.has('status') ?? false, a.status !== b.status, written.has(`${id}:status`), `${where}: status`)
    matches(c?.heading ?? false, a.heading !== b.heading, written.has(`${id}:heading`), `${where}: heading`)
    const bodyReported = !!c && (c.structure || c.inserted.length > 0 || c.deleted.length > 0 || c.reformatted.length > 0)
    matches(bodyReported, a.body !== b.body, written.has(`${id}:body`), `${where}: body`)
    expect(c?.fields.has('kind') ?? false, `${where}: kind never written`).toBe(false)
    if (c && !c.structure) {
      const added = c.inserted.reduce((n, r) => n + r.text.length, 0)
      const gone = c.deleted.reduce((n, r) => n + r.text.length, 0)
      expect(b.chars + added - gone, `${where}: characters`).toBe(a.chars)
    }
  }
}

describe('what an update changes (analyzeTransaction), against what applying it changed', () => {
  it('reports every change of seeded random edits and none that did not happen', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const random = seededRandom(seed)
      const doc = sampleDraft()
      for (let round = 0; round < 4; round++) {
        const replica = replicaOf(doc)
        const sv = Y.encodeStateVector(replica)
        const edits = 1 + Math.floor(random() * 4)
        const done: string[] = []
        const written = new Set<string>()
        for (let e = 0; e < edits; e++) done.push(randomEdit(replica, random, seed * 100 + round * 10 + e, written))
        const update = Y.encodeStateAsUpdate(replica, sv)
        const before = snapshot(doc)
        const delta = deltaOf(doc, update)
        Y.applyUpdate(doc, update)
        check(delta, before, snapshot(doc), `seed ${seed} round ${round} (${done.join('; ')})`, written)
      }
    }
  })
})
