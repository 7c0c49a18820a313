import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { Database as DatabaseExtension } from '@hocuspocus/extension-database'
import { Server } from '@hocuspocus/server'
import { serveParent } from './lib/childIpc'

/**
 * Hocuspocus (3.4, the newest major that runs on Node 20) as a user would deploy it instead of
 * ours: its database extension storing each document to an SQLite file (WAL, synchronous=FULL, as
 * ours), and an onAuthenticate that checks the client's token against the tokens the parent
 * seeded (BENCH_TOKENS_FILE, one per line). Documents named in BENCH_SEED_DIR (`<name>.bin`, a Yjs
 * update) are in the database before it listens. Its defaults otherwise: documents are stored
 * debounced (2 s, at most 10 s) after changes, not before each broadcast.
 */
const dataDir = process.env.BENCH_DATA_DIR ?? fs.mkdtempSync('/tmp/hocuspocus-')
const db = new Database(path.join(dataDir, 'hocuspocus.sqlite'))
db.pragma('journal_mode = WAL')
db.pragma('synchronous = FULL')
db.exec('CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, data BLOB NOT NULL)')
const upsert = db.prepare('INSERT INTO documents (name, data) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET data = excluded.data')
const select = db.prepare('SELECT data FROM documents WHERE name = ?')

const seedDir = process.env.BENCH_SEED_DIR
if (seedDir) {
  for (const file of fs.readdirSync(seedDir).filter((f) => f.endsWith('.bin'))) upsert.run(file.slice(0, -4), fs.readFileSync(path.join(seedDir, file)))
}
const tokens = new Set((process.env.BENCH_TOKENS_FILE ? fs.readFileSync(process.env.BENCH_TOKENS_FILE, 'utf8') : '').split('\n').filter(Boolean))

const server = new Server({
  name: 'bench',
  quiet: true,
  address: '127.0.0.1',
  port: 0,
  stopOnSignals: false,
  async onAuthenticate({ token }) {
    if (!tokens.has(token)) throw new Error('not a token of this bench')
  },
  extensions: [
    new DatabaseExtension({
      fetch: async ({ documentName }) => {
        const row = select.get(documentName) as { data: Buffer } | undefined
        return row ? new Uint8Array(row.data) : null
      },
      store: async ({ documentName, state }) => {
        upsert.run(documentName, state)
      },
    }),
  ],
})

await server.listen()
serveParent(server.address.port, async () => {
  await server.destroy()
  db.close()
})
