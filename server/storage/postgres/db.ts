import { Pool, type PoolClient, type QueryResultRow, TypeOverrides } from 'pg'

/** What both a pool and a checked-out client offer: one query at a time. */
export type Queryable = Pick<PoolClient, 'query'>

export interface PoolOptions {
  /** Connections per process (default 10). */
  readonly max?: number
  /** A schema of its own (created if missing) instead of the server's default search path. */
  readonly schema?: string
  /** Called when an idle connection fails (the pool drops it); without a listener that would crash the process. */
  readonly onError?: (error: Error) => void
}

/** Connections per process unless told otherwise. */
export const DEFAULT_POOL_SIZE = 10
const INT8_OID = 20
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/

// Ids, counts and sums are bigint: return them as numbers, as better-sqlite3 does, and refuse silent rounding.
function parseInt8(value: string): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${value} does not fit a JavaScript number`)
  return n
}

export function createPool(url: string, options: PoolOptions = {}): Pool {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) throw new Error(`Invalid schema name "${options.schema}"`)
  // Per pool, not pg's global parsers: another library in the process keeps pg's defaults.
  const types = new TypeOverrides()
  types.setTypeParser(INT8_OID, parseInt8)
  const pool = new Pool({
    connectionString: url,
    max: options.max ?? DEFAULT_POOL_SIZE,
    application_name: 'provisio',
    // An unreachable database (or a pool starved for this long) fails the request instead of hanging it.
    connectionTimeoutMillis: 10_000,
    types,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  })
  const onError = options.onError ?? ((error: Error) => console.error(`PostgreSQL connection error: ${error.message}`))
  pool.on('error', onError)
  return pool
}

export async function all<T extends QueryResultRow>(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  return (await db.query<T>(sql, [...params])).rows
}

export async function first<T extends QueryResultRow>(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<T | null> {
  return (await db.query<T>(sql, [...params])).rows[0] ?? null
}

/** Runs a statement and returns how many rows it touched. */
export async function run(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<number> {
  return (await db.query(sql, [...params])).rowCount ?? 0
}

/** `fn` inside BEGIN … COMMIT on one pooled connection; ROLLBACK (and the error) when it throws. */
export async function transaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    await client.query(begin)
    const result = await fn(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    try {
      await client.query('ROLLBACK')
    } catch (rollbackError) {
      // A connection that cannot roll back is not handed to the next caller.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))
    }
    throw error
  } finally {
    client.release(broken)
  }
}

/** A unique violation (23505) of the named constraint or unique index. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  return error instanceof Error && 'code' in error && error.code === '23505' && 'constraint' in error && error.constraint === constraint
}
