import * as Y from 'yjs'
import { ID_PATTERN } from '../ids'

/**
 * Suggestions in the draft format: marks on a clause body's text (formatting attributes of its
 * Y.XmlText, as Tiptap writes marks). `insertion` marks text a State suggests adding, `deletion`
 * text it suggests striking; a replacement is both, with one id. Accepting an insertion removes
 * its mark, rejecting it removes its text; accepting a deletion removes the text, rejecting it the mark.
 */
export const INSERTION = 'insertion'
export const DELETION = 'deletion'
export const SUGGESTION_MARKS = [INSERTION, DELETION] as const
export type SuggestionMark = (typeof SUGGESTION_MARKS)[number]

/** The attributes of both marks: who suggested it, as which State, when. */
export interface SuggestionAttrs {
  /** The suggestion's id (ids.ts ID_PATTERN); the insertion and deletion of a replacement share it. */
  readonly id: string
  /** The suggester's user id. */
  readonly user: string
  /** The suggester's display name at the time (for labels; `user` is the authority). */
  readonly name: string
  /** The suggester's State code (null for a suggester without one). */
  readonly state: string | null
  /** ISO timestamp of the suggestion. */
  readonly at: string
}

export type SuggestionKind = 'insert' | 'delete' | 'replace'

/** An open suggestion as the document holds it. */
export interface OpenSuggestion extends SuggestionAttrs {
  readonly kind: SuggestionKind
  /** The text it would add (empty for a deletion). */
  readonly inserted: string
  /** The text it would strike (empty for an insertion). */
  readonly deleted: string
}

const MAX_NAME = 200
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/
const STATE = /^[A-Z]{3}$/

export function isSuggestionMark(name: string): name is SuggestionMark {
  return name === INSERTION || name === DELETION
}

/** The mark's attributes when well formed, else null (any writer can write anything into the document). */
export function parseSuggestionAttrs(value: unknown): SuggestionAttrs | null {
  if (typeof value !== 'object' || value === null) return null
  const { id, user, name, state, at } = value as Record<string, unknown>
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) return null
  if (typeof user !== 'string' || !ID_PATTERN.test(user)) return null
  if (typeof name !== 'string' || name.length > MAX_NAME) return null
  if (state !== null && (typeof state !== 'string' || !STATE.test(state))) return null
  if (typeof at !== 'string' || !ISO.test(at)) return null
  return { id, user, name, state, at }
}

/** The suggestion marks of a run of text (its formatting attributes), well formed or not. */
export function suggestionOf(attributes: Readonly<Record<string, unknown>> | undefined): { readonly insertion: SuggestionAttrs | null; readonly deletion: SuggestionAttrs | null } {
  return {
    insertion: attributes && INSERTION in attributes ? parseSuggestionAttrs(attributes[INSERTION]) : null,
    deletion: attributes && DELETION in attributes ? parseSuggestionAttrs(attributes[DELETION]) : null,
  }
}

interface DeltaOp {
  insert?: unknown
  attributes?: Record<string, unknown>
}

function texts(node: Y.XmlFragment | Y.XmlElement | Y.XmlText | Y.XmlHook, out: Y.XmlText[]): Y.XmlText[] {
  if (node instanceof Y.XmlText) out.push(node)
  else if (node instanceof Y.XmlElement || node instanceof Y.XmlFragment) for (const child of node.toArray()) texts(child, out)
  return out
}

/** The open suggestions of a clause body, in document order (a replacement once, where it starts). */
export function readSuggestions(body: Y.XmlFragment | null): OpenSuggestion[] {
  if (!body) return []
  const found = new Map<string, { attrs: SuggestionAttrs; inserted: string; deleted: string; last: Y.XmlText | null }>()
  let current: Y.XmlText | null = null
  const add = (attrs: SuggestionAttrs, field: 'inserted' | 'deleted', text: string) => {
    const entry = found.get(attrs.id) ?? { attrs, inserted: '', deleted: '', last: null }
    // The pieces of one suggestion in different paragraphs read as one text, a space between.
    const gap = entry[field] !== '' && entry.last !== current ? ' ' : ''
    entry[field] = `${entry[field]}${gap}${text}`
    entry.last = current
    found.set(attrs.id, entry)
  }
  for (const text of texts(body, [])) {
    current = text
    for (const op of text.toDelta() as DeltaOp[]) {
      if (typeof op.insert !== 'string') continue
      const { insertion, deletion } = suggestionOf(op.attributes)
      if (insertion) add(insertion, 'inserted', op.insert)
      else if (deletion) add(deletion, 'deleted', op.insert)
    }
  }
  return [...found.values()].map(({ attrs, inserted, deleted }) => ({
    ...attrs,
    kind: inserted && deleted ? 'replace' : inserted ? 'insert' : 'delete',
    inserted,
    deleted,
  }))
}

/** True when the run of text is an open suggested insertion (left out of the clause's base text). */
export function isSuggestedInsertion(attributes: Readonly<Record<string, unknown>> | undefined): boolean {
  return attributes !== undefined && INSERTION in attributes
}
