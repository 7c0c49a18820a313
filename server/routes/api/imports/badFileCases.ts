/**
 * Test cases for both Word routes: bad files made from a good one (the fixture, or a draft's
 * export), each with the status, code and message the import answers.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { WORD_MAX_UNPACKED_BYTES, WORD_MAX_UPLOAD_BYTES } from '../../../word/limits'

export const wordFixture = (name: string): Buffer => readFileSync(path.join(import.meta.dirname, '../../../../fixtures/word', name))

/** The good file with some of its parts replaced or added. */
export function altered(good: Uint8Array, changes: Record<string, Uint8Array | ((xml: string) => string)>): Uint8Array {
  const files: Record<string, Uint8Array> = unzipSync(good)
  for (const [name, change] of Object.entries(changes)) {
    files[name] = typeof change === 'function' ? strToU8(change(new TextDecoder().decode(files[name]))) : change
  }
  return zipSync(files)
}

/** An OLE compound file header (what .doc files and password-protected .docx files are) with a directory naming `names`. */
export function compoundFile(names: readonly string[]): Uint8Array {
  const header = Buffer.alloc(512)
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header)
  const directory = Buffer.alloc(512)
  names.forEach((name, i) => Buffer.from(name, 'utf16le').copy(directory, i * 128))
  return Buffer.concat([header, directory])
}

export interface BadFile {
  readonly name: string
  readonly data: () => Uint8Array
  readonly status: number
  readonly code: string
  readonly message: RegExp
}

/** Its first run of text, to put an entity reference in. */
const inFirstText = (xml: string, text: string) => xml.replace(/<w:t(\s[^>]*)?>/, (tag) => `${tag}${text}`)
const withDoctype = (xml: string, doctype: string) => xml.replace('?>', `?>${doctype}`)

/** Every bad file, made from `good` where it takes a Word file. */
export function badFiles(good: () => Uint8Array): BadFile[] {
  return [
    { name: 'a text file', data: () => strToU8('Comments of Kenya on Article 2'), status: 400, code: 'not_a_word_file', message: /not a Word document/ },
    { name: 'a zip that is not Word', data: () => zipSync({ 'minutes.txt': strToU8('Minutes of the meeting') }), status: 400, code: 'not_a_word_file', message: /zip archive but not a Word document/ },
    { name: 'an old .doc', data: () => compoundFile(['Root Entry', 'WordDocument']), status: 400, code: 'not_a_word_file', message: /old-format Word document/ },
    { name: 'a password-protected .docx', data: () => compoundFile(['Root Entry', 'EncryptionInfo', 'EncryptedPackage']), status: 400, code: 'password_protected', message: /protected by a password/ },
    // Saved with a password by LibreOffice (fixtures/word/make-encrypted.py): a real encrypted file.
    { name: 'a password-protected .docx saved by LibreOffice', data: () => wordFixture('password-protected.docx'), status: 400, code: 'password_protected', message: /protected by a password/ },
    {
      name: 'a macro-enabled .docm',
      data: () =>
        altered(good(), {
          '[Content_Types].xml': (xml) => xml.replace('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml', 'application/vnd.ms-word.document.macroEnabled.main+xml'),
          'word/vbaProject.bin': strToU8('Attribute VB_Name = "NewMacros"'),
        }),
      status: 400,
      code: 'macro_enabled',
      message: /macro-enabled/,
    },
    { name: 'a zip bomb', data: () => altered(good(), { 'word/media/filler.bin': new Uint8Array(WORD_MAX_UNPACKED_BYTES + 1) }), status: 413, code: 'unpacked_too_large', message: /unpack to more than 100 MB/ },
    {
      name: 'XML with entity expansion',
      data: () => altered(good(), { 'word/document.xml': (xml) => inFirstText(withDoctype(xml, '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'), '&b;') }),
      status: 400,
      code: 'unsafe_xml',
      message: /DTD or entities/,
    },
    {
      name: 'XML with an external entity',
      data: () => altered(good(), { 'word/document.xml': (xml) => inFirstText(withDoctype(xml, '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'), '&xxe;') }),
      status: 400,
      code: 'unsafe_xml',
      message: /DTD or entities/,
    },
    {
      name: 'XML with an entity in a part only the plain conversion reads (its relationships)',
      data: () => altered(good(), { 'word/_rels/document.xml.rels': (xml) => withDoctype(xml, '<!DOCTYPE Relationships [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>') }),
      status: 400,
      code: 'unsafe_xml',
      message: /DTD or entities/,
    },
    { name: 'more than the size limit', data: () => new Uint8Array(WORD_MAX_UPLOAD_BYTES + 1), status: 413, code: 'file_too_large', message: /larger than 10 MB/ },
    { name: 'no file at all', data: () => new Uint8Array(0), status: 400, code: 'file_missing', message: /No file was received/ },
  ]
}
