/**
 * Clause-aware diffs between two states of a draft (revisions, the live draft, a user's last visit).
 * Public: the HTTP API returns these shapes (`GET /api/drafts/:id/diff`).
 */
import type { ClauseKind, ClauseStatus } from '../draft/format'
import type { OpenSuggestion } from '../draft/suggestions'

/** A clause as a revision keeps it: its plain-text form (see shared/draft/blocks.ts), no HTML. */
export interface ClauseSnapshot {
  readonly id: string
  readonly kind: ClauseKind
  /** 1-based article number, null for a preamble. */
  readonly number: number | null
  /** "Preamble" or "Article 3". */
  readonly label: string
  readonly heading: string
  readonly status: ClauseStatus
  /** The base text: open suggestions not applied (see shared/draft/suggestions.ts). */
  readonly text: string
  /** The clause's open suggestions in document order; absent when none (and in revisions' stored rows). */
  readonly suggestions?: readonly OpenSuggestion[]
  /** The text with cross-references marked by target (shared/draft/references.ts); absent when the body has none. */
  readonly refText?: string
}

export type WordOpKind = 'equal' | 'insert' | 'delete'

/**
 * One piece of a word diff. Keeping the `equal` and `delete` pieces gives the old text, keeping the
 * `equal` and `insert` pieces gives the new one. A paragraph boundary is always a piece of its own
 * whose text is exactly "\n"; no other piece contains a newline.
 */
export interface WordOp {
  readonly op: WordOpKind
  readonly text: string
}

/** What changed about a clause between two states (aligned by clause id, never by position). */
export const CHANGE_KINDS = ['added', 'removed', 'moved', 'renumbered', 'status', 'heading', 'body', 'suggestions'] as const
export type ChangeKind = (typeof CHANGE_KINDS)[number]

export interface ClauseDiff {
  readonly id: string
  readonly kind: ClauseKind
  /** Empty when the clause is the same in both states. */
  readonly changes: readonly ChangeKind[]
  readonly numberBefore: number | null
  readonly numberAfter: number | null
  /** Null when the clause does not exist on that side. */
  readonly labelBefore: string | null
  readonly labelAfter: string | null
  readonly statusBefore: ClauseStatus | null
  readonly statusAfter: ClauseStatus | null
  readonly heading: readonly WordOp[]
  readonly body: readonly WordOp[]
  /** Bracketed ("[…]") wording was added, removed or changed. */
  readonly bracketsChanged: boolean
  /** Alternative wordings ("Option A: …") were added, removed or changed. */
  readonly optionsChanged: boolean
  /**
   * The open suggestions on each side (never part of `body`, which compares base texts): one only
   * after was made in between, one only before was decided or withdrawn. Change kind `suggestions`
   * when they differ.
   */
  readonly suggestionsBefore: readonly OpenSuggestion[]
  readonly suggestionsAfter: readonly OpenSuggestion[]
}

export interface DiffSummary {
  /** Clauses in either state. */
  readonly clauses: number
  /** Clauses with at least one change. */
  readonly changed: number
  readonly unchanged: number
  readonly added: number
  readonly removed: number
  readonly moved: number
  readonly renumbered: number
  readonly status: number
  readonly heading: number
  readonly body: number
  /** Clauses whose open suggestions differ. */
  readonly suggestions: number
  /** Words inserted and deleted, headings and bodies together. */
  readonly wordsInserted: number
  readonly wordsDeleted: number
}

export interface ClausesDiff {
  readonly summary: DiffSummary
  /** In the new order, each removed clause placed after the clause it followed before. */
  readonly clauses: readonly ClauseDiff[]
}
