import { Mark, mergeAttributes } from '@tiptap/core'
import { Fragment, type Mark as PMMark, type Node as PMNode, Slice } from '@tiptap/pm/model'
import { DELETION, INSERTION, type SuggestionAttrs, parseSuggestionAttrs } from '../../../shared/draft/suggestions'

/**
 * Colours for States' suggestions: distinct for the common colour-blindnesses (after Okabe and Ito,
 * darkened to 3:1 or more on white), never the only cue: insertions are underlined, deletions struck.
 */
const STATE_COLOURS = ['#0072b2', '#c45200', '#00805f', '#a8457f', '#7b3294', '#8c510a', '#1b4f8a', '#b2182b', '#4d7a00', '#5e5e5e']

/** The stable colour of a State's suggestions (from its code; people without a State share one). */
export function suggestionColour(state: string | null): string {
  if (!state) return '#5e5e5e'
  let hash = 7
  for (const char of state) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return STATE_COLOURS[hash % STATE_COLOURS.length] ?? '#0072b2'
}

/** The suggestion a mark carries, when it is a well-formed insertion or deletion mark. */
export function suggestionOfMark(mark: PMMark): (SuggestionAttrs & { readonly kind: 'insertion' | 'deletion' }) | null {
  if (mark.type.name !== INSERTION && mark.type.name !== DELETION) return null
  const attrs = parseSuggestionAttrs(mark.attrs)
  return attrs ? { ...attrs, kind: mark.type.name } : null
}

const ATTRS = ['id', 'user', 'name', 'state', 'at'] as const

function suggestionMark(name: typeof INSERTION | typeof DELETION, tag: 'ins' | 'del') {
  return Mark.create({
    name,
    // Typing at either edge of a suggestion does not extend it: the suggesting extension decides whose text it is.
    inclusive: false,
    // A character is inserted or struck, never both. Each excludes itself too, so y-prosemirror stores it as `insertion`/`deletion`.
    excludes: `${INSERTION} ${DELETION}`,
    // Inside brackets and bold: one suggestion stays one element across differently formatted words.
    priority: 120,
    addAttributes() {
      // Not read from HTML: pasted text never brings a suggestion with it (clipboard.ts strips them).
      return Object.fromEntries(ATTRS.map((key) => [key, { default: key === 'state' ? null : '', parseHTML: () => null, renderHTML: () => ({}) }]))
    },
    parseHTML() {
      return []
    },
    renderHTML({ mark, HTMLAttributes }) {
      const attrs = parseSuggestionAttrs(mark.attrs)
      const state = attrs?.state ?? null
      return [
        tag,
        mergeAttributes(HTMLAttributes, {
          class: `suggestion suggestion-${name}`,
          'data-suggestion': attrs?.id ?? '',
          'data-state': state ?? '',
          'data-suggestion-user': attrs?.user ?? '',
          'data-suggestion-name': attrs?.name ?? '',
          'data-suggestion-at': attrs?.at ?? '',
          style: `--suggestion-colour: ${suggestionColour(state)}`,
          // Keyboard users reach a suggestion's details with the popover's shortcut (SuggestionPopover).
          title: `${name === INSERTION ? 'Suggested insertion' : 'Suggested deletion'}: ${[state, attrs?.name].filter(Boolean).join(' ')}`,
        }),
        0,
      ]
    },
  })
}

/** Text a State suggests adding: the attribute `insertion: {id, user, name, state, at}` (shared/draft/suggestions.ts). */
export const Insertion = suggestionMark(INSERTION, 'ins')
/** Text a State suggests striking: the attribute `deletion: {id, user, name, state, at}`. */
export const Deletion = suggestionMark(DELETION, 'del')

function stripFragment(fragment: Fragment): Fragment {
  const nodes: PMNode[] = []
  fragment.forEach((node) => {
    const inner = node.isText ? node : node.copy(stripFragment(node.content))
    nodes.push(inner.mark(inner.marks.filter((m) => m.type.name !== INSERTION && m.type.name !== DELETION)))
  })
  return Fragment.from(nodes)
}

/** Pasted or dropped content without suggestion marks: whose text it becomes is the suggesting extension's call. */
export function withoutSuggestionMarks(slice: Slice): Slice {
  return new Slice(stripFragment(slice.content), slice.openStart, slice.openEnd)
}
