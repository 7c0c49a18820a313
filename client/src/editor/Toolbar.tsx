import { type Editor, useEditorState } from '@tiptap/react'
import { useState } from 'react'
import type * as Y from 'yjs'
import { REFERENCE_NODE } from '../../../shared/draft/references'
import { readClauseEntries } from '../../../shared/draft/ydoc'
import { findMentions } from './crossReference'
import { useSuggesting } from './suggestingContext'

interface Props {
  readonly editor: Editor | null
  readonly undo: Y.UndoManager
  readonly state: string | null
  /** Starts a comment on the selection (or the clause), when the user may comment. */
  readonly onComment: (() => void) | null
}

/** Formatting for the clause being edited: bold, italic, sub-paragraphs, brackets, options, undo. */
export function Toolbar({ editor, undo, state, onComment }: Props) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      list: e?.isActive('orderedList') ?? false,
      bracket: e?.isActive('bracket') ?? false,
      options: e?.isActive('options') ?? false,
      mentions: e ? findMentions(e.state.doc, docOf(e)).length : 0,
      typedArticle: e ? typedArticleLength(e) : 0,
    }),
  })
  const run = (command: (e: Editor) => void) => () => {
    if (editor) command(editor)
  }
  // While suggesting, formatting is not a suggestion (the suggesting extension would refuse it): say so here.
  const suggesting = useSuggesting()?.mode === 'suggest'
  const disabled = !editor || suggesting
  const [targets, setTargets] = useState<readonly { id: string; label: string }[]>([])
  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting" title={suggesting ? 'Formatting, brackets and options are not suggested: switch to Editing, or propose wording in a thread.' : undefined}>
      <button type="button" aria-pressed={active?.bold ?? false} disabled={disabled} onClick={run((e) => e.chain().focus().toggleBold().run())} title="Bold (Ctrl+B)">
        <strong>B</strong>
      </button>
      <button type="button" aria-pressed={active?.italic ?? false} disabled={disabled} onClick={run((e) => e.chain().focus().toggleItalic().run())} title="Italic (Ctrl+I)">
        <em>I</em>
      </button>
      <button type="button" aria-pressed={active?.list ?? false} disabled={disabled} onClick={run((e) => e.chain().focus().toggleOrderedList().run())}>
        (a) Sub-paragraphs
      </button>
      <span className="toolbar-sep" />
      <button
        type="button"
        aria-pressed={active?.bracket ?? false}
        disabled={disabled}
        onClick={run((e) => (e.isActive('bracket') && e.state.selection.empty ? e.chain().focus().unbracketSelection().run() : e.chain().focus().bracketSelection(state).run()))}
        title={state ? `Bracket the selection for ${state} (Ctrl+Shift+B)` : 'Bracket the selection (Ctrl+Shift+B)'}
      >
        [ ] Bracket
      </button>
      <button type="button" disabled={disabled || !(active?.bracket ?? false)} onClick={run((e) => e.chain().focus().unbracketSelection().run())}>
        Remove brackets
      </button>
      <button type="button" disabled={disabled} onClick={run((e) => (e.isActive('options') ? e.chain().focus().addOption().run() : e.chain().focus().insertOptions().run()))}>
        {active?.options ? 'Add option' : 'Options A / B'}
      </button>
      <select
        aria-label="Reference: insert a cross-reference"
        disabled={disabled}
        value=""
        title={suggesting ? 'A cross-reference is not a suggestion: switch to Editing, or propose wording in a thread.' : 'Insert a reference that follows renumbering'}
        onFocus={() => setTargets(editor ? referenceTargets(editor) : [])}
        onChange={(event) => {
          const clauseId = event.target.value
          if (!editor || !clauseId) return
          // "Article " just typed before the caret: the picked reference takes its place.
          const typed = typedArticleLength(editor)
          const { from } = editor.state.selection
          const chain = editor.chain().focus()
          if (typed > 0) chain.deleteRange({ from: from - typed, to: from })
          chain.insertReference(clauseId).run()
        }}
      >
        <option value="">{(active?.typedArticle ?? 0) > 0 ? 'Reference: pick the article…' : 'Reference…'}</option>
        {targets.map((t) => (
          <option key={t.id} value={t.id}>
            {t.label}
          </option>
        ))}
      </select>
      {(active?.mentions ?? 0) > 0 && (
        <button type="button" disabled={disabled} onClick={run((e) => e.chain().focus().linkMentions().run())} title="Plain “Article N” in this clause will not follow renumbering">
          Turn {active?.mentions} “Article N” into {active?.mentions === 1 ? 'a reference' : 'references'}
        </button>
      )}
      <span className="toolbar-sep" />
      {onComment && (
        <button type="button" onClick={onComment} title="Comment on the selected text">
          Comment
        </button>
      )}
      <span className="toolbar-sep" />
      <button type="button" onClick={() => undo.undo()} title="Undo your last change (Ctrl+Z)">
        Undo
      </button>
      <button type="button" onClick={() => undo.redo()} title="Redo (Ctrl+Shift+Z)">
        Redo
      </button>
    </div>
  )
}

/** The clauses a reference may point at, read from the draft the editor is bound to, when the list opens. */
function docOf(editor: Editor): Y.Doc | null {
  const options: unknown = editor.extensionManager.extensions.find((e) => e.name === REFERENCE_NODE)?.options
  return typeof options === 'object' && options !== null && 'doc' in options ? (options as { doc: Y.Doc | null }).doc : null
}

function referenceTargets(editor: Editor): { id: string; label: string }[] {
  const doc = docOf(editor)
  if (!doc) return []
  return readClauseEntries(doc).map((c) => ({ id: c.id, label: c.kind === 'preamble' ? 'the preamble' : `${c.label}${c.heading ? ` — ${c.heading}` : ''}` }))
}

/** The length of an "Article " typed just before an empty selection (0 when none): the cue to pick a reference. */
function typedArticleLength(editor: Editor): number {
  const { selection } = editor.state
  if (!selection.empty) return 0
  const before = selection.$from.parent.textBetween(0, selection.$from.parentOffset, undefined, '\ufffc')
  const match = /\b[Aa]rticle $/.exec(before)
  return match ? match[0].length : 0
}
