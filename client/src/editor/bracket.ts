import { Mark, mergeAttributes } from '@tiptap/core'

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    bracket: {
      /** Brackets the selection, recording the State that asked (adds it when already bracketed). */
      bracketSelection: (state: string | null) => ReturnType
      /** Removes the brackets from the selection: the wording is agreed. */
      unbracketSelection: () => ReturnType
    }
  }
}

function parseStates(value: string | null): string[] {
  return (value ?? '').split(/[\s,]+/).filter((s) => /^[A-Z]{3}$/.test(s))
}

/**
 * Bracketed text: wording not yet agreed, shown in [square brackets] (drawn by CSS, so a bracket
 * cannot be half-deleted), with the States that asked for it. Stored in the Y.Doc as the text
 * attribute `bracket: {states: string[]}` (see README, draft document format).
 */
export const Bracket = Mark.create<{ state: string | null }>({
  name: 'bracket',
  inclusive: false,
  // Outermost of the marks: a bracketed run over bold and plain words stays one span, so one pair of brackets.
  priority: 110,
  // No `excludes: ''`: y-prosemirror would then store the mark under a hashed attribute name, not `bracket`.

  addAttributes() {
    return {
      states: {
        default: [],
        parseHTML: (element) => parseStates(element.getAttribute('data-states')),
        renderHTML: (attributes) => {
          const states = Array.isArray(attributes.states) ? (attributes.states as string[]) : []
          return states.length > 0
            ? { 'data-states': states.join(' '), title: `Bracketed at the request of ${states.join(', ')}` }
            : { title: 'Bracketed: not yet agreed' }
        },
      },
    }
  },

  parseHTML() {
    // The edges are the literal "[" and "]" the clipboard adds for other applications (clipboard.ts).
    return [{ tag: 'span[data-bracket-edge]', ignore: true }, { tag: 'span.bracket' }, { tag: 'span[data-bracket]' }]
  },

  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes({ class: 'bracket', 'data-bracket': '' }, HTMLAttributes), 0]
  },

  addCommands() {
    return {
      bracketSelection:
        (state) =>
        ({ editor, commands }) => {
          const current: unknown = editor.getAttributes(this.name).states
          const states = new Set<string>(Array.isArray(current) ? (current as string[]) : [])
          if (state) states.add(state)
          return commands.setMark(this.name, { states: [...states].sort() })
        },
      unbracketSelection:
        () =>
        ({ commands }) =>
          commands.unsetMark(this.name, { extendEmptyMarkRange: true }),
    }
  },

  addKeyboardShortcuts() {
    return { 'Mod-Shift-b': () => this.editor.commands.bracketSelection(this.options.state ?? null) }
  },

  addOptions() {
    return { state: null }
  },
})
