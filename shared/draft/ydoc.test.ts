import { generateKeyBetween } from 'fractional-indexing'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { blocksToText, textToBlocks } from './blocks'
import { CLAUSES_MAP, ClauseKey, DRAFT_MAP } from './format'
import { compareClauses, numberClauses } from './numbering'
import { type ClauseInput, type ClauseView, buildDraftDoc, clausesMap, readClauses, readTitle } from './ydoc'
import { seededRandom as rng } from '../random'

const preamble = (overrides: Partial<ClauseInput> = {}): ClauseInput => ({
  kind: 'preamble',
  heading: 'Preamble',
  text: 'The Member States,\nRecognising the need for cooperation,\nHave agreed as follows:',
  ...overrides,
})

const article = (n: number, overrides: Partial<ClauseInput> = {}): ClauseInput => ({
  kind: 'article',
  heading: `Provision ${n}`,
  text: `Each State shall take measures ${n}:\n(a) first;\n(b) second.`,
  ...overrides,
})

/** A preamble and `count` articles with ids p, a1, a2, … */
function buildDoc(count = 3): Y.Doc {
  return buildDraftDoc('Model provisions', [preamble({ id: 'p' }), ...Array.from({ length: count }, (_, i) => article(i + 1, { id: `a${i + 1}` }))])
}

const ids = (doc: Y.Doc): string[] => readClauses(doc).map((c) => c.id)
const labels = (doc: Y.Doc): string[] => readClauses(doc).map((c) => c.label)

function clause(doc: Y.Doc, id: string): Y.Map<unknown> {
  const found = clausesMap(doc).get(id)
  if (!found) throw new Error(`no clause ${id}`)
  return found
}

function view(doc: Y.Doc, id: string): ClauseView {
  const found = readClauses(doc).find((c) => c.id === id)
  if (!found) throw new Error(`no clause ${id}`)
  return found
}

/** Moves `id` to just before `beforeId` (or to the end when null), changing only its position. */
function moveBefore(doc: Y.Doc, id: string, beforeId: string | null): string {
  const others = readClauses(doc).filter((c) => c.id !== id)
  const index = beforeId === null ? others.length : others.findIndex((c) => c.id === beforeId)
  const position = generateKeyBetween(others[index - 1]?.position ?? null, others[index]?.position ?? null)
  clause(doc, id).set(ClauseKey.position, position)
  return position
}

