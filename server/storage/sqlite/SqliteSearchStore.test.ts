import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { searchStoreContractSuite } from '../searchContract'
import { searchStoreOf } from '../searchStore'
import { SqliteStorage } from './SqliteStorage'

// On a file (WAL), as the server runs it.
searchStoreContractSuite(
  'sqlite',
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'provisio-search-'))
    const storage = new SqliteStorage(path.join(dir, 'provisio.db'))
    return {
      storage,
      cleanup: async () => {
        await storage.close()
        fs.rmSync(dir, { recursive: true, force: true })
      },
    }
  },
  searchStoreOf,
)
