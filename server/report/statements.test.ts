import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { reportFixture } from '../testing/reportFixture'
import { assembleReport } from './assemble'
import { reportAkn } from './writers/akn/akn'
import { validateAkn } from './writers/akn/xmllint'
import { reportDocx } from './writers/docx/docx'
import { reportHtml } from './writers/html/html'
import { reportMarkdown } from './writers/markdown/markdown'

const META = { reportId: 'rep1', version: 1, versionAt: '2099-12-01T10:00:00.000Z' }
const RESERVATION = 'Kenya reserves its position on paragraph (b) pending the approval of its capital.'
const EXPLANATION = 'Japan joins the consensus on the understanding that these are model provisions only.'

async function withStatements() {
  const f = await reportFixture()
  const clauseId = f.draft.id && (await f.storage.revisions.revisionOrder(f.draft.id, f.input.baseRevision))?.[1]
  if (!clauseId) throw new Error('a clause')
  const base = { draftId: f.draft.id, text: '' }
  await f.storage.agreement.addStatement({ ...base, id: 'st1', clauseId, kind: 'reservation', stateCode: 'KEN', userId: f.users.kenya.id, text: RESERVATION, at: '2099-11-30T10:00:00.000Z' })
  await f.storage.agreement.addStatement({ ...base, id: 'st2', clauseId: null, kind: 'explanation', stateCode: 'JPN', userId: f.users.japan.id, text: EXPLANATION, at: '2099-11-30T11:00:00.000Z' })
  const report = await assembleReport(f.storage, f.draft, f.input, { ...META, authorId: f.users.rapporteur.id })
  return { f, clauseId, report }
}

describe('statements on record in the report', () => {
  it('are assembled with their clause and State, listed in an annex (HTML, Markdown) and are real Word footnotes in the DOCX', async () => {
    const { clauseId, report } = await withStatements()
    expect(report.statements?.map((s) => [s.kindLabel, s.stateName, s.clauseId])).toEqual([
      ['Reservation', 'Kenya', clauseId],
      ['Explanation of position', 'Japan', null],
    ])
    expect(reportHtml(report)).toContain(`Reservation by Kenya (KEN) on ${report.statements?.[0]?.clauseLabel}`)
    expect(reportMarkdown(report)).toContain('## Annex: statements on record')

    const parts = unzipSync(new Uint8Array(await reportDocx(report)))
    const footnotes = strFromU8(parts['word/footnotes.xml'] ?? new Uint8Array())
    expect(footnotes).toContain(RESERVATION)
    expect(footnotes).toContain(EXPLANATION)
    const document = strFromU8(parts['word/document.xml'] ?? new Uint8Array())
    expect(document.match(/<w:footnoteReference w:id="\d+"\/>/g)).toHaveLength(2)
    const check = validateAkn(reportAkn(report))
    if (check.ran) expect(check.valid, check.output).toBe(true)
  })

  it('LibreOffice reads the footnotes (where it is installed)', { timeout: 120_000 }, async () => {
    if (spawnSync('soffice', ['--version'], { encoding: 'utf8' }).error) {
      console.warn('LibreOffice check skipped: soffice not found')
      return
    }
    const { report } = await withStatements()
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'provisio-notes-'))
    try {
      fs.writeFileSync(path.join(dir, 'report.docx'), await reportDocx(report))
      const run = spawnSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'odt', '--outdir', dir, path.join(dir, 'report.docx')], { encoding: 'utf8', timeout: 100_000 })
      expect(run.status, run.stderr).toBe(0)
      const content = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(path.join(dir, 'report.odt'))))['content.xml'] ?? new Uint8Array())
      const notes = content.match(/<text:note [^>]*text:note-class="footnote"/g) ?? []
      expect(notes).toHaveLength(2)
      expect(content).toContain(RESERVATION)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