describe('buildDraftDoc → readClauses', () => {
  it('gives the clauses in input order with their ids, kinds and headings', () => {
    const doc = buildDoc(3)
    const clauses = readClauses(doc)
    expect(clauses.map((c) => c.id)).toEqual(['p', 'a1', 'a2', 'a3'])
    expect(clauses.map((c) => c.kind)).toEqual(['preamble', 'article', 'article', 'article'])
    expect(clauses.map((c) => c.heading)).toEqual(['Preamble', 'Provision 1', 'Provision 2', 'Provision 3'])
  })

  it('generates distinct ids when none are given', () => {
    const doc = buildDraftDoc('t', [article(1), article(2), article(3)])
    const generated = ids(doc)
    expect(new Set(generated).size).toBe(3)
    for (const id of generated) expect(id).toMatch(/^[0-9a-z]{12}$/)
  })

  it("defaults the status to 'proposed' and keeps a given one", () => {
    const doc = buildDraftDoc('t', [article(1), article(2, { status: 'agreed' }), article(3, { status: 'adopted' })])
    expect(readClauses(doc).map((c) => c.status)).toEqual(['proposed', 'agreed', 'adopted'])
  })

  it('numbers articles from 1 and leaves the preamble unnumbered', () => {
    const clauses = readClauses(buildDoc(3))
    expect(clauses.map((c) => [c.number, c.label])).toEqual([
      [null, 'Preamble'],
      [1, 'Article 1'],
      [2, 'Article 2'],
      [3, 'Article 3'],
    ])
  })

  it('gives strictly increasing positions in input order', () => {
    const positions = readClauses(buildDoc(5)).map((c) => c.position)
    expect([...positions].sort()).toEqual(positions)
    expect(new Set(positions).size).toBe(positions.length)
  })

  it('returns each body as the normalised input text', () => {
    const inputs = [
      preamble({ text: '  The Member States,\r\n\r\nHave agreed as follows:  ' }),
      article(1, { text: 'Each State shall:\n(c) adopt measures;\n(d) cooperate.\nFinal words.' }),
      article(2, { text: '' }),
    ]
    const clauses = readClauses(buildDraftDoc('t', inputs))
    expect(clauses.map((c) => c.text)).toEqual(inputs.map((input) => blocksToText(textToBlocks(input.text))))
    expect(clauses[1]?.text).toBe('Each State shall:\n(a) adopt measures;\n(b) cooperate.\nFinal words.')
  })

  it('renders paragraphs and lettered sub-paragraphs as HTML', () => {
    const doc = buildDraftDoc('t', [article(1, { text: 'Each State shall:\n(a) adopt measures;\n(b) cooperate.\nFinal words.' })])
    expect(readClauses(doc)[0]?.html).toBe(
      '<p>Each State shall:</p>' +
        '<ol class="subparagraphs" type="a"><li><p>adopt measures;</p></li><li><p>cooperate.</p></li></ol>' +
        '<p>Final words.</p>',
    )
  })

  it('renders an empty body as empty text and HTML', () => {
    const [only] = readClauses(buildDraftDoc('t', [article(1, { text: '' })]))
    expect(only?.text).toBe('')
    expect(only?.html).toBe('')
  })

  it('returns the heading as raw text and escapes the body HTML', () => {
    const doc = buildDraftDoc('t', [
      article(1, { heading: '<script>alert(1)</script> & "Co"', text: 'A & B <script>alert("x")</script>\n(a) x < y & \'z\'' }),
    ])
    const [only] = readClauses(doc)
    expect(only?.heading).toBe('<script>alert(1)</script> & "Co"')
    expect(only?.text).toBe('A & B <script>alert("x")</script>\n(a) x < y & \'z\'')
    expect(only?.html).toBe(
      '<p>A &amp; B &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>' +
        '<ol class="subparagraphs" type="a"><li><p>x &lt; y &amp; &#39;z&#39;</p></li></ol>',
    )
    expect(only?.html).not.toContain('<script')
  })

  it('renders bold and italic marks in HTML and drops them from text', () => {
    const doc = buildDraftDoc('t', [article(1, { id: 'a1', text: '' })])
    const body = clause(doc, 'a1').get(ClauseKey.body)
    if (!(body instanceof Y.XmlFragment)) throw new Error('no body')
    const text = new Y.XmlText()
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [text])
    body.insert(0, [p])
    text.insert(0, 'plain ')
    text.insert(6, 'strong', { bold: true })
    text.insert(12, ' <soft>', { italic: true })
    expect(view(doc, 'a1').text).toBe('plain strong <soft>')
    expect(view(doc, 'a1').html).toBe('<p>plain <strong>strong</strong><em> &lt;soft&gt;</em></p>')
  })

  it('follows edits to the heading Y.Text', () => {
    const doc = buildDoc(1)
    const heading = clause(doc, 'a1').get(ClauseKey.heading)
    if (!(heading instanceof Y.Text)) throw new Error('no heading')
    heading.insert(heading.length, ' (revised)')
    expect(view(doc, 'a1').heading).toBe('Provision 1 (revised)')
  })

  it('stores the clauses under the documented keys', () => {
    const doc = buildDoc(1)
    expect(doc.getMap(CLAUSES_MAP)).toBe(clausesMap(doc))
    const stored = clause(doc, 'a1')
    expect(typeof stored.get(ClauseKey.position)).toBe('string')
    expect(stored.get(ClauseKey.kind)).toBe('article')
    expect(stored.get(ClauseKey.status)).toBe('proposed')
    expect(stored.get(ClauseKey.heading)).toBeInstanceOf(Y.Text)
    expect(stored.get(ClauseKey.body)).toBeInstanceOf(Y.XmlFragment)
    // Numbers are computed, never stored.
    expect([...stored.keys()].sort()).toEqual(['body', 'heading', 'kind', 'position', 'status'])
  })

  it('survives an encode/apply round trip unchanged', () => {
    const doc = buildDoc(3)
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
    expect(readClauses(copy)).toEqual(readClauses(doc))
    expect(readTitle(copy)).toBe('Model provisions')
  })
})

