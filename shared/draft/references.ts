/**
 * Cross-references: an inline atom `crossReference` in a clause body (README "Draft document
 * format") pointing at a clause id, and a paragraph path when given ("(2)(b)"). Its words are never
 * stored: "Article 5" is rendered from the target's current number, so it follows renumbering.
 */
import type { ClauseKind } from './format'

export const REFERENCE_NODE = 'crossReference'
export const ReferenceAttr = { clause: 'clause', para: 'para' } as const

/** A paragraph path after the number: "(2)", "(2)(b)" — up to four levels of digits or letters. */
export const PARA_PATH = /^(\([0-9a-z]{1,3}\)){1,4}$/

export interface ReferenceTarget {
  readonly kind: ClauseKind
  readonly number: number | null
}

/** The current number of a clause by id; null when the clause no longer exists. */
export type ReferenceResolver = (clauseId: string) => ReferenceTarget | null

export const DANGLING_LABEL = '(reference to a deleted clause)'

export function cleanPara(value: unknown): string | null {
  return typeof value === 'string' && PARA_PATH.test(value) ? value : null
}

/** The words a reference reads as: "Article 5(2)(b)", "the preamble", or the dangling flag. */
export function referenceLabel(target: ReferenceTarget | null, para: string | null): string {
  if (!target) return DANGLING_LABEL
  if (target.kind === 'preamble' || target.number === null) return 'the preamble'
  return `Article ${target.number}${para ?? ''}`
}

export interface ReferenceView {
  /** The clause whose body holds the reference. */
  readonly fromClauseId: string
  /** The clause it points at. */
  readonly clauseId: string
  readonly para: string | null
  readonly label: string
  /** The target clause was deleted. */
  readonly dangling: boolean
}

// A reference inside a revision's `refText`: \uE000 key \uE001 label \uE002 (private-use delimiters never typed).
const MARKED = /\uE000([^\uE001]*)\uE001([^\uE002]*)\uE002/g

export function markReference(clauseId: string, para: string | null, label: string): string {
  return `\uE000${clauseId}|${para ?? ''}\uE001${label}\uE002`
}

/** The plain text of a marked text: each reference as its words. */
export function unmark(text: string): string {
  return text.replace(MARKED, (_m, _key: string, label: string) => label)
}

function labelsOf(marked: string): Map<string, string> {
  const labels = new Map<string, string>()
  for (const match of marked.matchAll(MARKED)) labels.set(match[1] ?? '', match[2] ?? '')
  return labels
}

/**
 * The older side's text with each reference worded as on the newer side (when its target is still
 * there): a reference that was only renumbered compares as unchanged wording.
 */
export function relabel(beforeMarked: string, afterMarked: string | undefined): string {
  const after = afterMarked ? labelsOf(afterMarked) : new Map<string, string>()
  return beforeMarked.replace(MARKED, (_m, key: string, label: string) => after.get(key) ?? label)
}
