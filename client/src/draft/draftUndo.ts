import { Extension } from '@tiptap/core'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { LOCAL_ORIGIN } from '../../../shared/draft/clauseOps'
import { clausesMap } from '../../../shared/draft/ydoc'

/**
 * One undo history for the whole draft, holding only this user's own changes: typing in any
 * clause (y-prosemirror's origin), headings, adding, moving, deleting clauses and statuses.
 * Remote changes arrive with the provider as origin and are never undone here.
 */
export function createDraftUndo(doc: Y.Doc): Y.UndoManager {
  return new Y.UndoManager(clausesMap(doc), {
    trackedOrigins: new Set<unknown>([ySyncPluginKey, LOCAL_ORIGIN]),
    captureTimeout: 500,
  })
}

/** Routes the editor's undo/redo keys to the draft's history instead of a per-editor one. */
export const DraftUndoKeys = Extension.create<{ undoManager: Y.UndoManager | null }>({
  name: 'draftUndoKeys',
  priority: 1100, // before Collaboration's own Mod-z
  addOptions() {
    return { undoManager: null }
  },
  addKeyboardShortcuts() {
    const undo = () => {
      this.options.undoManager?.undo()
      return true
    }
    const redo = () => {
      this.options.undoManager?.redo()
      return true
    }
    return { 'Mod-z': undo, 'Mod-y': redo, 'Shift-Mod-z': redo }
  },
})
