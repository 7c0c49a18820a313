import { databaseFile } from '../app'
import { loadConfig } from '../config'
import { ensureMemberStates } from '../services/demo'
import { PgStorage } from '../storage/postgres/PgStorage'
import { SqliteStorage } from '../storage/sqlite/SqliteStorage'
import { restoreDatabase } from './backup'
import { runAdmin } from './commands'

/** `npm run admin -- …` on the same $DATA_DIR (or DATABASE_URL) as the server. */
async function main(): Promise<number> {
  const config = loadConfig()
  const file = databaseFile(config)
  const [command, backup, ...extra] = process.argv.slice(2)
  if (config.databaseUrl && (command === 'backup' || command === 'restore')) {
    console.error(`${command} works on the SQLite file only; DATABASE_URL is set, so the data is in PostgreSQL: use pg_dump and pg_restore.`)
    return 2
  }
  // Restore replaces the database file itself, so it runs before the database is opened.
  if (command === 'restore') {
    if (!backup || extra.length > 0) {
      console.error('Usage: npm run admin -- restore FILE   (stop the server first)')
      return 2
    }
    try {
      const { replaced } = restoreDatabase(backup, file)
      console.log(`Restored ${file} from ${backup}.`)
      console.log(replaced ? `The database it replaced is kept as ${replaced}.` : 'There was no database before.')
      return 0
    } catch (error) {
      console.error(`Error: ${error instanceof Error ? error.message : String(error)}`)
      return 2
    }
  }
  const storage = config.databaseUrl ? await PgStorage.connect(config.databaseUrl) : new SqliteStorage(file)
  try {
    await ensureMemberStates(storage)
    const result = await runAdmin(process.argv.slice(2), storage, storage instanceof SqliteStorage ? storage : undefined, config)
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
