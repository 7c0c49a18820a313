import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { type Editor, EditorContent, useEditor } from '@tiptap/react'
import { useEffect, useLayoutEffect, useRef } from 'react'
import type * as Y from 'yjs'
import { DraftUndoKeys } from '../draft/draftUndo'
import { useSession } from '../draft/context'
import { cleanPastedHtml } from './pasteFromWord'
import { type HighlightSpan, ThreadHighlights, setHighlights } from '../threads/highlights'
import { SelectionMenu, isTypingKey, selectionShortcut } from '../threads/SelectionMenu'
import { bodySchemaExtensions } from './schema'
import { Suggesting, setWriting } from './suggesting'
import { useSuggesting } from './suggestingContext'
import { SuggestionPopover } from './SuggestionPopover'

const NO_HIGHLIGHTS: readonly HighlightSpan[] = []

interface Props {
  readonly fragment: Y.XmlFragment
  readonly label: string
  readonly editable: boolean
  readonly onFocus: (editor: Editor) => void
  readonly autoFocus?: boolean
  /** Spans that open threads comment on. */
  readonly highlights?: readonly HighlightSpan[]
  /** Comment on (or propose wording for) the selected words; absent when the user may not comment. */
  readonly onSelectionAction?: ((editor: Editor, propose: boolean) => void) | undefined
  readonly canPropose?: boolean
  /** A key that would change read-only text was pressed (the caller says why it is read-only). */
  readonly onReadOnlyKey?: (() => void) | undefined
  /** The editor once made (and null when it goes), so the clause can read its selection. */
  readonly onEditor?: ((editor: Editor | null) => void) | undefined
}

/** The Tiptap editor of one clause body, bound to its Y.XmlFragment, with everyone's labelled carets. */
export function ClauseEditor({ fragment, label, editable, onFocus, autoFocus = false, highlights = NO_HIGHLIGHTS, ...actions }: Props) {
  const session = useSession()
  // The editor is made once per fragment: its key handler reads the latest callbacks from here.
  const latest = useRef(actions)
  const suggesting = useSuggesting()
  useLayoutEffect(() => {
    latest.current = actions
  })
  // Suggest-only users (a delegation in suggest mode, or in a comment round) write too: as suggestions.
  const writable = editable || (suggesting?.canSuggest === true && suggesting.mode === 'suggest')
  const editor = useEditor(
    {
      editable: writable,
      autofocus: autoFocus ? 'end' : false,
      extensions: [
        ...bodySchemaExtensions({ bracketState: session.user.state, doc: fragment.doc }),
        Collaboration.configure({ fragment }),
        CollaborationCaret.configure({ provider: session.provider, user: session.user }),
        DraftUndoKeys.configure({ undoManager: session.undo }),
        ThreadHighlights,
        Suggesting,
      ],
      editorProps: {
        transformPastedHTML: cleanPastedHtml,
        // Focusable when read-only too, so the selection shortcuts and the read-only notice reach it.
        attributes: { 'aria-label': `Text of ${label}`, 'aria-multiline': 'true', role: 'textbox', class: 'clause-text', tabindex: '0' },
        handleDOMEvents: {
          // handleDOMEvents run whether or not the view is editable (handleKeyDown does not).
          keydown: (view, event) => {
            const shortcut = selectionShortcut(event)
            const { onSelectionAction, onReadOnlyKey } = latest.current
            if (shortcut && onSelectionAction && !view.state.selection.empty) {
              event.preventDefault()
              const current = editorRef.current
              if (current) onSelectionAction(current, shortcut === 'propose')
              return true
            }
            if (!view.editable && isTypingKey(event)) {
              // In frozen text a space would page down and a letter do nothing: say why instead.
              event.preventDefault()
              onReadOnlyKey?.()
              return true
            }
            return false
          },
        },
      },
    },
    [fragment, session],
  )

  const editorRef = useRef<Editor | null>(null)
  useLayoutEffect(() => {
    editorRef.current = editor
  })
  useEffect(() => {
    latest.current.onEditor?.(editor)
    return () => latest.current.onEditor?.(null)
  }, [editor])

  useEffect(() => {
    if (editor.isEditable !== writable) editor.setEditable(writable)
  }, [editor, writable])
  // Before any transaction the user can make: how they write now.
  useLayoutEffect(() => setWriting(editor, suggesting), [editor, suggesting])

  // Keyed by content: the parent passes a new array on every render.
  const highlightKey = JSON.stringify(highlights)
  useEffect(() => {
    setHighlights(editor, JSON.parse(highlightKey) as HighlightSpan[])
  }, [editor, highlightKey])

  useEffect(() => {
    const handler = () => onFocus(editor)
    editor.on('focus', handler)
    return () => {
      editor.off('focus', handler)
    }
  }, [editor, onFocus])

  const { onSelectionAction } = actions
  return (
    <>
      <EditorContent editor={editor} className={`clause-editor${suggesting?.mode === 'suggest' && writable ? ' suggesting' : ''}`} />
      {suggesting && <SuggestionPopover editor={editor} settings={suggesting} />}
      {onSelectionAction && <SelectionMenu editor={editor} canPropose={actions.canPropose ?? false} onAction={(propose) => onSelectionAction(editor, propose)} />}
    </>
  )
}
