import { describe } from 'vitest'
import { accountStoresContractSuite } from '../accountsContract'
import { PgStorage } from './PgStorage'
import { testDatabaseUrl, uniqueName, useTestDatabase } from './testing'

const adminUrl = testDatabaseUrl()
if (!adminUrl) console.warn('PostgreSQL account store tests NOT RUN: TEST_DATABASE_URL is not set.')

describe.skipIf(!adminUrl)('PostgreSQL account stores', () => {
  const database = useTestDatabase(adminUrl)
  accountStoresContractSuite('postgres', async () => {
    const storage = await PgStorage.connect(database.url, { schema: uniqueName('s'), max: 4 })
    return { storage, cleanup: () => storage.close() }
  })
})
