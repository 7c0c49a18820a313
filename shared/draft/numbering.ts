import type { ClauseKind } from './format'

export interface Orderable {
  readonly id: string
  readonly position: string
}

/** Clause order: by fractional position, ties (concurrent inserts at one spot) broken by id. */
export function compareClauses(a: Orderable, b: Orderable): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

export interface Numbered {
  /** 1-based article number, or null for a preamble. */
  readonly number: number | null
  /** "Preamble" or "Article 3": computed, never stored. */
  readonly label: string
}

/** Numbers clauses already in document order: articles count up from 1, preambles are unnumbered. */
export function numberClauses<T extends { readonly kind: ClauseKind }>(clauses: readonly T[]): (T & Numbered)[] {
  let article = 0
  return clauses.map((clause) => {
    if (clause.kind === 'preamble') return { ...clause, number: null, label: 'Preamble' }
    article += 1
    return { ...clause, number: article, label: `Article ${article}` }
  })
}
