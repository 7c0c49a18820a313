/** Test helpers: throwaway PostgreSQL databases under TEST_DATABASE_URL. Never imported by the server. */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, onTestFinished } from 'vitest'
import type { ServerOptions } from '../../app'
import { PgStorage } from './PgStorage'
import { type TestDatabase, createTestDatabase } from './throwaway'

export { type TestDatabase, createTestDatabase, uniqueName } from './throwaway'

/** The server the tests may create databases on, e.g. postgres://postgres@127.0.0.1:5432/postgres. */
export const testDatabaseUrl = (): string | undefined => process.env.TEST_DATABASE_URL || undefined

/** A throwaway database for the enclosing describe: created before its tests, dropped after them. */
export function useTestDatabase(adminUrl: string | undefined): { readonly url: string } {
  let database: TestDatabase | undefined
  beforeAll(async () => {
    if (adminUrl) database = await createTestDatabase(adminUrl)
  })
  afterAll(async () => {
    await database?.drop()
  })
  return {
    get url(): string {
      if (!database) throw new Error('no test database: TEST_DATABASE_URL is not set')
      return database.url
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
