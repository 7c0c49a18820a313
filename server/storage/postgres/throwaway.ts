/** Throwaway PostgreSQL databases (tests and benchmarks); never imported by the server. */
import { randomBytes } from 'node:crypto'
import { Client, escapeIdentifier } from 'pg'

export interface TestDatabase {
  readonly name: string
  readonly url: string
  drop(): Promise<void>
}

export const uniqueName = (prefix: string): string => `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`

async function onAdmin<T>(adminUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/**
 * A fresh, empty database beside the one `adminUrl` names (or, given a `name`, that database, created
 * if missing); `drop()` removes it and ends its connections.
 */
export async function createTestDatabase(adminUrl: string, name = uniqueName('provisio_test')): Promise<TestDatabase> {
  await onAdmin(adminUrl, async (client) => {
    // Only this process's tests use a given name, one at a time: checking first cannot race.
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${escapeIdentifier(name)}`)
  })
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  let dropped: Promise<void> | null = null
  return {
    name,
    url: url.toString(),
    drop() {
      dropped ??= onAdmin(adminUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(name)} WITH (FORCE)`)
      })
      return dropped
    },
  }
}
