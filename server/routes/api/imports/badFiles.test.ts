import { readFileSync } from 'node:fs'
import path from 'node:path'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { databaseFile } from '../../../app'
import { tokenFor } from '../../../testing/factories'
import { newServerWithGroup } from '../../../testing/newServer'
import { WORD_MAX_UNPACKED_BYTES, WORD_MAX_UPLOAD_BYTES } from '../../../word/limits'
import { rowCounts, upload } from '../../../testing/wordUpload'

const good = readFileSync(path.join(import.meta.dirname, '../../../../fixtures/word/docx-package.docx'))

/** The good fixture with some of its parts replaced or added. */
function altered(changes: Record<string, Uint8Array | ((xml: string) => string)>): Uint8Array {
  const files: Record<string, Uint8Array> = unzipSync(good)
  for (const [name, change] of Object.entries(changes)) {
    files[name] = typeof change === 'function' ? strToU8(change(new TextDecoder().decode(files[name]))) : change
  }
  return zipSync(files)
}

/** An OLE compound file header (what .doc files and password-protected .docx files are) with a directory naming `names`. */
function compoundFile(names: readonly string[]): Uint8Array {
  const header = Buffer.alloc(512)
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header)
  const directory = Buffer.alloc(512)
  names.forEach((name, i) => Buffer.from(name, 'utf16le').copy(directory, i * 128))
  return Buffer.concat([header, directory])
}

const BAD_FILES: { name: string; data: () => Uint8Array; status: number; code: string; message: RegExp }[] = [
  { name: 'a text file', data: () => strToU8('Comments of Kenya on Article 2'), status: 400, code: 'not_a_word_file', message: /not a Word document/ },
  { name: 'a zip that is not Word', data: () => zipSync({ 'minutes.txt': strToU8('Minutes of the meeting') }), status: 400, code: 'not_a_word_file', message: /zip archive but not a Word document/ },
  { name: 'an old .doc', data: () => compoundFile(['Root Entry', 'WordDocument']), status: 400, code: 'not_a_word_file', message: /old-format Word document/ },
  { name: 'a password-protected .docx', data: () => compoundFile(['Root Entry', 'EncryptionInfo', 'EncryptedPackage']), status: 400, code: 'password_protected', message: /protected by a password/ },
  {
    name: 'a macro-enabled .docm',
    data: () =>
      altered({
        '[Content_Types].xml': (xml) => xml.replace('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml', 'application/vnd.ms-word.document.macroEnabled.main+xml'),
        'word/vbaProject.bin': strToU8('Attribute VB_Name = "NewMacros"'),
      }),
    status: 400,
    code: 'macro_enabled',
    message: /macro-enabled/,
  },
  { name: 'a zip bomb', data: () => altered({ 'word/media/filler.bin': new Uint8Array(WORD_MAX_UNPACKED_BYTES + 1) }), status: 413, code: 'unpacked_too_large', message: /unpack to more than 100 MB/ },
  {
    name: 'XML with entity expansion',
    data: () => altered({ 'word/document.xml': (xml) => xml.replace('?>', '?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>').replace('Definitions', '&b;') }),
    status: 400,
    code: 'unsafe_xml',
    message: /DTD or entities/,
  },
  {
    name: 'XML with an external entity',
    data: () => altered({ 'word/document.xml': (xml) => xml.replace('?>', '?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace('Definitions', '&xxe;') }),
    status: 400,
    code: 'unsafe_xml',
    message: /DTD or entities/,
  },
  { name: 'more than the size limit', data: () => new Uint8Array(WORD_MAX_UPLOAD_BYTES + 1), status: 413, code: 'file_too_large', message: /larger than 10 MB/ },
  { name: 'no file at all', data: () => new Uint8Array(0), status: 400, code: 'file_missing', message: /No file was received/ },
]

describe('POST /api/drafts/import refuses bad files with a clear answer and changes nothing', () => {
  it.each(BAD_FILES)('$name: $status $code, the database unchanged', async ({ data, status, code, message }) => {
    const t = await newServerWithGroup()
    const token = await tokenFor(t.storage, t.users.secretariat)
    const before = rowCounts(databaseFile(t.config))
    for (const preview of ['?preview=1&filename=x.docx', '?filename=x.docx']) {
      const res = await upload<{ error: { code: string; message: string } }>(`${t.url}/api/drafts/import${preview}`, token, data())
      expect({ status: res.status, code: res.body.error.code }).toEqual({ status, code })
      expect(res.body.error.message).toMatch(message)
    }
    expect(rowCounts(databaseFile(t.config))).toEqual(before)
  })

  it('reads a body of another or no content type as the file (a text file is "not a Word document", not a 415)', async () => {
    const t = await newServerWithGroup()
    const token = await tokenFor(t.storage, t.users.secretariat)
    const typed = await upload<{ error: { code: string } }>(`${t.url}/api/drafts/import?preview=1`, token, strToU8('Comments of Kenya'), 'text/plain')
    expect([typed.status, typed.body.error.code]).toEqual([400, 'not_a_word_file'])
    const untyped = await fetch(`${t.url}/api/drafts/import?preview=1`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: good })
    expect(untyped.status).toBe(200)
  })

  it('refuses a JSON body (no file) and a file name that is a path (400), creating nothing', async () => {
    const t = await newServerWithGroup()
    const token = await tokenFor(t.storage, t.users.secretariat)
    const before = rowCounts(databaseFile(t.config))
    const json = await upload<{ error: { code: string } }>(`${t.url}/api/drafts/import`, token, strToU8('{"title":"x"}'), 'application/json')
    expect([json.status, json.body.error.code]).toEqual([400, 'file_missing'])
    const pathName = await upload<{ error: { code: string } }>(`${t.url}/api/drafts/import?filename=..%2Fsecret.docx`, token, good)
    expect([pathName.status, pathName.body.error.code]).toEqual([400, 'validation_failed'])
    expect(rowCounts(databaseFile(t.config))).toEqual(before)
  })
})
