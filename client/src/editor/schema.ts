import type { Extensions } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import type * as Y from 'yjs'
import { Bracket } from './bracket'
import { CrossReference } from './crossReference'
import { ClauseClipboard } from './clipboard'
import { OptionNode, OptionsNode } from './options'
import { Deletion, Insertion } from './suggestionMarks'

/**
 * The clause-body schema: the draft document format's body (README). Paragraphs, lettered
 * sub-paragraphs (orderedList), bold, italic, brackets, options and States' suggested insertions and
 * deletions; nothing a treaty text does not use.
 */
export function bodySchemaExtensions(options: { bracketState?: string | null; doc?: Y.Doc | null } = {}): Extensions {
  return [
    StarterKit.configure({
      undoRedo: false, // Yjs undo instead (Collaboration), scoped to the user's own changes
      heading: false,
      codeBlock: false,
      code: false,
      blockquote: false,
      horizontalRule: false,
      link: false,
      strike: false,
      underline: false,
      bulletList: false,
      trailingNode: false, // it would write an empty paragraph into the shared document whenever a body ends with a list
    }),
    Bracket.configure({ state: options.bracketState ?? null }),
    OptionsNode,
    CrossReference.configure({ doc: options.doc ?? null }),
    OptionNode,
    Insertion,
    Deletion,
    ClauseClipboard,
  ]
}
