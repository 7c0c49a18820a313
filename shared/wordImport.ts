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
