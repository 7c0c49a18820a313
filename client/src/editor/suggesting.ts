import { type Editor, Extension } from '@tiptap/core'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { newId } from '../../../shared/ids'
import type { SuggestingSettings } from './suggestingContext'
import { rewriteTransaction } from './suggestingRewrite'
import { installTextSync } from './yTextSync'

/** How each editor's user writes now, set by its component (the editor is made once, the mode changes). */
const writing = new WeakMap<Editor, SuggestingSettings>()

export function setWriting(editor: Editor, settings: SuggestingSettings | null): void {
  if (settings) writing.set(editor, settings)
  else writing.delete(editor)
}

/**
 * Suggesting mode and the protection of others' suggestions, on every transaction the user makes
 * (suggestingRewrite.ts); and the binding's writes into Yjs character by character (yTextSync.ts).
 * Without settings (no SuggestingContext) transactions pass as they are.
 */
export const Suggesting = Extension.create({
  name: 'suggesting',

  onCreate() {
    installTextSync(ySyncPluginKey.getState(this.editor.state))
  },

  dispatchTransaction({ transaction, next }) {
    const settings = writing.get(this.editor)
    const context = settings && { mode: settings.mode, author: settings.author, canDecide: settings.canDecide, newId: () => newId(), now: () => new Date().toISOString() }
    const result = context ? rewriteTransaction(this.editor.state, transaction, context) : null
    if (!result || result.kind === 'pass') {
      next(transaction)
      return
    }
    // Refused: an empty transaction still redraws what the browser had already changed in the page.
    next(result.kind === 'replace' ? result.tr : this.editor.state.tr)
    if (result.notice) settings?.notify(result.notice)
  },
})
