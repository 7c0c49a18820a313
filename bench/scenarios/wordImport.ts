import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun } from 'docx'
import { createServer } from '../../server/app'
import { loadConfig } from '../../server/config'
import { buildGroup, buildUser, tokenFor } from '../../server/testing/factories'
import { DOCX_MEDIA_TYPE, type ImportCreated, type ImportPreview } from '../../shared/wordImport'
import type { Scenario } from '../lib/context'
import { countWords, generateClauses } from '../lib/draftText'
import type { Row } from '../lib/results'
import { summarize } from '../lib/stats'

const ARTICLES = 300
const WORDS = 150_000

/** A Word file as a secretariat receives one: "Article N — Heading" in Heading 2, Word-numbered (a), (b) sub-paragraphs. */
async function largeDocx(): Promise<{ data: Buffer; words: number }> {
  const clauses = generateClauses(ARTICLES + 1, WORDS)
  const children: Paragraph[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Model provisions on cooperation against cybercrime')] })]
  let article = 0
  for (const clause of clauses) {
    if (clause.kind === 'article') children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(`Article ${++article} — ${clause.heading}`)] }))
    for (const line of clause.text.split('\n')) {
      const sub = /^\([a-z]{1,2}\)\s+/.exec(line)
      children.push(sub ? new Paragraph({ numbering: { reference: 'letters', level: 0 }, children: [new TextRun(line.slice(sub[0].length))] }) : new Paragraph({ children: [new TextRun(line)] }))
    }
  }
  const doc = new Document({
    numbering: { config: [{ reference: 'letters', levels: [{ level: 0, format: LevelFormat.LOWER_LETTER, text: '(%1)', alignment: AlignmentType.LEFT }] }] },
    sections: [{ children }],
  })
  return { data: await Packer.toBuffer(doc), words: countWords(clauses) }
}

/**
 * Word import: the server time, over HTTP, to preview a 300-article, 150,000-word .docx (unzip,
 * parse, split) and to create the draft from it (the same, plus the Y.Doc, the draft and revision 1).
 */
export const wordImport: Scenario = {
  name: 'import',
  async run(ctx) {
    const runs = ctx.quick ? 3 : 7
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'provisio-bench-import-'))
    const server = await createServer(loadConfig({}, { host: '127.0.0.1', port: 0, dataDir, logLevel: 'silent' }))
    try {
      const { url } = await server.listen()
      const group = await buildGroup(server.ctx.storage)
      const token = await tokenFor(server.ctx.storage, await buildUser(server.ctx.storage, { role: 'secretariat', group }))
      const file = await largeDocx()
      ctx.log(`import: ${ARTICLES} articles, ${file.words.toLocaleString('en-US')} words, ${Math.round(file.data.length / 1024)} KiB .docx`)
      // The server runs in this process: the event loop's worst delay during an import is what every other connection would wait.
      const delay = monitorEventLoopDelay({ resolution: 5 })
      const post = async (query: string, expected: number): Promise<{ ms: number; body: unknown; delayMs: number }> => {
        delay.reset()
        delay.enable()
        const t0 = performance.now()
        const response = await fetch(`${url}/api/drafts/import?${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': DOCX_MEDIA_TYPE }, body: file.data })
        const body: unknown = await response.json()
        const ms = performance.now() - t0
        delay.disable()
        if (response.status !== expected) throw new Error(`import answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`)
        return { ms, body, delayMs: delay.max / 1e6 }
      }
      const preview: number[] = []
      const create: number[] = []
      const previewDelay: number[] = []
      const createDelay: number[] = []
      for (let i = 0; i < runs; i++) {
        const p = await post('preview=1&filename=bench.docx', 200)
        const split = p.body as ImportPreview
        if (split.counts.articles !== ARTICLES) throw new Error(`preview found ${split.counts.articles} articles`)
        preview.push(p.ms)
        previewDelay.push(p.delayMs)
        const c = await post('filename=bench.docx', 201)
        if ((c.body as ImportCreated).revision !== 1) throw new Error('no revision 1')
        create.push(c.ms)
        createDelay.push(c.delayMs)
      }
      const rows: Row[] = [
        { label: `import: preview a ${ARTICLES}-article, ${(WORDS / 1000).toFixed(0)}k-word .docx over HTTP, p50`, unit: 'ms', ours: { name: 'import.300.preview_ms', value: summarize(preview).p50 } },
        { label: `import: create the draft from it (with revision 1), p50`, unit: 'ms', ours: { name: 'import.300.create_ms', value: summarize(create).p50 } },
        // mammoth converts in a worker thread; what is left is the XML pass, the split and (creating) the Y.Doc and revision 1.
        { label: 'import: worst event-loop delay during a preview, p50', unit: 'ms', ours: { name: 'import.300.preview_delay_ms', value: summarize(previewDelay).p50 } },
        { label: 'import: worst event-loop delay while creating, p50', unit: 'ms', ours: { name: 'import.300.create_delay_ms', value: summarize(createDelay).p50 } },
      ]
      return rows
    } finally {
      await server.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  },
}
