import { createServer } from '../app'
import { loadConfig } from '../config'

/** A server in its own process for crash tests: prints "LISTENING <port>" once ready. */
const server = await createServer(loadConfig())
const { port } = await server.listen()
process.stdout.write(`LISTENING ${port}\n`)
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)))
