import { databaseFile } from '../app'
import { loadConfig } from '../config'
import { ensureMemberStates } from '../services/demo'
import { SqliteStorage } from '../storage/sqlite/SqliteStorage'
import { runAdmin } from './commands'

/** `npm run admin -- …` on the same $DATA_DIR as the server. */
async function main(): Promise<number> {
  const storage = new SqliteStorage(databaseFile(loadConfig()))
  try {
    await ensureMemberStates(storage)
    const result = await runAdmin(process.argv.slice(2), storage)
    const print = result.code === 0 ? console.log : console.error
    for (const line of result.out) print(line)
    return result.code
  } finally {
    await storage.close()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
