import fs from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '../..')
export const CLIENT_DIST = path.join(ROOT, 'dist/client')
const SOURCES = [path.join(ROOT, 'client'), path.join(ROOT, 'shared'), path.join(ROOT, 'vite.config.ts')]

function newestMtime(target: string): number {
  const stat = fs.statSync(target)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)))
  return newest
}

/** Builds the client with Vite when the build is missing or older than its sources. */
export async function buildClientIfNeeded(log: (line: string) => void = console.log): Promise<string> {
  const index = path.join(CLIENT_DIST, 'index.html')
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0
  if (built > Math.max(...SOURCES.filter((s) => fs.existsSync(s)).map(newestMtime))) return CLIENT_DIST
  log('Building the client…')
  const { build } = await import('vite')
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' })
  return CLIENT_DIST
}
