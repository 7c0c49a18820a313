/** `POST /api/drafts/import` and `POST /api/drafts/:id/import-markup`: what the server answers. */
import type { ClauseKind } from './draft/format'

/** Something in the Word file that did not map onto the draft format, and what happens to it. */
export interface ImportWarning {
  readonly code: 'table' | 'image' | 'tracked-changes' | 'comments' | 'nested-list' | 'heading-kept' | 'heading-shortened' | 'no-articles' | 'footnotes'
  /** "Preamble", "Article 3", or null for the whole document. */
  readonly clause: string | null
  readonly message: string
}

export interface ImportedClause {
  readonly kind: ClauseKind
  readonly heading: string
  /** The plain-text body format of `POST /api/drafts` ("(a) …" sub-paragraphs, "Option A: …", "[…]"). */
  readonly text: string
}

/** `?preview=1`: the split, nothing created. */
export interface ImportPreview {
  readonly title: string
  readonly fileName: string
  readonly clauses: readonly ImportedClause[]
  readonly warnings: readonly ImportWarning[]
  readonly counts: { readonly articles: number; readonly paragraphs: number; readonly footnotes: number; readonly words: number }
}

/** Without `preview`: 201, the draft created with revision 1 "Imported from <file name>". */
export interface ImportCreated {
  readonly id: string
  readonly title: string
  readonly revision: number
  readonly warnings: readonly ImportWarning[]
}

/** The Word media type a browser sends for .docx; `application/octet-stream` is accepted too. */
export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** Where one clause's tracked changes land: as suggestions on the text as exported, rebased onto text edited since, as a proposal, or nowhere. */
export type MarkupOutcome = 'suggestions' | 'rebased' | 'proposal' | 'comments-only' | 'not-found'

export interface MarkupClausePreview {
  /** The live clause it lands on (null when none matches). */
  readonly clauseId: string | null
  /** "Article 2 — Scope" as the file has it, and the live label it lands on. */
  readonly title: string
  readonly label: string | null
  /** By the clause id the export carries, or by its heading. */
  readonly matchedBy: 'id' | 'heading' | null
  /** The clause was edited after the export: its changes are rebased where the words still match, else offered as a proposal. */
  readonly changedSinceExport: boolean
  readonly outcome: MarkupOutcome
  readonly changes: readonly { readonly kind: 'insert' | 'delete'; readonly text: string; readonly author: string }[]
  readonly comments: readonly { readonly author: string; readonly text: string; readonly quote: string }[]
  /** The clause's text with the file's changes, as it will be suggested or proposed. */
  readonly proposed: string
}

/** `POST /api/drafts/:id/import-markup?preview=1`: every change and comment, and where it will land. */
export interface MarkupPreview {
  readonly draftId: string
  readonly revision: number | null
  /** The State the suggestions and threads are authored as. */
  readonly state: string
  readonly clauses: readonly MarkupClausePreview[]
}

/** Without `preview`: what was written. */
export interface MarkupImported extends MarkupPreview {
  readonly suggestions: readonly string[]
  readonly threads: readonly string[]
}