describe('moving clauses', () => {
  it('renumbers when an article moves to the front of the articles', () => {
    const doc = buildDoc(3)
    moveBefore(doc, 'a3', 'a1')
    expect(ids(doc)).toEqual(['p', 'a3', 'a1', 'a2'])
    expect(labels(doc)).toEqual(['Preamble', 'Article 1', 'Article 2', 'Article 3'])
    expect(view(doc, 'a3')).toMatchObject({ number: 1, heading: 'Provision 3' })
    expect(view(doc, 'a1')).toMatchObject({ number: 2, heading: 'Provision 1' })
  })

  it('renumbers when an article moves to the end', () => {
    const doc = buildDoc(3)
    moveBefore(doc, 'a1', null)
    expect(ids(doc)).toEqual(['p', 'a2', 'a3', 'a1'])
    expect(view(doc, 'a1').label).toBe('Article 3')
  })

  it('keeps the preamble unnumbered wherever it is', () => {
    const doc = buildDoc(2)
    moveBefore(doc, 'p', 'a2')
    expect(readClauses(doc).map((c) => [c.id, c.label])).toEqual([
      ['a1', 'Article 1'],
      ['p', 'Preamble'],
      ['a2', 'Article 2'],
    ])
  })

  it('changes only the position of the moved clause', () => {
    const doc = buildDoc(3)
    const before = readClauses(doc)
    const changed: string[] = []
    clausesMap(doc).observeDeep((events) => {
      for (const event of events) for (const key of event.keys.keys()) changed.push(key)
    })
    moveBefore(doc, 'a2', 'a1')
    expect(changed).toEqual(['position'])
    const after = readClauses(doc)
    for (const c of before) {
      const moved = after.find((a) => a.id === c.id)
      expect(moved).toMatchObject({ kind: c.kind, heading: c.heading, status: c.status, text: c.text, html: c.html })
    }
  })

  it('renumbers when a clause is deleted', () => {
    const doc = buildDoc(3)
    clausesMap(doc).delete('a1')
    expect(readClauses(doc).map((c) => [c.id, c.label])).toEqual([
      ['p', 'Preamble'],
      ['a2', 'Article 1'],
      ['a3', 'Article 2'],
    ])
  })

  it('breaks ties in position by id', () => {
    const doc = buildDraftDoc('t', [article(1, { id: 'zeta' }), article(2, { id: 'alpha' }), article(3, { id: 'mid' })])
    const first = view(doc, 'zeta').position
    clause(doc, 'alpha').set(ClauseKey.position, first)
    clause(doc, 'mid').set(ClauseKey.position, first)
    expect(ids(doc)).toEqual(['alpha', 'mid', 'zeta'])
    expect(labels(doc)).toEqual(['Article 1', 'Article 2', 'Article 3'])
  })
})

/** A replica that records its own updates so they can be delivered to the others in any order. */
interface Replica {
  readonly doc: Y.Doc
  readonly outbox: Uint8Array[]
}

interface Message {
  readonly to: Replica
  readonly update: Uint8Array
}

const REMOTE = Symbol('remote')

function replicaOf(origin: Y.Doc): Replica {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(origin), REMOTE)
  const replica: Replica = { doc, outbox: [] }
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) replica.outbox.push(update)
  })
  return replica
}

/**
 * Moves a clause into a random gap. Concurrent inserts at one gap may tie, and while updates are
 * still in flight a clause may briefly have no position (read as ''): then it moves to the end.
 */
