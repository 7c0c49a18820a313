import * as Y from 'yjs'
import { generateNKeysBetween } from 'fractional-indexing'
import { newId } from '../ids'
import { type Block, blocksToText, bracketSegments, optionLabel, textToBlocks } from './blocks'
import { CLAUSES_MAP, ClauseKey, DRAFT_MAP, type ClauseKind, type ClauseStatus, isClauseKind, isClauseStatus } from './format'
import { escapeHtml } from './html'
import { type OpenSuggestion, isSuggestedInsertion, readSuggestions, suggestionOf } from './suggestions'
import { type Numbered, compareClauses, numberClauses } from './numbering'
import { REFERENCE_NODE, ReferenceAttr, type ReferenceResolver, type ReferenceView, cleanPara, markReference, referenceLabel } from './references'

export interface ClauseInput {
  readonly id?: string
  readonly kind: ClauseKind
  readonly heading: string
  readonly text: string
  readonly status?: ClauseStatus
}

export interface ClauseView {
  readonly id: string
  readonly kind: ClauseKind
  readonly number: number | null
  readonly label: string
  readonly position: string
  readonly heading: string
  readonly status: ClauseStatus
  /** The base text: open suggestions not applied (suggested deletions kept, insertions left out). */
  readonly text: string
  /** The body as HTML, open suggestions as `<ins>`/`<del>` with the State (`data-state`). */
  readonly html: string
  /** The clause's open suggestions in document order. */
  readonly suggestions: readonly OpenSuggestion[]
  /** Cross-references in the body, in document order, each with the words it renders now. */
  readonly references: readonly ReferenceView[]
}

export function clausesMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(CLAUSES_MAP)
}

/** The bracket mark's attributes: which States asked for the wording to stay in brackets. */
export interface BracketAttrs {
  readonly states: readonly string[]
}

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph')
  const segments = bracketSegments(text)
  if (segments.length === 0) return element
  const xmlText = new Y.XmlText()
  element.insert(0, [xmlText])
  let at = 0
  for (const segment of segments) {
    const bracket: BracketAttrs = { states: [] }
    xmlText.insert(at, segment.text, segment.bracketed ? { bracket } : {})
    at += segment.text.length
  }
  return element
}

function list(items: readonly string[]): Y.XmlElement {
  const element = new Y.XmlElement('orderedList')
  element.setAttribute('type', 'a')
  element.insert(
    0,
    items.map((item) => {
      const listItem = new Y.XmlElement('listItem')
      listItem.insert(0, [paragraph(item)])
      return listItem
    }),
  )
  return element
}

function options(texts: readonly string[]): Y.XmlElement {
  const element = new Y.XmlElement('options')
  element.insert(
    0,
    texts.map((text) => {
      const option = new Y.XmlElement('option')
      option.insert(0, [paragraph(text)])
      return option
    }),
  )
  return element
}

/** Tiptap/ProseMirror nodes for the blocks; "[…]" spans become bracket marks. */
export function blocksToXml(blocks: readonly Block[]): Y.XmlElement[] {
  return blocks.map((block) => {
    if (block.type === 'paragraph') return paragraph(block.text)
    if (block.type === 'subparagraphs') return list(block.items)
    return options(block.options)
  })
}

/** Creates the clause's Y.Map; call inside a transaction for a single update. */
export function insertClause(doc: Y.Doc, input: ClauseInput, position: string): string {
  const id = input.id ?? newId()
  const clause = new Y.Map<unknown>()
  clausesMap(doc).set(id, clause)
  clause.set(ClauseKey.position, position)
  clause.set(ClauseKey.kind, input.kind)
  clause.set(ClauseKey.status, input.status ?? 'proposed')
  clause.set(ClauseKey.heading, new Y.Text(input.heading))
  const body = new Y.XmlFragment()
  clause.set(ClauseKey.body, body)
  body.insert(0, blocksToXml(textToBlocks(input.text)))
  return id
}

/** A new Y.Doc in the draft format holding the title and the clauses in the given order. */
export function buildDraftDoc(title: string, clauses: readonly ClauseInput[]): Y.Doc {
  const doc = new Y.Doc()
  const positions = generateNKeysBetween(null, null, clauses.length)
  doc.transact(() => {
    doc.getMap(DRAFT_MAP).set('title', title)
    clauses.forEach((clause, i) => insertClause(doc, clause, positions[i] ?? String(i)))
  })
  return doc
}

type XmlNode = Y.XmlElement | Y.XmlText | Y.XmlHook

interface DeltaOp {
  insert?: unknown
  attributes?: Record<string, unknown>
}

const sameBracket = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b)

function inlineText(node: Y.XmlText): string {
  // One "[…]" per bracket, even where other marks (bold, a suggestion) split its run of text.
  let out = ''
  let open: unknown
  for (const op of node.toDelta() as DeltaOp[]) {
    if (typeof op.insert !== 'string' || isSuggestedInsertion(op.attributes)) continue
    const bracket = op.attributes && 'bracket' in op.attributes ? op.attributes.bracket : undefined
    const same = open !== undefined && bracket !== undefined && sameBracket(open, bracket)
    if (open !== undefined && !same) out += ']'
    if (bracket !== undefined && !same) out += '['
    out += op.insert
    open = bracket
  }
  return open === undefined ? out : `${out}]`
}

