import { escapeIdentifier, type Pool, type PoolClient } from 'pg'
import { all, transaction } from './db'
import { MIGRATIONS } from './migrations/index'

export { MIGRATIONS }

/** Key of the advisory lock migrations run under ("PROV" in ASCII): one migrating process per database. */
export const MIGRATION_LOCK = 0x50524f56

async function lockAndPrepare(client: PoolClient, schema: string | undefined): Promise<Set<number>> {
  // Held until the transaction ends: a second process starting at the same time waits here, then sees the work done.
  await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
  if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${escapeIdentifier(schema)}`)
  await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)')
  const rows = await all<{ version: number }>(client, 'SELECT version FROM schema_migrations')
  return new Set(rows.map((r) => r.version))
}

/**
 * Applies every migration not yet recorded in `schema_migrations`, in version order, each in its own
 * transaction under `pg_advisory_xact_lock`, so processes starting together cannot both migrate.
 * `schema` is created first when given. Returns the newest version.
 */
export async function migrate(pool: Pool, schema?: string): Promise<number> {
  const applied = await transaction(pool, (client) => lockAndPrepare(client, schema))
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue
    await transaction(pool, async (client) => {
      // Another process may have applied it between our check and this lock.
      if ((await lockAndPrepare(client, schema)).has(migration.version)) return
      await client.query(migration.sql)
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ])
    })
  }
  return MIGRATIONS.at(-1)?.version ?? 0
}
