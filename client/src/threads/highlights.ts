import { type Editor, Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { relativePositionToAbsolutePosition } from '@tiptap/y-tiptap'
import { decodeRelative } from '../../../shared/threads/anchor'
import { syncState } from './ySync'

export interface HighlightSpan {
  readonly threadId: string
  readonly start: string
  readonly end: string
  readonly active: boolean
}

const key = new PluginKey<HighlightSpan[]>('threadHighlights')

/** Marks the spans that open threads comment on; they follow the text as it is edited. */
export const ThreadHighlights = Extension.create({
  name: 'threadHighlights',
  addProseMirrorPlugins() {
    return [
      new Plugin<HighlightSpan[]>({
        key,
        state: {
          init: () => [],
          apply: (tr, spans) => (tr.getMeta(key) as HighlightSpan[] | undefined) ?? spans,
        },
        props: {
          decorations(state) {
            const spans = key.getState(state) ?? []
            const sync = syncState(state)
            if (spans.length === 0 || !sync?.binding) return null
            const decorations: Decoration[] = []
            for (const span of spans) {
              try {
                const from = relativePositionToAbsolutePosition(sync.doc, sync.type, decodeRelative(span.start), sync.binding.mapping)
                const to = relativePositionToAbsolutePosition(sync.doc, sync.type, decodeRelative(span.end), sync.binding.mapping)
                if (from === null || to === null || from >= to) continue
                decorations.push(Decoration.inline(from, to, { class: span.active ? 'comment-span active' : 'comment-span', 'data-thread': span.threadId }))
              } catch {
                // A span this editor cannot place (not yet synced): skip it.
              }
            }
            return DecorationSet.create(state.doc, decorations)
          },
        },
      }),
    ]
  },
})

/** Replaces the highlighted spans of an editor. */
export function setHighlights(editor: Editor, spans: readonly HighlightSpan[]): void {
  if (editor.isDestroyed) return
  editor.view.dispatch(editor.state.tr.setMeta(key, spans))
}