function randomMove(replica: Replica, random: () => number, id?: string): void {
  const order = readClauses(replica.doc)
  const moving = id ?? order[Math.floor(random() * order.length)]?.id
  if (moving === undefined) return
  const others = order.filter((c) => c.id !== moving)
  const gap = Math.floor(random() * (others.length + 1))
  const lo = others[gap - 1]?.position ?? null
  const hi = others[gap]?.position ?? null
  const usable = lo !== '' && hi !== '' && (lo === null || hi === null || lo < hi)
  const last = others.map((c) => c.position).filter((p) => p !== '').sort().at(-1) ?? null
  const position = usable ? generateKeyBetween(lo, hi) : generateKeyBetween(last, null)
  clause(replica.doc, moving).set(ClauseKey.position, position)
}

function runScenario(seed: number): { replicas: Replica[]; initialIds: string[] } {
  const random = rng(seed)
  const origin = buildDoc(2 + Math.floor(random() * 6))
  const initialIds = ids(origin)
  const replicas = Array.from({ length: 2 + Math.floor(random() * 2) }, () => replicaOf(origin))
  let inFlight: Message[] = []
  const post = (): void => {
    for (const from of replicas) {
      for (const update of from.outbox.splice(0)) {
        for (const to of replicas) if (to !== from) inFlight.push({ to, update })
      }
    }
  }
  const deliver = (fraction: number): void => {
    const shuffled = inFlight.map((m) => ({ m, key: random() })).sort((x, y) => x.key - y.key)
    const cut = Math.floor(shuffled.length * fraction)
    for (const { m } of shuffled.slice(0, cut)) Y.applyUpdate(m.to.doc, m.update, REMOTE)
    inFlight = shuffled.slice(cut).map(({ m }) => m)
  }
  const rounds = 1 + Math.floor(random() * 4)
  for (let round = 0; round < rounds; round++) {
    // Every replica moves the same clause concurrently, then a few more at random.
    const contested = initialIds[Math.floor(random() * initialIds.length)]
    for (const replica of replicas) {
      randomMove(replica, random, contested)
      const extra = Math.floor(random() * 3)
      for (let i = 0; i < extra; i++) randomMove(replica, random)
    }
    post()
    deliver(random())
  }
  post()
  deliver(1)
  return { replicas, initialIds }
}

describe('concurrent moves', () => {
  it('two docs moving the same clause to different places converge to one order', () => {
    const left = replicaOf(buildDoc(4))
    const right = replicaOf(left.doc)
    moveBefore(left.doc, 'a4', 'a1')
    moveBefore(right.doc, 'a4', 'a2')
    expect(ids(left.doc)).toEqual(['p', 'a4', 'a1', 'a2', 'a3'])
    expect(ids(right.doc)).toEqual(['p', 'a1', 'a4', 'a2', 'a3'])
    Y.applyUpdate(right.doc, Y.encodeStateAsUpdate(left.doc, Y.encodeStateVector(right.doc)), REMOTE)
    Y.applyUpdate(left.doc, Y.encodeStateAsUpdate(right.doc, Y.encodeStateVector(left.doc)), REMOTE)
    expect(readClauses(left.doc)).toEqual(readClauses(right.doc))
    expect([['p', 'a4', 'a1', 'a2', 'a3'], ['p', 'a1', 'a4', 'a2', 'a3']]).toContainEqual(ids(left.doc))
  })

  it.each(Array.from({ length: 40 }, (_, i) => i + 1))(
    'replicas converge with no duplicate or lost clause (seed %i)',
    (seed) => {
      const { replicas, initialIds } = runScenario(seed)
      const [first, ...rest] = replicas
      if (!first) throw new Error('no replicas')
      const expected = readClauses(first.doc)
      for (const replica of rest) {
        expect(readClauses(replica.doc)).toEqual(expected)
        expect(Y.encodeStateVector(replica.doc)).toEqual(Y.encodeStateVector(first.doc))
      }
      const order = expected.map((c) => c.id)
      for (const c of expected) expect(c.position, c.id).not.toBe('')
      expect(new Set(order).size).toBe(order.length)
      expect([...order].sort()).toEqual([...initialIds].sort())
      expect(expected.filter((c) => c.kind === 'article').map((c) => c.number)).toEqual(
        Array.from({ length: initialIds.length - 1 }, (_, i) => i + 1),
      )
      for (const c of expected) expect(c.heading).toBe(c.id === 'p' ? 'Preamble' : `Provision ${c.id.slice(1)}`)
    },
  )
})

