import { createServer, databaseFile } from '../../server/app'
import { loadConfig } from '../../server/config'
import { SqliteStorage } from '../../server/storage/sqlite/SqliteStorage'
import { serveParent } from './childIpc'

/**
 * Our server (the same createServer as `npm start`) in its own process, on a DATA_DIR seeded by the
 * parent. BENCH_SQLITE_SYNCHRONOUS=NORMAL is a diagnostic only (how much of a figure is the fsync);
 * the benchmark's figures use the server's default, synchronous=FULL.
 */
// The socket caps are a deployment's guard against one account hoarding sockets; the bench's
// clients share a few accounts and one draft, so they are lifted here (the load is the measure).
// So is each connection's budget of updates a minute (UPDATES_PER_MINUTE, 6,000: close code 4420):
// the durable and scale-out writers send 10,000–20,000 updates each within seconds on purpose.
const config = loadConfig({
  ...process.env,
  MAX_SOCKETS_PER_USER: process.env.MAX_SOCKETS_PER_USER ?? '100000',
  MAX_SOCKETS_PER_DRAFT: process.env.MAX_SOCKETS_PER_DRAFT ?? '100000',
  UPDATES_PER_MINUTE: process.env.UPDATES_PER_MINUTE ?? '100000000',
})
const synchronous = process.env.BENCH_SQLITE_SYNCHRONOUS
const storage = synchronous === 'NORMAL' ? new SqliteStorage(databaseFile(config), { synchronous: 'NORMAL' }) : undefined
const server = await createServer(config, storage ? { storage } : {})
const { port } = await server.listen()
serveParent(port, () => server.close())
