/** Test helpers: throwaway PostgreSQL databases under TEST_DATABASE_URL. Never imported by the server. */
import { createHash, randomBytes } from 'node:crypto'
import { Client, escapeIdentifier } from 'pg'
import { onTestFinished } from 'vitest'
import type { ServerOptions } from '../../app'
import { PgStorage } from './PgStorage'

/** The server the tests may create databases on, e.g. postgres://postgres@127.0.0.1:5432/postgres. */
export const testDatabaseUrl = (): string | undefined => process.env.TEST_DATABASE_URL || undefined

export interface TestDatabase {
  readonly name: string
  readonly url: string
  drop(): Promise<void>
}

export const uniqueName = (prefix: string): string => `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`

async function onAdmin<T>(adminUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/**
 * A fresh, empty database beside the one `adminUrl` names (or, given a `name`, that database, created
 * if missing); `drop()` removes it and ends its connections.
 */
export async function createTestDatabase(adminUrl: string, name = uniqueName('provisio_test')): Promise<TestDatabase> {
  await onAdmin(adminUrl, async (client) => {
    // Only this process's tests use a given name, one at a time: checking first cannot race.
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${escapeIdentifier(name)}`)
  })
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  let dropped: Promise<void> | null = null
  return {
    name,
    url: url.toString(),
    drop() {
      dropped ??= onAdmin(adminUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(name)} WITH (FORCE)`)
      })
      return dropped
    },
  }
}

/**
 * `TEST_STORAGE=postgres` runs the API tests on PostgreSQL: newServer() then gets a PgStorage on a
 * database of its own data folder (a server restarted on the same folder finds its data again),
 * dropped when the test finishes (after the servers close: onTestFinished hooks run in reverse).
 */
export async function withTestStorage(options: ServerOptions, dataDir: string): Promise<ServerOptions> {
  if (options.storage || process.env.TEST_STORAGE !== 'postgres') return options
  const adminUrl = testDatabaseUrl()
  if (!adminUrl) throw new Error('TEST_STORAGE=postgres needs TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).')
  const folder = createHash('sha256').update(dataDir).digest('hex').slice(0, 24)
  const database = await createTestDatabase(adminUrl, `provisio_test_dir_${folder}`)
  onTestFinished(() => database.drop())
  return { ...options, storage: await PgStorage.connect(database.url, { max: 4 }) }
}
