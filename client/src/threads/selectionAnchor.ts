import type { Editor } from '@tiptap/core'
import { absolutePositionToRelativePosition } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { encodeRelative } from '../../../shared/threads/anchor'
import { syncState } from './ySync'

export interface SelectionAnchor {
  readonly anchor: { readonly start: string; readonly end: string }
  readonly quote: string
}

/**
 * The editor's selection as Yjs relative positions (base64), so the thread's span follows the text:
 * the start sticks to the first selected character, the end to the last.
 */
export function selectionAnchor(editor: Editor): SelectionAnchor | null {
  const { from, to, empty } = editor.state.selection
  if (empty) return null
  const sync = syncState(editor.state)
  if (!sync?.binding) return null
  const rawStart = absolutePositionToRelativePosition(from, sync.type, sync.binding.mapping) as Y.RelativePosition
  const end = absolutePositionToRelativePosition(to, sync.type, sync.binding.mapping) as Y.RelativePosition
  const absolute = Y.createAbsolutePositionFromRelativePosition(rawStart, sync.doc)
  const start = absolute ? Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, 0) : rawStart
  return { anchor: { start: encodeRelative(start), end: encodeRelative(end) }, quote: editor.state.doc.textBetween(from, to, '\n') }
}
