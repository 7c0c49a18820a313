import type { Editor } from '@tiptap/react'
import { useEffect, useState } from 'react'

interface Props {
  readonly editor: Editor
  readonly canPropose: boolean
  readonly onAction: (propose: boolean) => void
}

/** Where the menu sits, relative to the clause body, or null while nothing of this editor is selected. */
function menuPosition(editor: Editor): { top: number; left: number } | null {
  if (editor.isDestroyed || editor.state.selection.empty) return null
  const dom = window.getSelection()
  // Only the editor holding the page's selection shows its menu (another clause may keep a stale one).
  if (!dom || dom.rangeCount === 0 || dom.isCollapsed || !editor.view.dom.contains(dom.anchorNode)) return null
  const host = editor.view.dom.closest('.clause-body')?.getBoundingClientRect()
  if (!host) return null
  const start = editor.view.coordsAtPos(editor.state.selection.from)
  const left = Math.max(0, Math.min(start.left - host.left, host.width - 230))
  return { top: Math.max(0, start.top - host.top - 38), left }
}

/**
 * A small menu at the selected words: Comment, and Propose wording, in every phase the user may
 * comment in, whether or not they may edit the text. Ctrl+Alt+M and Ctrl+Alt+P do the same.
 */
export function SelectionMenu({ editor, canPropose, onAction }: Props) {
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null)
  useEffect(() => {
    let frame = 0
    // After the editor has read the new selection (its own selectionchange handler runs first or next).
    const update = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => setPosition(menuPosition(editor)))
    }
    editor.on('selectionUpdate', update)
    document.addEventListener('selectionchange', update)
    return () => {
      cancelAnimationFrame(frame)
      editor.off('selectionUpdate', update)
      document.removeEventListener('selectionchange', update)
    }
  }, [editor])
  if (!position) return null
  return (
    <div className="selection-menu" role="toolbar" aria-label="Selected words" style={{ top: position.top, left: position.left }}>
      {/* mousedown would move the selection away before the click lands. */}
      <button type="button" className="small" onMouseDown={(e) => e.preventDefault()} onClick={() => onAction(false)} title="Comment on the selected words (Ctrl+Alt+M)">
        Comment
      </button>
      {canPropose && (
        <button type="button" className="small" onMouseDown={(e) => e.preventDefault()} onClick={() => onAction(true)} title="Propose other wording for the selected words (Ctrl+Alt+P)">
          Propose wording
        </button>
      )}
    </div>
  )
}

/** The editor when the page's selection is a range inside it (what "Comment on Article N" then comments on). */
export function holdingSelection(editor: Editor | null): Editor | null {
  if (!editor || editor.isDestroyed || editor.state.selection.empty) return null
  const dom = window.getSelection()
  return dom && !dom.isCollapsed && editor.view.dom.contains(dom.anchorNode) ? editor : null
}

/** Ctrl+Alt+M (comment) or Ctrl+Alt+P (propose wording) — ⌘⌥ on a Mac — or null. */
export function selectionShortcut(event: KeyboardEvent): 'comment' | 'propose' | null {
  if (!(event.ctrlKey || event.metaKey) || !event.altKey || event.shiftKey) return null
  if (event.code === 'KeyM') return 'comment'
  if (event.code === 'KeyP') return 'propose'
  return null
}

/** A key that would change text: printable characters, Enter, Backspace, Delete (not navigation or shortcuts). */
export function isTypingKey(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false
  return event.key.length === 1 || event.key === 'Enter' || event.key === 'Backspace' || event.key === 'Delete'
}