describe('reading untrusted documents', () => {
  function rawClause(doc: Y.Doc, id: string, fields: Record<string, unknown>): void {
    const map = new Y.Map<unknown>()
    clausesMap(doc).set(id, map)
    for (const [key, value] of Object.entries(fields)) map.set(key, value)
  }

  it('reads a missing or invalid kind as an article and status as proposed', () => {
    const doc = buildDraftDoc('t', [preamble({ id: 'p' })])
    rawClause(doc, 'bad-kind', { position: 'b0', kind: 'chapter', status: 'approved', heading: new Y.Text('H') })
    rawClause(doc, 'missing', { position: 'c0' })
    rawClause(doc, 'wrong-types', { position: 42, kind: 7, status: null, heading: 'plain string', body: 'not xml' })
    const clauses = readClauses(doc)
    expect(clauses.map((c) => c.id)).toEqual(['wrong-types', 'p', 'bad-kind', 'missing'])
    expect(view(doc, 'bad-kind')).toMatchObject({ kind: 'article', status: 'proposed', heading: 'H', text: '', html: '' })
    expect(view(doc, 'missing')).toMatchObject({ kind: 'article', status: 'proposed', heading: '', text: '', html: '', position: 'c0' })
    expect(view(doc, 'wrong-types')).toMatchObject({ kind: 'article', status: 'proposed', heading: '', text: '', html: '', position: '' })
    expect(clauses.map((c) => c.label)).toEqual(['Article 1', 'Preamble', 'Article 2', 'Article 3'])
  })

  it('skips a clause entry that is not a Y.Map', () => {
    const doc = buildDoc(1)
    clausesMap(doc).set('junk', new Y.Text('junk') as unknown as Y.Map<unknown>)
    expect(ids(doc)).toEqual(['p', 'a1'])
  })
})

describe('readTitle', () => {
  it('reads the title set by buildDraftDoc', () => {
    expect(readTitle(buildDraftDoc('Model provisions on cybercrime', []))).toBe('Model provisions on cybercrime')
  })

  it('is empty for a doc without a title or with a non-string title', () => {
    expect(readTitle(new Y.Doc())).toBe('')
    const doc = new Y.Doc()
    doc.getMap(DRAFT_MAP).set('title', 42)
    expect(readTitle(doc)).toBe('')
  })

  it('follows a title change', () => {
    const doc = buildDraftDoc('Old', [])
    doc.getMap(DRAFT_MAP).set('title', 'New')
    expect(readTitle(doc)).toBe('New')
  })
})

describe('numbering', () => {
  it('compareClauses orders by position, then by id', () => {
    const items = [
      { id: 'b', position: 'a1' },
      { id: 'a', position: 'a1' },
      { id: 'z', position: 'a0' },
      { id: 'c', position: 'a0V' },
    ]
    expect([...items].sort(compareClauses).map((c) => c.id)).toEqual(['z', 'c', 'a', 'b'])
    expect(compareClauses({ id: 'x', position: 'a0' }, { id: 'x', position: 'a0' })).toBe(0)
  })

  it('numberClauses counts articles only and does not mutate its input', () => {
    const input = [{ kind: 'article' as const }, { kind: 'preamble' as const }, { kind: 'article' as const }]
    const numbered = numberClauses(input)
    expect(numbered.map((c) => [c.number, c.label])).toEqual([
      [1, 'Article 1'],
      [null, 'Preamble'],
      [2, 'Article 2'],
    ])
    expect(input[0]).toEqual({ kind: 'article' })
    expect(numberClauses([])).toEqual([])
  })
})
