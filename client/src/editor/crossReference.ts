import { Node, mergeAttributes } from '@tiptap/core'
import type { Node as PmNode } from '@tiptap/pm/model'
import type * as Y from 'yjs'
import { REFERENCE_NODE, ReferenceAttr, cleanPara, referenceLabel } from '../../../shared/draft/references'
import { clausesMap, readClauseEntries, referenceResolver } from '../../../shared/draft/ydoc'
import './crossReference.css'

export interface CrossReferenceOptions {
  /** The draft's Y.Doc, whose numbering the reference reads (null: rendered as dangling). */
  readonly doc: Y.Doc | null
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    crossReference: {
      /** Inserts a reference to a clause (and a paragraph path such as "(2)(b)") at the selection. */
      insertReference: (clauseId: string, para?: string | null) => ReturnType
      /** Turns every plain "article 5" / "Article 5(2)(b)" of the body into a reference to the clause numbered so now. */
      linkMentions: () => ReturnType
    }
  }
}

/** The words of a reference to `clauseId` in `doc` now, and whether its target is gone. */
// "Article 5", "article 5(2)(b)": a mention written as plain text (whole words only).
const MENTION = /\b[Aa]rticle (\d{1,4})((?:\([0-9a-z]{1,3}\)){0,4})/g

export interface Mention {
  readonly from: number
  readonly to: number
  readonly clauseId: string
  readonly para: string | null
}

/** Plain-text mentions of articles that exist now, in the editor's document positions. */
export function findMentions(pmDoc: PmNode, doc: Y.Doc | null): Mention[] {
  if (!doc) return []
  // Read the numbering only once a mention is met: the toolbar asks on every keystroke.
  let numbers: Map<number | null, string> | null = null
  const byNumber = () => (numbers ??= new Map(readClauseEntries(doc).filter((c) => c.number !== null).map((c) => [c.number, c.id])))
  const out: Mention[] = []
  pmDoc.descendants((node, pos) => {
    if (!node.isText || !node.text) return true
    for (const match of node.text.matchAll(MENTION)) {
      const clauseId = byNumber().get(Number(match[1]))
      if (clauseId) out.push({ from: pos + match.index, to: pos + match.index + match[0].length, clauseId, para: cleanPara(match[2] || null) })
    }
    return false
  })
  return out
}

export function referenceWords(doc: Y.Doc | null, clauseId: string, para: string | null): { label: string; dangling: boolean } {
  const target = doc ? referenceResolver(readClauseEntries(doc))(clauseId) : null
  return { label: referenceLabel(target, para), dangling: target === null }
}

/**
 * A cross-reference (README "Draft document format"): an inline atom storing the target clause id,
 * never its number; the node view words it from the draft's current order and rewords it on every move.
 */
export const CrossReference = Node.create<CrossReferenceOptions>({
  name: REFERENCE_NODE,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addOptions() {
    return { doc: null }
  },
  addAttributes() {
    return {
      [ReferenceAttr.clause]: { default: '', parseHTML: (el) => el.getAttribute('data-clause') ?? '' },
      [ReferenceAttr.para]: { default: null, parseHTML: (el) => cleanPara(el.getAttribute('data-para')) },
    }
  },
  parseHTML() {
    return [{ tag: 'a.xref[data-clause]' }, { tag: 'span.xref[data-clause]' }]
  },
  renderHTML({ node, HTMLAttributes }) {
    const clause = String(node.attrs[ReferenceAttr.clause] ?? '')
    const para = cleanPara(node.attrs[ReferenceAttr.para])
    const { label } = referenceWords(this.options.doc, clause, para)
    return ['a', mergeAttributes({ class: 'xref', 'data-clause': clause, ...(para ? { 'data-para': para } : {}) }, HTMLAttributes), label]
  },
  renderText({ node }) {
    return referenceWords(this.options.doc, String(node.attrs[ReferenceAttr.clause] ?? ''), cleanPara(node.attrs[ReferenceAttr.para])).label
  },
  addNodeView() {
    const doc = this.options.doc
    return ({ node }) => {
      const dom = document.createElement('span')
      const clause = String(node.attrs[ReferenceAttr.clause] ?? '')
      const para = cleanPara(node.attrs[ReferenceAttr.para])
      dom.dataset.clause = clause
      const render = () => {
        const { label, dangling } = referenceWords(doc, clause, para)
        dom.textContent = label
        dom.className = dangling ? 'xref dangling' : 'xref'
        dom.title = dangling ? 'The clause this referred to was deleted' : `Cross-reference to ${label}`
      }
      render()
      // Renumbering is a change of positions (or a clause added or deleted): reword then.
      const observe = () => render()
      const clauses = doc ? clausesMap(doc) : null
      clauses?.observeDeep(observe)
      return { dom, destroy: () => clauses?.unobserveDeep(observe) }
    }
  },
  addCommands() {
    return {
      insertReference:
        (clauseId, para = null) =>
        ({ commands }) =>
          commands.insertContent({ type: REFERENCE_NODE, attrs: { [ReferenceAttr.clause]: clauseId, [ReferenceAttr.para]: cleanPara(para) } }),
      linkMentions:
        () =>
        ({ state, tr, dispatch }) => {
          const mentions = findMentions(state.doc, this.options.doc)
          if (mentions.length === 0) return false
          const type = state.schema.nodes[REFERENCE_NODE]
          if (!type) return false
          // From the last to the first, so earlier positions stay valid.
          for (const m of [...mentions].reverse()) tr.replaceWith(m.from, m.to, type.create({ [ReferenceAttr.clause]: m.clauseId, [ReferenceAttr.para]: m.para }))
          dispatch?.(tr)
          return true
        },
    }
  },
})
