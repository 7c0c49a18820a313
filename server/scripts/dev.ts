import { spawn } from 'node:child_process'
import { createServer } from '../app'
import { loadConfig } from '../config'
import { ensureMemberStates, seedDemoIfEmpty } from '../services/demo'

/** `npm run dev`: the API on $PORT and Vite's dev server (hot reload) proxying /api and /collab to it. */
async function main(): Promise<void> {
  const config = loadConfig()
  const server = await createServer(config)
  await ensureMemberStates(server.ctx.storage)
  await seedDemoIfEmpty(server.ctx.storage)
  const { url } = await server.listen()
  console.log(`API at ${url}; starting Vite…`)
  const vite = spawn('npx', ['vite'], { stdio: 'inherit', env: { ...process.env, API_URL: url } })
  const stop = () => {
    vite.kill('SIGTERM')
    void server.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  vite.on('exit', stop)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
