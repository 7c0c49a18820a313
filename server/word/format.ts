/**
 * Bold and italic from the Word file, applied to the built draft: each phrase is found in its
 * clause's text in order (a cursor moves on, so a repeated phrase marks the next occurrence) and
 * gets Tiptap's `bold` / `italic` mark. Brackets are marks in the draft, so "[" "]" are not in its text.
 */
import * as Y from 'yjs'
import { ClauseKey } from '../../shared/draft/format'
import { clausesMap } from '../../shared/draft/ydoc'
import { compareClauses } from '../../shared/draft/numbering'
import type { InlineMark } from './split'

function xmlTexts(node: Y.XmlFragment | Y.XmlElement, out: Y.XmlText[] = []): Y.XmlText[] {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) out.push(child)
    else if (child instanceof Y.XmlElement) xmlTexts(child, out)
  }
  return out
}

const plain = (text: Y.XmlText) => (text.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('')

export function applyInlineMarks(doc: Y.Doc, marks: readonly (readonly InlineMark[])[]): void {
  const ordered = [...clausesMap(doc).entries()]
    .map(([id, clause]) => ({ id, position: String(clause.get(ClauseKey.position)), body: clause.get(ClauseKey.body) }))
    .sort(compareClauses)
  doc.transact(() => {
    ordered.forEach((clause, i) => {
      const wanted = marks[i] ?? []
      if (!(clause.body instanceof Y.XmlFragment) || wanted.length === 0) return
      const texts = xmlTexts(clause.body)
      const strings = texts.map(plain)
      let node = 0
      let offset = 0
      for (const mark of wanted) {
        const phrase = mark.phrase.replace(/[[\]]/g, '')
        for (let n = node; n < texts.length; n++) {
          const at = (strings[n] ?? '').indexOf(phrase, n === node ? offset : 0)
          if (at < 0) continue
          texts[n]?.format(at, phrase.length, { ...(mark.bold ? { bold: true } : {}), ...(mark.italic ? { italic: true } : {}) })
          node = n
          offset = at + phrase.length
          break
        }
      }
    })
  })
}
