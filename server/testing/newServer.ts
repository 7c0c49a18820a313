import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { onTestFinished } from 'vitest'
import { type ProvisioServer, type ServerOptions, createServer } from '../app'
import { type Config, loadConfig } from '../config'
import { withTestStorage } from '../storage/postgres/testing'
import { buildGroup, buildUser } from './factories'

export interface TestServer {
  readonly server: ProvisioServer
  readonly url: string
  readonly wsUrl: string
  readonly dataDir: string
  readonly config: Config
}

export function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'provisio-test-'))
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** A real, quiet server on port 0 with its own SQLite file; closed when the test finishes. */
export async function newServer(overrides: Partial<Config> = {}, dataDir = tempDataDir(), options: ServerOptions = {}): Promise<TestServer> {
  const config = loadConfig({}, { host: '127.0.0.1', port: 0, dataDir, logLevel: 'silent', ...overrides })
  // TEST_STORAGE=postgres: the same tests on PostgreSQL (a database of its own per server).
  const server = await createServer(config, await withTestStorage(options, dataDir))
  onTestFinished(() => server.close())
  const { url } = await server.listen()
  return { server, url, wsUrl: url.replace(/^http/, 'ws'), dataDir, config }
}

/** A server plus a working group with one user per role (delegates of Kenya and Japan). */
export async function newServerWithGroup(overrides: Partial<Config> = {}, options: ServerOptions = {}) {
  const test = await newServer(overrides, tempDataDir(), options)
  const storage = test.server.ctx.storage
  const group = await buildGroup(storage)
  const users = {
    secretariat: await buildUser(storage, { role: 'secretariat', group }),
    chair: await buildUser(storage, { role: 'chair', group }),
    rapporteur: await buildUser(storage, { role: 'rapporteur', group }),
    kenya: await buildUser(storage, { role: 'delegate', stateCode: 'KEN', group }),
    japan: await buildUser(storage, { role: 'delegate', stateCode: 'JPN', group }),
    observer: await buildUser(storage, { role: 'observer', group }),
    outsider: await buildUser(storage, { role: 'delegate', stateCode: 'IND', group: null }),
  }
  return { ...test, storage, group, users }
}
