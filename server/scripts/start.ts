import { createServer } from '../app'
import { loadConfig } from '../config'
import { ensureMemberStates, seedDemoIfEmpty } from '../services/demo'
import { buildClientIfNeeded } from './buildClient'

/** `npm start`: builds the client when needed, serves it and the API on one port. */
async function main(): Promise<void> {
  const config = loadConfig()
  const clientDir = await buildClientIfNeeded()
  const server = await createServer(config, { clientDir })
  await ensureMemberStates(server.ctx.storage)
  const demo = await seedDemoIfEmpty(server.ctx.storage)
  const { url } = await server.listen()
  console.log(`Provisio is running at ${url} (data in ${config.databaseUrl ? 'PostgreSQL, DATABASE_URL' : config.dataDir})`)
  if (demo) {
    console.log('Demo data loaded. Sign in as:')
    for (const u of demo) {
      const who = u.state ? `${u.role}, ${u.state}` : u.role
      console.log(`  ${u.username.padEnd(14)} password ${u.password}   (${who})`)
    }
  }
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: saving drafts and stopping…`)
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
