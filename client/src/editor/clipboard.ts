import { Extension } from '@tiptap/core'
import { DOMSerializer, type Fragment, type Schema } from '@tiptap/pm/model'
import { type EditorState, Plugin, PluginKey } from '@tiptap/pm/state'
import { optionLabel } from '../../../shared/draft/blocks'
import { keepOptionsWhole, plainTextSlice, sliceText, startIndexes } from './clipboardText'
import { withoutSuggestionMarks } from './suggestionMarks'

/** Marks the HTML as copied from a clause body, so the paste cleaner keeps ProseMirror's slice data. */
export const CLIPBOARD_MARKER = 'data-provisio-clipboard'

function edge(doc: Document, text: string): Element {
  const span = doc.createElement('span')
  span.setAttribute('data-bracket-edge', '')
  span.textContent = text
  return span
}

function isElement(node: Node | undefined): node is Element {
  return node?.nodeType === 1 // the serializer's document is detached: it has no window for instanceof
}

/** Writes the literal "[" "]" inside each bracket span: other applications have no CSS to draw them. */
function addBracketEdges(root: ParentNode, doc: Document): void {
  for (const span of root.querySelectorAll('span[data-bracket]')) {
    span.prepend(edge(doc, '['))
    span.append(edge(doc, ']'))
  }
}

/** Writes "Option A", "Option B" … at the top of each option, counted as in the document. */
function addOptionLabels(elements: ArrayLike<ChildNode>, fragment: Fragment, indexes: readonly number[], doc: Document): void {
  fragment.forEach((node, _offset, i) => {
    const element = elements[i]
    if (!isElement(element) || node.isTextblock) return
    addOptionLabels(element.childNodes, node.content, i === 0 ? indexes.slice(1) : [], doc)
    if (node.type.name !== 'option') return
    const label = doc.createElement('p')
    label.setAttribute('data-option-label', '')
    label.textContent = `Option ${optionLabel((indexes[0] ?? 0) + i)}`
    element.prepend(label)
  })
}

/**
 * The clipboard's HTML: ProseMirror's own (bracket spans with their States, options as divs, all
 * parseable back) plus visible brackets and option labels, in elements the paste cleaner removes.
 */
function clipboardSerializer(schema: Schema, state: () => EditorState): DOMSerializer {
  const base = DOMSerializer.fromSchema(schema)
  const serializer = new DOMSerializer(base.nodes, base.marks)
  serializer.serializeFragment = (fragment, options = {}, target) => {
    const result = base.serializeFragment(fragment, options, target)
    const doc = options.document ?? window.document
    const topLevel = [...result.childNodes]
    addOptionLabels(topLevel, fragment, startIndexes(state().selection, fragment), doc)
    addBracketEdges(result, doc)
    for (const node of topLevel) if (isElement(node)) node.setAttribute(CLIPBOARD_MARKER, '')
    return result
  }
  return serializer
}

/** Copy, cut and drag keep brackets and options: in the text as "[…]" / "Option A: …", in the HTML as marks. */
export const ClauseClipboard = Extension.create({
  name: 'clauseClipboard',

  addProseMirrorPlugins() {
    const editor = this.editor
    return [
      new Plugin({
        key: new PluginKey('clauseClipboard'),
        props: {
          clipboardTextSerializer: (slice, view) => sliceText(slice, view.state.selection),
          clipboardSerializer: clipboardSerializer(editor.schema, () => editor.state),
          // Ctrl+Shift+V ("paste as plain text") keeps the brackets as typed characters.
          // Nor a suggestion's marks: pasted text is the paster's own (an insertion of theirs while suggesting).
          transformPasted: (slice) => withoutSuggestionMarks(keepOptionsWhole(slice)),
          clipboardTextParser: (text, $context, plain, view) => plainTextSlice(text, view.state.schema, $context.marks(), !plain),
        },
      }),
    ]
  },
})
