import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { type Editor, EditorContent, useEditor } from '@tiptap/react'
import { useEffect } from 'react'
import type * as Y from 'yjs'
import { DraftUndoKeys } from '../workspace/draftUndo'
import type { DraftSession } from '../workspace/session'
import { cleanPastedHtml } from './pasteFromWord'
import { type HighlightSpan, ThreadHighlights, setHighlights } from '../threads/highlights'
import { bodySchemaExtensions } from './schema'

const NO_HIGHLIGHTS: readonly HighlightSpan[] = []

interface Props {
  readonly fragment: Y.XmlFragment
  readonly session: DraftSession
  readonly label: string
  readonly editable: boolean
  readonly onFocus: (editor: Editor) => void
  readonly autoFocus?: boolean
  /** Spans that open threads comment on. */
  readonly highlights?: readonly HighlightSpan[]
}

/** The Tiptap editor of one clause body, bound to its Y.XmlFragment, with everyone's labelled carets. */
export function ClauseEditor({ fragment, session, label, editable, onFocus, autoFocus = false, highlights = NO_HIGHLIGHTS }: Props) {
  const editor = useEditor(
    {
      editable,
      autofocus: autoFocus ? 'end' : false,
      extensions: [
        ...bodySchemaExtensions({ bracketState: session.user.state }),
        Collaboration.configure({ fragment }),
        CollaborationCaret.configure({ provider: session.provider, user: session.user }),
        DraftUndoKeys.configure({ undoManager: session.undo }),
        ThreadHighlights,
      ],
      editorProps: {
        transformPastedHTML: cleanPastedHtml,
        attributes: { 'aria-label': `Text of ${label}`, 'aria-multiline': 'true', role: 'textbox', class: 'clause-text' },
      },
    },
    [fragment, session],
  )

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable)
  }, [editor, editable])

  // Keyed by content: the parent passes a new array on every render.
  const highlightKey = JSON.stringify(highlights)
  useEffect(() => {
    if (editor) setHighlights(editor, JSON.parse(highlightKey) as HighlightSpan[])
  }, [editor, highlightKey])

  useEffect(() => {
    if (!editor) return
    const handler = () => onFocus(editor)
    editor.on('focus', handler)
    return () => {
      editor.off('focus', handler)
    }
  }, [editor, onFocus])

  return <EditorContent editor={editor} className="clause-editor" />
}