function bracketStates(value: unknown): string[] {
  const states = typeof value === 'object' && value !== null ? (value as { states?: unknown }).states : null
  return Array.isArray(states) ? states.filter((s): s is string => typeof s === 'string') : []
}

function inlineHtml(node: Y.XmlText): string {
  return (node.toDelta() as DeltaOp[])
    .map((op) => {
      if (typeof op.insert !== 'string') return ''
      let html = escapeHtml(op.insert)
      const marks = op.attributes ?? {}
      if ('italic' in marks) html = `<em>${html}</em>`
      if ('bold' in marks) html = `<strong>${html}</strong>`
      if ('bracket' in marks) {
        const states = bracketStates(marks.bracket)
        const attr = states.length > 0 ? ` data-states="${escapeHtml(states.join(' '))}"` : ''
        html = `<span class="bracket"${attr}>[${html}]</span>`
      }
      const { insertion, deletion } = suggestionOf(marks)
      const suggestion = insertion ?? deletion
      if (suggestion) {
        const tag = insertion ? 'ins' : 'del'
        const state = suggestion.state ? ` data-state="${escapeHtml(suggestion.state)}"` : ''
        html = `<${tag} class="suggestion" data-suggestion="${escapeHtml(suggestion.id)}"${state} title="${escapeHtml(`${suggestion.state ?? ''} ${suggestion.name}`.trim())}">${html}</${tag}>`
      }
      return html
    })
    .join('')
}

function childNodes(node: Y.XmlElement | Y.XmlFragment): XmlNode[] {
  return node.toArray()
}

/** How references are worded: the draft's current numbers; `marked` keeps their targets in the text (revisions' `refText`). */
export interface RenderContext {
  readonly resolve: ReferenceResolver
  readonly marked?: boolean
}

/** Numbers by clause id, from the clauses in order. */
export function referenceResolver(entries: readonly { id: string; kind: ClauseKind; number: number | null }[]): ReferenceResolver {
  const byId = new Map(entries.map((e) => [e.id, { kind: e.kind, number: e.number }]))
  return (id) => byId.get(id) ?? null
}

// A body read on its own resolves against the document it lives in, only once a reference is met.
function contextFor(node: { readonly doc: Y.Doc | null }): RenderContext {
  let resolve: ReferenceResolver | null = null
  return {
    resolve: (id) => {
      resolve ??= node.doc ? referenceResolver(readClauseEntries(node.doc)) : () => null
      return resolve(id)
    },
  }
}

function referenceOf(node: Y.XmlElement, ctx: RenderContext): { clauseId: string; para: string | null; label: string; dangling: boolean } {
  const clauseId = node.getAttribute(ReferenceAttr.clause) ?? ''
  const para = cleanPara(node.getAttribute(ReferenceAttr.para))
  const target = ctx.resolve(clauseId)
  return { clauseId, para, label: referenceLabel(target, para), dangling: target === null }
}

function elementTextIn(node: XmlNode, ctx: RenderContext): string {
  if (node instanceof Y.XmlText) return inlineText(node)
  if (node instanceof Y.XmlElement && node.nodeName === REFERENCE_NODE) {
    const ref = referenceOf(node, ctx)
    return ctx.marked ? markReference(ref.clauseId, ref.para, ref.label) : ref.label
  }
  if (node instanceof Y.XmlElement) return childNodes(node).map((child) => elementTextIn(child, ctx)).join('')
  return ''
}

/** The body's cross-references in document order. */
export function bodyReferences(body: Y.XmlFragment | null, fromClauseId: string, ctx: RenderContext | null = null): ReferenceView[] {
  if (!body) return []
  const context = ctx ?? contextFor(body)
  const out: ReferenceView[] = []
  const walk = (node: XmlNode | Y.XmlFragment): void => {
    if (node instanceof Y.XmlElement && node.nodeName === REFERENCE_NODE) out.push({ fromClauseId, ...referenceOf(node, context) })
    else if (node instanceof Y.XmlElement || node instanceof Y.XmlFragment) childNodes(node).forEach(walk)
  }
  walk(body)
  return out
}

