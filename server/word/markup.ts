/**
 * Reads a marked-up copy of a DOCX export: the draft and revision it was exported from (custom
 * properties), and per clause (the bookmark on its heading, else its "Article N — Heading" text)
 * the lines as exported, the lines with the reader's tracked changes accepted, the changes and
 * the Word comments with the text they cover. Changes the export itself carried (dated up to the
 * export) count as part of the exported text; only later ones, or undated ones, are the reader's.
 */
import { clauseIdOfBookmark, EXPORT_PROPERTY } from './exportMarkers'
import { type Piece, type WordComment, type WordParagraph, readWordDocument } from './document'
import type { WordPackage } from './package'
import { descendants, elements, textContent } from './xml'

export interface MarkupChange {
  readonly kind: 'ins' | 'del'
  readonly text: string
  readonly author: string
  readonly line: number
}

export interface MarkupComment {
  readonly id: string
  readonly author: string
  readonly text: string
  /** The text the comment covers (empty when it marks a point), and the line it starts on. */
  readonly quote: string
  readonly line: number
}

export interface MarkupClause {
  readonly clauseId: string | null
  /** "Article 2 — Scope" as exported. */
  readonly title: string
  readonly exported: readonly string[]
  readonly proposed: readonly string[]
  readonly changes: readonly MarkupChange[]
  readonly comments: readonly MarkupComment[]
}

export interface Markup {
  readonly draftId: string | null
  readonly revision: number | null
  readonly clauses: readonly MarkupClause[]
}

function customProperties(pkg: WordPackage): Map<string, string> {
  const out = new Map<string, string>()
  const root = pkg.parts.get('docProps/custom.xml')
  for (const property of root ? descendants(root, 'property') : []) {
    const name = property.attrs.name
    const value = elements(property)[0]
    if (name && value) out.set(name, textContent(value).trim())
  }
  return out
}

const TITLE = /^(Preamble|Article \d+)(?: — (.*))?$/
const NO_TEXT = '(no text)'

export function readMarkup(pkg: WordPackage): Markup {
  const props = customProperties(pkg)
  // Word dates changes to the second: a change in the export's own second is the reader's.
  const exportedAt = Math.floor(Date.parse(props.get(EXPORT_PROPERTY.exportedAt) ?? '') / 1000) * 1000
  const revision = Number(props.get(EXPORT_PROPERTY.revision))
  const doc = readWordDocument(pkg)
  // The reader's own change: made after the export (or undated); the export's own changes read as accepted.
  const theirs = (piece: Piece) => piece.change !== null && (piece.change.date === null || !Number.isFinite(exportedAt) || Date.parse(piece.change.date) >= exportedAt)
  const exportedText = (p: WordParagraph) => p.pieces.filter((x) => (theirs(x) ? x.change?.kind === 'del' : x.change?.kind !== 'del')).map((x) => x.text).join('')
  const proposedText = (p: WordParagraph) => p.pieces.filter((x) => x.change?.kind !== 'del').map((x) => x.text).join('')
  const commentsById = new Map<string, WordComment>(doc.comments.map((c) => [c.id, c]))
  const clauses: MarkupClause[] = []
  let current: { clauseId: string | null; title: string; exported: string[]; proposed: string[]; changes: MarkupChange[]; comments: Map<string, { quote: string; line: number }> } | null = null
  const close = () => {
    if (!current) return
    const comments = [...current.comments].flatMap(([id, c]) => {
      const comment = commentsById.get(id)
      return comment ? [{ id, author: comment.author, text: comment.text, quote: c.quote.trim(), line: c.line }] : []
    })
    clauses.push({ clauseId: current.clauseId, title: current.title, exported: current.exported, proposed: current.proposed, changes: current.changes, comments })
    current = null
  }
  const bookmarked = doc.paragraphs.some((p) => p.bookmarks.some((b) => clauseIdOfBookmark(b)))
  for (const p of doc.paragraphs) {
    const clauseId = p.bookmarks.map(clauseIdOfBookmark).find((id) => id !== null) ?? null
    const title = exportedText(p).trim()
    const startsClause = clauseId !== null || (!bookmarked && p.headingLevel !== null && TITLE.test(title))
    if (startsClause) {
      close()
      current = { clauseId, title, exported: [], proposed: [], changes: [], comments: new Map() }
      continue
    }
    if (p.headingLevel !== null) {
      close()
      continue
    }
    if (!current) continue
    const line = current.exported.length
    const exported = exportedText(p).trim()
    const proposed = proposedText(p).trim()
    if (exported === NO_TEXT && proposed === NO_TEXT) continue
    if (exported === '' && proposed === '') continue
    current.exported.push(exported)
    current.proposed.push(proposed)
    for (const piece of p.pieces) {
      if (piece.change && theirs(piece)) current.changes.push({ kind: piece.change.kind, text: piece.text, author: piece.change.author, line })
      for (const id of piece.comments) {
        const seen = current.comments.get(id) ?? { quote: '', line }
        // The quote as the live text reads it: the reader's insertions are not in it yet.
        if (theirs(piece) ? piece.change?.kind === 'del' : piece.change?.kind !== 'del') seen.quote += piece.text
        current.comments.set(id, seen)
      }
    }
    for (const id of p.commentRefs) if (!current.comments.has(id)) current.comments.set(id, { quote: '', line })
  }
  close()
  return { draftId: props.get(EXPORT_PROPERTY.draftId) ?? null, revision: Number.isInteger(revision) ? revision : null, clauses }
}

/** "Article 2 — Scope" → "Scope"; "Preamble" → "". */
export function headingOfTitle(title: string): string {
  return TITLE.exec(title)?.[2] ?? ''
}

