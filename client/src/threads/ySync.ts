import type { EditorState } from '@tiptap/pm/state'
import { type absolutePositionToRelativePosition, ySyncPluginKey } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'

type Mapping = Parameters<typeof absolutePositionToRelativePosition>[2]

/** What y-prosemirror's sync plugin knows of an editor: its Y.Doc, fragment and node mapping. */
export interface SyncState {
  readonly doc: Y.Doc
  readonly type: Y.XmlFragment
  readonly binding: { readonly mapping: Mapping } | null
}

export function syncState(state: EditorState): SyncState | undefined {
  return ySyncPluginKey.getState(state) as SyncState | undefined
}
