import { Node, mergeAttributes } from '@tiptap/core'
import { Fragment, type Node as PMNode } from '@tiptap/pm/model'
import { ReactNodeViewRenderer } from '@tiptap/react'
import { OptionsView } from './OptionsView'

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    options: {
      /** Turns the paragraph at the cursor into Option A, with an empty Option B beside it. */
      insertOptions: () => ReturnType
      /** Adds an empty option at the end of the options around the cursor. */
      addOption: () => ReturnType
      /** Keeps the option at `index` of the options node at `pos`, as ordinary text. */
      chooseOption: (pos: number, index: number) => ReturnType
    }
  }
}

/** One alternative wording inside `options`. Its label (Option A, B …) comes from its place. */
export const OptionNode = Node.create({
  name: 'option',
  content: '(paragraph | orderedList)+',
  defining: true,
  parseHTML() {
    // The label paragraph is the clipboard's "Option A" for other applications (clipboard.ts): the label comes from order.
    return [{ tag: 'p[data-option-label]', ignore: true, priority: 1100 }, { tag: 'div[data-option]' }, { tag: 'div.option' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes({ class: 'option', 'data-option': '' }, HTMLAttributes), 0]
  },
})

function findOptions(node: PMNode | null | undefined): boolean {
  return node?.type.name === 'options'
}

/** Alternative wordings of the same provision, kept side by side until one is chosen. */
export const OptionsNode = Node.create({
  name: 'options',
  group: 'block',
  content: 'option+',
  defining: true,
  isolating: true,

  parseHTML() {
    return [{ tag: 'div[data-options]' }, { tag: 'div.options' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes({ class: 'options', 'data-options': '' }, HTMLAttributes), 0]
  },

  addNodeView() {
    return ReactNodeViewRenderer(OptionsView)
  },

  addCommands() {
    return {
      insertOptions:
        () =>
        ({ state, dispatch }) => {
          const { $from } = state.selection
          const schema = state.schema
          for (let depth = $from.depth; depth > 0; depth--) if (findOptions($from.node(depth))) return false
          const paragraphType = schema.nodes.paragraph
          const optionType = schema.nodes.option
          const optionsType = schema.nodes.options
          if (!paragraphType || !optionType || !optionsType) return false
          const block = $from.node(1)
          const first = optionType.create(null, block.type === paragraphType ? block : paragraphType.create(null, block.textContent ? schema.text(block.textContent) : null))
          const second = optionType.create(null, paragraphType.create())
          if (dispatch) {
            const start = $from.before(1)
            dispatch(state.tr.replaceWith(start, start + block.nodeSize, optionsType.create(null, [first, second])).scrollIntoView())
          }
          return true
        },
      addOption:
        () =>
        ({ state, dispatch }) => {
          const { $from } = state.selection
          for (let depth = $from.depth; depth > 0; depth--) {
            const node = $from.node(depth)
            if (!findOptions(node)) continue
            const optionType = state.schema.nodes.option
            const paragraphType = state.schema.nodes.paragraph
            if (!optionType || !paragraphType) return false
            if (dispatch) dispatch(state.tr.insert($from.after(depth) - 1, optionType.create(null, paragraphType.create())))
            return true
          }
          return false
        },
      chooseOption:
        (pos, index) =>
        ({ state, dispatch }) => {
          const node = state.doc.nodeAt(pos)
          if (!findOptions(node) || !node) return false
          const chosen = node.maybeChild(index)
          if (!chosen) return false
          if (dispatch) dispatch(state.tr.replaceWith(pos, pos + node.nodeSize, Fragment.from(chosen.content)))
          return true
        },
    }
  },
})
