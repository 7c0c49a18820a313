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
const config = loadConfig({ ...process.env, MAX_SOCKETS_PER_USER: process.env.MAX_SOCKETS_PER_USER ?? '100000', MAX_SOCKETS_PER_DRAFT: process.env.MAX_SOCKETS_PER_DRAFT ?? '100000' })
const synchronous = process.env.BENCH_SQLITE_SYNCHRONOUS
const storage = synchronous === 'NORMAL' ? new SqliteStorage(databaseFile(config), { synchronous: 'NORMAL' }) : undefined
const server = await createServer(config, storage ? { storage } : {})
const { port } = await server.listen()
serveParent(port, () => server.close())
