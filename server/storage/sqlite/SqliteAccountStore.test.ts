import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { accountStoresContractSuite } from '../accountsContract'
import { SqliteStorage } from './SqliteStorage'

accountStoresContractSuite('sqlite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'provisio-accounts-'))
  const storage = new SqliteStorage(path.join(dir, 'provisio.db'))
  return {
    storage,
    cleanup: async () => {
      await storage.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
})
