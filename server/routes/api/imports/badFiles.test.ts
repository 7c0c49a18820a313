import { strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { databaseFile } from '../../../app'
import { tokenFor } from '../../../testing/factories'
import { newServerWithGroup } from '../../../testing/newServer'
import { rowCounts, upload } from '../../../testing/wordUpload'
import { badFiles, wordFixture } from './badFileCases'

const good = wordFixture('docx-package.docx')
const BAD_FILES = badFiles(() => good)

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
