/**
 * Opens an uploaded .docx: a zip (fflate) whose [Content_Types].xml names a Word main document.
 * Every refusal happens here, before anything is stored: not a zip, an old .doc or an encrypted
 * file (both OLE compound files), a .docm, a package that would unpack past the limit.
 */
import { unzipSync } from 'fflate'
import { AppError } from '../errors'
import { WORD_MAX_ENTRIES, WORD_MAX_UNPACKED_BYTES, wordError } from './limits'
import { type XmlElement, descendants, parseXml } from './xml'

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const DOCX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'
const DOCM_MAIN = 'application/vnd.ms-word.document.macroenabled.main+xml'
const TEMPLATE_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml'

/**
 * The parts the import reads; the rest (images, fonts, settings) is never unpacked. The relationship
 * parts are for mammoth (hyperlinks, images), which gets only these parts, already checked (convert.ts).
 */
const WANTED = new Set([
  '[Content_Types].xml',
  'word/document.xml',
  'word/_rels/document.xml.rels',
  'word/_rels/footnotes.xml.rels',
  'word/_rels/comments.xml.rels',
  'word/styles.xml',
  'word/numbering.xml',
  'word/footnotes.xml',
  'word/comments.xml',
  'docProps/core.xml',
  'docProps/custom.xml',
])

export interface WordPackage {
  /** Parsed parts by name (only those present). */
  readonly parts: ReadonlyMap<string, XmlElement>
  /** The same parts as unpacked (within the limits) and parsed without a DTD: all mammoth ever sees. */
  readonly bytes: ReadonlyMap<string, Uint8Array>
  /** Names of every file in the package (to warn about images, embedded objects). */
  readonly entries: readonly string[]
}

const startsWith = (data: Uint8Array, magic: readonly number[]) => magic.every((b, i) => data[i] === b)

/** A password-protected .docx is an OLE compound file holding "EncryptionInfo" (in UTF-16). */
function isEncryptedCfb(data: Uint8Array): boolean {
  const name = Buffer.from('EncryptionInfo', 'utf16le')
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).includes(name)
}

export function openWordPackage(data: Uint8Array): WordPackage {
  if (data.byteLength === 0) throw wordError.empty()
  if (startsWith(data, CFB_MAGIC)) throw isEncryptedCfb(data) ? wordError.encrypted() : wordError.legacyWord()
  if (!startsWith(data, ZIP_MAGIC)) throw wordError.notZip()
  const entries: string[] = []
  let declared = 0
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(data, {
      filter(file) {
        entries.push(file.name)
        declared += file.originalSize
        if (entries.length > WORD_MAX_ENTRIES || declared > WORD_MAX_UNPACKED_BYTES) throw wordError.bomb()
        return WANTED.has(file.name)
      },
    })
  } catch (error) {
    if (error instanceof AppError) throw error
    throw wordError.notZip()
  }
  // fflate unpacks into a buffer of the declared size, so a lying header yields truncated XML, never more memory.
  const contentTypes = files['[Content_Types].xml']
  if (!contentTypes || !files['word/document.xml']) throw wordError.notWord()
  const parts = new Map<string, XmlElement>()
  for (const [name, bytes] of Object.entries(files)) {
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      throw wordError.damaged(name)
    }
    parts.set(name, parseXml(text))
  }
  const overrides = descendants(parts.get('[Content_Types].xml') ?? { name: '', attrs: {}, children: [] }, 'Override')
  const main = overrides.find((o) => o.attrs.PartName === '/word/document.xml')?.attrs.ContentType?.toLowerCase()
  if (main === DOCM_MAIN || entries.includes('word/vbaProject.bin')) throw wordError.macros()
  if (main !== DOCX_MAIN && main !== TEMPLATE_MAIN) throw wordError.notWord()
  return { parts, bytes: new Map(Object.entries(files)), entries }
}
