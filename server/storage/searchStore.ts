import { PgSearchStore } from './postgres/PgSearchStore'
import { PgStorage } from './postgres/PgStorage'
import type { SearchStore } from './search'
import { SqliteSearchStore } from './sqlite/SqliteSearchStore'
import { SqliteStorage } from './sqlite/SqliteStorage'
import type { Storage } from './Storage'

/** The search index on the same database as `storage` (its own sub-store, opened beside the others). */
export function searchStoreOf(storage: Storage): SearchStore {
  if (storage instanceof SqliteStorage) return new SqliteSearchStore(storage.db)
  if (storage instanceof PgStorage) return new PgSearchStore(storage.pool)
  throw new Error('No search index for this storage.')
}
