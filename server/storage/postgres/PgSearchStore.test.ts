import { describe } from 'vitest'
import { searchStoreContractSuite } from '../searchContract'
import { searchStoreOf } from '../searchStore'
import { PgStorage } from './PgStorage'
import { testDatabaseUrl, uniqueName, useTestDatabase } from './testing'

const adminUrl = testDatabaseUrl()
if (!adminUrl) console.warn('PostgreSQL search tests NOT RUN: TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres).')

// One database for this file; each case a schema of its own.
describe.skipIf(!adminUrl)('PostgreSQL search', () => {
  const database = useTestDatabase(adminUrl)
  searchStoreContractSuite(
    'postgres',
    async () => {
      const storage = await PgStorage.connect(database.url, { schema: uniqueName('s'), max: 4 })
      return { storage, cleanup: () => storage.close() }
    },
    searchStoreOf,
  )
})