/** The body as blocks (brackets as "[…]", other marks dropped): what `text` and diffs are made of. */
export function bodyBlocks(body: Y.XmlFragment | Y.XmlElement, ctx: RenderContext | null = null): Block[] {
  const context = ctx ?? contextFor(body)
  const elementText = (node: XmlNode) => elementTextIn(node, context)
  const blocks: Block[] = []
  for (const node of childNodes(body)) {
    if (node instanceof Y.XmlElement && (node.nodeName === 'orderedList' || node.nodeName === 'bulletList')) {
      blocks.push({ type: 'subparagraphs', items: childNodes(node).map(elementText) })
    } else if (node instanceof Y.XmlElement && node.nodeName === 'options') {
      // One line per option: its paragraphs (and list items) joined by a space.
      const texts = childNodes(node).map((option) =>
        option instanceof Y.XmlElement ? blocksToText(bodyBlocks(option, context)).replace(/\n/g, ' ') : elementText(option),
      )
      blocks.push({ type: 'options', options: texts })
    } else {
      blocks.push({ type: 'paragraph', text: elementText(node) })
    }
  }
  return blocks
}

function referenceHtml(node: Y.XmlElement, ctx: RenderContext): string {
  const ref = referenceOf(node, ctx)
  const para = ref.para ? ` data-para="${escapeHtml(ref.para)}"` : ''
  const data = `data-clause="${escapeHtml(ref.clauseId)}"${para}`
  if (ref.dangling) return `<span class="xref dangling" ${data}>${escapeHtml(ref.label)}</span>`
  return `<a class="xref" href="#clause-${escapeHtml(ref.clauseId)}" ${data}>${escapeHtml(ref.label)}</a>`
}

function elementHtml(node: XmlNode, ctx: RenderContext, index = 0): string {
  if (node instanceof Y.XmlText) return inlineHtml(node)
  if (!(node instanceof Y.XmlElement)) return ''
  if (node.nodeName === REFERENCE_NODE) return referenceHtml(node, ctx)
  const inner = childNodes(node)
    .map((child, i) => elementHtml(child, ctx, i))
    .join('')
  switch (node.nodeName) {
    case 'options':
      return `<div class="options">${inner}</div>`
    case 'option':
      return `<div class="option"><p class="option-label">Option ${optionLabel(index)}</p>${inner}</div>`
    case 'paragraph':
      return `<p>${inner}</p>`
    case 'orderedList':
      return `<ol class="subparagraphs" type="a">${inner}</ol>`
    case 'bulletList':
      return `<ul>${inner}</ul>`
    case 'listItem':
      return `<li>${inner}</li>`
    default:
      return inner
  }
}

export function bodyHtml(body: Y.XmlFragment, ctx: RenderContext | null = null): string {
  const context = ctx ?? contextFor(body)
  return childNodes(body)
    .map((child, i) => elementHtml(child, context, i))
    .join('')
}

function readClause(id: string, clause: Y.Map<unknown>) {
  const kind = clause.get(ClauseKey.kind)
  const status = clause.get(ClauseKey.status)
  const position = clause.get(ClauseKey.position)
  const heading = clause.get(ClauseKey.heading)
  const body = clause.get(ClauseKey.body)
  return {
    id,
    kind: isClauseKind(kind) ? kind : 'article',
    status: isClauseStatus(status) ? status : 'proposed',
    position: typeof position === 'string' ? position : '',
    heading: heading instanceof Y.Text ? heading.toString() : '',
    body: body instanceof Y.XmlFragment ? body : null,
  }
}

/** A clause as the map holds it, in order and numbered; `body` is the live fragment (null when missing). */
export type ClauseEntry = ReturnType<typeof readClause> & Numbered

/** The one reader of the clause map: every view of the clauses (content, revisions, diffs, reports) starts here. */
export function readClauseEntries(doc: Y.Doc): ClauseEntry[] {
  // Any writer can put anything in the map: entries that are not clause maps are ignored.
  const raw = [...clausesMap(doc).entries()].filter(([, clause]) => clause instanceof Y.Map).map(([id, clause]) => readClause(id, clause))
  raw.sort(compareClauses)
  return numberClauses(raw)
}

/** A clause body's plain-text form (see blocks.ts); empty for a missing body. */
export function bodyText(body: Y.XmlFragment | null, ctx: RenderContext | null = null): string {
  return body ? blocksToText(bodyBlocks(body, ctx)) : ''
}

/** The draft's clauses in order, numbered, with text and HTML of each body (references worded with the current numbers). */
export function readClauses(doc: Y.Doc): ClauseView[] {
  const entries = readClauseEntries(doc)
  const ctx: RenderContext = { resolve: referenceResolver(entries) }
  return entries.map(({ body, ...clause }) => ({
    ...clause,
    text: bodyText(body, ctx),
    html: body ? bodyHtml(body, ctx) : '',
    suggestions: readSuggestions(body),
    references: bodyReferences(body, clause.id, ctx),
  }))
}

/** References whose target clause was deleted, for the dashboard (also in each clause's `references`). */
export function danglingReferences(doc: Y.Doc): ReferenceView[] {
  const entries = readClauseEntries(doc)
  const ctx: RenderContext = { resolve: referenceResolver(entries) }
  return entries.flatMap((entry) => bodyReferences(entry.body, entry.id, ctx)).filter((ref) => ref.dangling)
}

export function readTitle(doc: Y.Doc): string {
  const title = doc.getMap(DRAFT_MAP).get('title')
  return typeof title === 'string' ? title : ''
}

