import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { createServer } from '../../server/app'
import { loadConfig } from '../../server/config'
import { buildClientIfNeeded } from '../../server/scripts/buildClient'
import { TEST_PASSWORD, buildDraft, buildGroup, buildUser } from '../../server/testing/factories'
import type { Scenario } from '../lib/context'
import { generateClauses } from '../lib/draftText'
import type { Row } from '../lib/results'
import { summarize } from '../lib/stats'

const CLAUSES = 300
const WORDS = 150_000
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * Opening the 300-clause draft in Chromium: from navigation to the first clause's editor being
 * editable, and the page's JS heap after opening (after a garbage collection).
 */
export const editorOpen: Scenario = {
  name: 'editor',
  async run(ctx) {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`)
    const clientDir = await buildClientIfNeeded(() => undefined)
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'provisio-bench-editor-'))
    const server = await createServer(loadConfig({}, { host: '127.0.0.1', port: 0, dataDir, logLevel: 'silent' }), { clientDir })
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    try {
      const storage = server.ctx.storage
      const group = await buildGroup(storage)
      const user = await buildUser(storage, { role: 'rapporteur', group })
      const clauses = generateClauses(CLAUSES, WORDS)
      const draft = await buildDraft(storage, user, { title: 'Three hundred provisions', clauses })
      const { url } = await server.listen()
      const runs = ctx.quick ? 2 : 5
      const times: number[] = []
      const heaps: number[] = []
      for (let run = 0; run < runs; run++) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
        const page = await context.newPage()
        await page.goto(url)
        await page.getByLabel('Username').fill(user.username)
        await page.getByLabel('Password').fill(TEST_PASSWORD)
        await page.getByRole('button', { name: 'Sign in' }).click()
        await page.getByRole('heading', { name: 'Drafts' }).waitFor()
        const started = Date.now()
        await page.goto(`${url}/drafts/${draft.id}`)
        await page.locator('article.clause').first().locator('.tiptap[contenteditable="true"]').waitFor({ timeout: 60_000 })
        times.push(Date.now() - started)
        const cdp = await context.newCDPSession(page)
        await cdp.send('HeapProfiler.collectGarbage')
        const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
        heaps.push(heap.usedSize / 2 ** 20)
        await context.close()
      }
      ctx.log(`editor: opened ${runs} times`)
      const rows: Row[] = [
        { label: `editor: open ${CLAUSES} clauses until the first is editable, p50`, unit: 'ms', ours: { name: 'editor.300.open_ms', value: summarize(times).p50 } },
        { label: 'editor: JS heap after opening, p50', unit: 'MiB', ours: { name: 'editor.300.heap_mib', value: summarize(heaps).p50 } },
      ]
      return rows
    } finally {
      await browser.close()
      await server.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  },
}
