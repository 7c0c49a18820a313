import type { AccountStore } from './accounts'
import type { NotificationStore } from './notifications'
import { PgAccountStore } from './postgres/PgAccountStore'
import { PgNotificationStore } from './postgres/PgNotificationStore'
import { SqliteAccountStore } from './sqlite/SqliteAccountStore'
import { SqliteNotificationStore } from './sqlite/SqliteNotificationStore'
import { PgStorage } from './postgres/PgStorage'
import { SqliteStorage } from './sqlite/SqliteStorage'
import type { Storage } from './Storage'

export interface AccountStores {
  readonly accounts: AccountStore
  readonly notifications: NotificationStore
}

const made = new WeakMap<Storage, AccountStores>()

/**
 * The console's and the inbox's stores on the same database as `storage` (its tables come with the
 * storage's own migrations); kept beside Storage so the core interface stays narrow.
 */
export function accountStores(storage: Storage): AccountStores {
  const known = made.get(storage)
  if (known) return known
  let stores: AccountStores
  if (storage instanceof SqliteStorage) stores = { accounts: new SqliteAccountStore(storage.db), notifications: new SqliteNotificationStore(storage.db) }
  else if (storage instanceof PgStorage) stores = { accounts: new PgAccountStore(storage.pool), notifications: new PgNotificationStore(storage.pool) }
  else throw new Error('No account stores for this kind of storage.')
  made.set(storage, stores)
  return stores
}
