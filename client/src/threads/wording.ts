import type { Editor } from '@tiptap/core'
import * as Y from 'yjs'
import { ClauseKey } from '../../../shared/draft/format'
import { bodyText, clausesMap } from '../../../shared/draft/ydoc'
import { decodeRelative, resolveSpan } from '../../../shared/threads/anchor'
import { spanTextForm } from '../../../shared/threads/spanText'
import { type SelectionAnchor, selectionAnchor } from './selectionAnchor'

/** The clause's wording in the text form (what a whole-clause proposal starts from). */
export function clauseWording(doc: Y.Doc, clauseId: string): string {
  const body = clausesMap(doc).get(clauseId)?.get(ClauseKey.body)
  return bodyText(body instanceof Y.XmlFragment ? body : null)
}

/** The wording a span covers now in the text form (brackets as "[…]"), or null if it is gone. */
export function spanWording(doc: Y.Doc, clauseId: string, anchor: SelectionAnchor['anchor']): string | null {
  const body = clausesMap(doc).get(clauseId)?.get(ClauseKey.body)
  if (!(body instanceof Y.XmlFragment)) return null
  const span = resolveSpan(doc, body, { start: decodeRelative(anchor.start), end: decodeRelative(anchor.end) })
  return span.state === 'ok' ? spanTextForm(span) : null
}

export interface SelectionWording extends SelectionAnchor {
  /** The selected words in the text form, what a proposal on them starts from. */
  readonly wording: string
}

/** The editor's selection with its anchor, quote and wording, or null when nothing is selected. */
export function selectionWording(editor: Editor, doc: Y.Doc, clauseId: string): SelectionWording | null {
  const selection = selectionAnchor(editor)
  if (!selection) return null
  return { ...selection, wording: spanWording(doc, clauseId, selection.anchor) ?? selection.quote }
}
