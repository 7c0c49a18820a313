import path from 'node:path'
import type { Config } from '../config'
import { PgStorage } from './postgres/PgStorage'
import { SqliteStorage } from './sqlite/SqliteStorage'
import type { Storage } from './Storage'

/** The SQLite file under $DATA_DIR (the same one `databaseFile()` in app.ts names for the admin tools). */
export const sqliteFile = (config: Pick<Config, 'dataDir'>): string => path.join(config.dataDir, 'provisio.sqlite')

/**
 * PostgreSQL when DATABASE_URL is set (several processes may share it; the schema is migrated on
 * connect), otherwise embedded SQLite in $DATA_DIR.
 */
export async function createStorage(config: Pick<Config, 'dataDir' | 'databaseUrl'>): Promise<Storage> {
  if (config.databaseUrl) return PgStorage.connect(config.databaseUrl)
  return new SqliteStorage(sqliteFile(config))
}
