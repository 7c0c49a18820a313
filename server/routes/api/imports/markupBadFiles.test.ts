import { describe, expect, it } from 'vitest'
import { databaseFile } from '../../../app'
import { buildDraft, tokenFor } from '../../../testing/factories'
import { newServerWithGroup } from '../../../testing/newServer'
import { markUp } from '../../../testing/wordMarkup'
import { rowCounts, upload } from '../../../testing/wordUpload'
import { badFiles } from './badFileCases'
import { CLAUSES, exportedDraft } from './exportedDraft'

/** Kenya's edit on the export, so each bad file is made from a marked-up export as it comes back. */
const KENYA_EDIT = { within: 'Each State shall afford the widest measure of mutual assistance.', edit: { kind: 'ins', after: 'mutual ', text: 'legal ' } } as const

interface Refusal {
  readonly body: { readonly error: { readonly code: string; readonly message: string } }
}

describe('POST /api/drafts/:id/import-markup refuses bad files with a clear answer and changes nothing', () => {
  let marked: Uint8Array = new Uint8Array()
  it.each(badFiles(() => marked))('$name: $status $code, the database unchanged', async ({ data, status, code, message }) => {
    const { t, draft, docx } = await exportedDraft()
    marked = markUp(docx, 'Kenya', [KENYA_EDIT])
    const kenya = await tokenFor(t.storage, t.users.kenya)
    const before = rowCounts(databaseFile(t.config))
    for (const preview of ['?preview=1&filename=x.docx', '?filename=x.docx']) {
      const res = await upload<Refusal['body']>(`${t.url}/api/drafts/${draft.id}/import-markup${preview}`, kenya, data())
      expect({ status: res.status, code: res.body.error.code }).toEqual({ status, code })
      expect(res.body.error.message).toMatch(message)
    }
    expect(rowCounts(databaseFile(t.config))).toEqual(before)
  })

  it('an export of another draft of the group: 409 other_draft; of a draft of another working group: 403 other_group; the database unchanged', async () => {
    const { t, docx } = await exportedDraft()
    const file = markUp(docx, 'Kenya', [KENYA_EDIT])
    const other = await buildDraft(t.storage, t.users.rapporteur, { title: 'Another draft', clauses: CLAUSES })
    const kenya = await tokenFor(t.storage, t.users.kenya)
    const before = rowCounts(databaseFile(t.config))
    const elsewhere = await upload<Refusal['body']>(`${t.url}/api/drafts/${other.id}/import-markup`, kenya, file)
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([409, 'other_draft'])
    expect(rowCounts(databaseFile(t.config))).toEqual(before)

    const second = await newServerWithGroup()
    const theirs = await buildDraft(second.storage, second.users.rapporteur, { title: 'Their draft', clauses: CLAUSES })
    const theirKenya = await tokenFor(second.storage, second.users.kenya)
    const beforeSecond = rowCounts(databaseFile(second.config))
    const res = await upload<Refusal['body']>(`${second.url}/api/drafts/${theirs.id}/import-markup`, theirKenya, file)
    expect([res.status, res.body.error.code]).toEqual([403, 'other_group'])
    expect(res.body.error.message).toMatch(/another working group/)
    expect(rowCounts(databaseFile(second.config))).toEqual(beforeSecond)
  })
})
