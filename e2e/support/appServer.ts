import { onTestFinished } from 'vitest'
import { createServer } from '../../server/app'
import { type Config, loadConfig } from '../../server/config'
import { buildClientIfNeeded } from '../../server/scripts/buildClient'
import { ensureMemberStates, seedDemoIfEmpty } from '../../server/services/demo'
import { tempDataDir } from '../../server/testing/newServer'

/** The real app (built client + API + websocket) on port 0 with the demo data, as `npm start` serves it. */
export async function startDemoApp(overrides: Partial<Config> = {}) {
  const clientDir = await buildClientIfNeeded(() => undefined)
  const config = loadConfig({}, { host: '127.0.0.1', port: 0, dataDir: tempDataDir(), logLevel: 'silent', ...overrides })
  const server = await createServer(config, { clientDir })
  onTestFinished(() => server.close())
  await ensureMemberStates(server.ctx.storage)
  const demo = await seedDemoIfEmpty(server.ctx.storage)
  if (!demo) throw new Error('expected an empty data folder')
  const { url } = await server.listen()
  return { server, url, demo }
}
