import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { buildDraftDoc, readClauses } from '../../shared/draft/ydoc'
import type { DraftExport } from './transfer'

const ROOT = path.resolve(import.meta.dirname, '../..')
let dir: string

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'provisio-transfer-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

function admin(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/admin/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
  if (result.error) throw result.error
  return result
}

/** An export file as `export-draft` writes it, around a Yjs state of our making. */
function exportFile(name: string, doc: Y.Doc, title = 'Exported'): string {
  const data: DraftExport = {
    format: 'provisio-draft',
    version: 1,
    exportedAt: new Date().toISOString(),
    draft: { id: 'd1', title, phase: 'drafting', group: 'wg' },
    state: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'),
    clauses: readClauses(doc).length,
  }
  const file = path.join(dir, `${name}.json`)
  fs.writeFileSync(file, JSON.stringify(data))
  return file
}

describe('import-draft checks what the API checks (real CLI)', () => {
  it('refuses a title the API refuses and a state beyond the update limits (exit 2, nothing stored), and takes a fair one', () => {
    expect(admin({}, 'group', 'add', '--slug', 'wg', '--name', 'WG').status).toBe(0)
    expect(admin({}, 'user', 'add', '--username', 'sec', '--password', 'import test passphrase', '--role', 'secretariat').status).toBe(0)
    const clause = { heading: 'Article 1', text: 'Each Party shall cooperate.', kind: 'article' as const, status: 'proposed' as const }

    const escapes = admin({}, 'import-draft', exportFile('escapes', buildDraftDoc('Evil\u0000\u001b[2J title', [clause])))
    expect(escapes.status).toBe(2)
    expect(escapes.stderr).toMatch(/title \(in its state\) is refused: must not contain control characters/)
    const long = admin({}, 'import-draft', exportFile('long', buildDraftDoc('T'.repeat(1024 * 1024), [clause])))
    expect(long.status).toBe(2)
    expect(long.stderr).toMatch(/title \(in its state\) is refused/)
    const inMetadata = admin({}, 'import-draft', exportFile('metadata', buildDraftDoc('', [clause]), 'Bell\u0007'))
    expect(inMetadata.status).toBe(2)
    expect(inMetadata.stderr).toMatch(/Not a Provisio draft export: draft.title must not contain control characters/)

    const exploding = buildDraftDoc('Exploding', [{ ...clause, text: 'x'.repeat(5000) }])
    const costly = admin({ UPDATE_MAX_ITEM_CHARS: '1000' }, 'import-draft', exportFile('exploding', exploding))
    expect(costly.status).toBe(2)
    expect(costly.stderr).toMatch(/refused by the server's limits: an update of .*1000/)

    expect(admin({}, 'draft', 'list').stdout).not.toMatch(/Evil|TTTT|Exploding/)
    const fair = admin({}, 'import-draft', exportFile('fair', buildDraftDoc('Model provisions', [clause])))
    expect(fair.status, fair.stderr).toBe(0)
    expect(admin({}, 'draft', 'list').stdout).toContain('Model provisions')
  })
})
