/** A .docx upload → the draft it would become (the preview); nothing is stored here. */
import { combineReadings } from './combine'
import { convertWithMammoth } from './convert'
import { readWordDocument } from './document'
import { WORD_MAX_CLAUSES, wordError } from './limits'
import { openWordPackage } from './package'
import { type SplitResult, splitDocument } from './split'
import { type XmlElement, descendants, textContent } from './xml'

/** The document's own title (File › Properties), when it has one. */
function coreTitle(root: XmlElement | undefined): string | null {
  const title = root ? descendants(root, 'dc:title')[0] : undefined
  const text = title ? textContent(title).replace(/\s+/g, ' ').trim() : ''
  return text || null
}

/**
 * The split (the preview) and the bold and italic phrases of each clause. Every refusal (size,
 * zip bomb, DTD, .docm, password) is openWordPackage's, before mammoth is given anything.
 */
export async function readDocx(data: Uint8Array, fileName: string): Promise<SplitResult> {
  const pkg = openWordPackage(data)
  const doc = readWordDocument(pkg)
  const reading = await convertWithMammoth(pkg)
  const split = splitDocument(combineReadings(doc, reading), fileName, coreTitle(pkg.parts.get('docProps/core.xml')))
  if (split.preview.clauses.length === 0) throw wordError.empty_document()
  if (split.preview.clauses.length > WORD_MAX_CLAUSES) throw wordError.tooManyClauses()
  return split
}
