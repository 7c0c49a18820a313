/** A .docx upload → the draft it would become (the preview); nothing is stored here. */
import type { ImportPreview } from '../../shared/wordImport'
import { readWordDocument } from './document'
import { WORD_MAX_CLAUSES, wordError } from './limits'
import { openWordPackage } from './package'
import { splitDocument } from './split'
import { type XmlElement, descendants, textContent } from './xml'

/** The document's own title (File › Properties), when it has one. */
function coreTitle(root: XmlElement | undefined): string | null {
  const title = root ? descendants(root, 'dc:title')[0] : undefined
  const text = title ? textContent(title).replace(/\s+/g, ' ').trim() : ''
  return text || null
}

export function previewDocx(data: Uint8Array, fileName: string): ImportPreview {
  const pkg = openWordPackage(data)
  const doc = readWordDocument(pkg)
  const preview = splitDocument(doc, fileName, coreTitle(pkg.parts.get('docProps/core.xml')))
  if (preview.clauses.length === 0) throw wordError.empty_document()
  if (preview.clauses.length > WORD_MAX_CLAUSES) throw wordError.tooManyClauses()
  return preview
}
