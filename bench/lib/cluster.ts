import { Redis } from 'ioredis'
import { Client } from 'pg'
import type { ClauseInput } from '../../shared/draft/ydoc'
import { PgStorage } from '../../server/storage/postgres/PgStorage'
import { type TestDatabase, createTestDatabase, uniqueName } from '../../server/storage/postgres/throwaway'
import { buildDraft, buildGroup, buildUser, tokenFor } from '../../server/testing/factories'
import type { Processes, ServerChild } from './processes'
import type { BenchDraft, Target } from './servers'

/**
 * Our server on PostgreSQL, alone or as a pair sharing drafts over Redis (README, "Several
 * processes"): a fresh database per run (created beside BENCH_DATABASE_URL's, dropped at the end),
 * seeded before the servers start; every process is `bench/lib/oursServer.ts` (createServer, as
 * `npm start`) with DATABASE_URL and, for the pair, REDIS_URL.
 */
export interface ClusterUrls {
  /** A PostgreSQL server where the benchmark may create (and drop) a database. */
  readonly database: string
  readonly redis: string
}

export function clusterUrls(): ClusterUrls {
  return {
    database: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    redis: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
  }
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return '(not a URL)'
  }
}

const PROBE_TIMEOUT_MS = 3_000
const message = (error: unknown): string => (error instanceof Error ? error.message || error.name : String(error))

/** Why PostgreSQL or Redis cannot be used (each must answer within 3 s), or null when both answer. */
export async function unavailable(urls: ClusterUrls): Promise<string | null> {
  const pg = new Client({ connectionString: urls.database, connectionTimeoutMillis: PROBE_TIMEOUT_MS })
  pg.on('error', () => undefined)
  try {
    await pg.connect()
    await pg.query('SELECT 1')
  } catch (error) {
    return `PostgreSQL at ${redact(urls.database)} does not answer (${message(error)}); set BENCH_DATABASE_URL`
  } finally {
    await pg.end().catch(() => undefined)
  }
  const redis = new Redis(urls.redis, { lazyConnect: true, connectTimeout: PROBE_TIMEOUT_MS, maxRetriesPerRequest: 0, retryStrategy: () => null })
  // ioredis rejects with "Connection is closed."; the cause comes as an 'error' event.
  let cause: unknown = null
  redis.on('error', (error: unknown) => {
    cause ??= error
  })
  try {
    await redis.connect()
    await redis.ping()
  } catch (error) {
    return `Redis at ${redact(urls.redis)} does not answer (${message(cause ?? error)}); set BENCH_REDIS_URL`
  } finally {
    redis.disconnect()
  }
  return null
}

export interface Cluster {
  /** One process: DATABASE_URL, no REDIS_URL. */
  readonly one: Target
  /** Two processes: the same DATABASE_URL and REDIS_URL. */
  readonly a: Target
  readonly b: Target
  readonly drafts: readonly BenchDraft[]
  readonly databaseName: string
  stop(): Promise<void>
}

const DELEGATES = 4

async function seed(url: string, drafts: readonly (readonly ClauseInput[])[], clients: number): Promise<{ tokens: string[]; seeded: BenchDraft[] }> {
  const storage = await PgStorage.connect(url, { max: 2 }) // migrates the fresh database
  try {
    const group = await buildGroup(storage, { name: 'Benchmark Working Group' })
    const rapporteur = await buildUser(storage, { role: 'rapporteur', group })
    const delegates = []
    for (let i = 0; i < DELEGATES; i++) delegates.push(await buildUser(storage, { role: 'delegate', group }))
    const tokens: string[] = []
    for (let i = 0; i < clients; i++) tokens.push(await tokenFor(storage, delegates[i % DELEGATES] ?? rapporteur))
    const seeded: BenchDraft[] = []
    for (const [i, clauses] of drafts.entries()) {
      const draft = await buildDraft(storage, rapporteur, { title: `Scale-out draft ${i + 1}`, clauses: [...clauses] })
      const state = (await storage.docs.load(draft.id)).snapshot
      if (!state) throw new Error('the seeded draft has no snapshot')
      seeded.push({ id: draft.id, state })
    }
    return { tokens, seeded }
  } finally {
    await storage.close()
  }
}

function target(server: ServerChild, token: (client: number) => string): Target {
  const base = `ws://127.0.0.1:${server.port}/collab`
  return {
    kind: 'ours',
    server,
    providerUrl: (client) => ({ serverUrl: base, params: { token: token(client) } }),
    url: (draftId, client) => `${base}/${draftId}?token=${encodeURIComponent(token(client))}`,
    token,
  }
}

/** Creates and seeds a fresh database, then starts the lone process and the pair on it (`pin`: taskset, a core each). */
export async function startCluster(
  processes: Processes,
  urls: ClusterUrls,
  drafts: readonly (readonly ClauseInput[])[],
  clients: number,
  pin = false,
): Promise<Cluster> {
  const database: TestDatabase = await createTestDatabase(urls.database, uniqueName('provisio_bench'))
  const dataDir = processes.tempDir('scaleout') // unused with DATABASE_URL, but the config names one
  const children: ServerChild[] = []
  try {
    const { tokens, seeded } = await seed(database.url, drafts, clients)
    const token = (client: number) => tokens[client % tokens.length] ?? ''
    const env = (redis: string) => ({ DATA_DIR: dataDir, DATABASE_URL: database.url, REDIS_URL: redis })
    // The schema is in place (seeding migrated it): the three start together.
    // `pin`: one process per core (the lone one shares core 0 with pair-a; they are never measured together).
    const start = (name: string, redis: string, cpu: string) => processes.start(name, 'bench/lib/oursServer.ts', env(redis), pin ? cpu : undefined)
    const settled = await Promise.allSettled([start('one', '', '0'), start('pair-a', urls.redis, '0'), start('pair-b', urls.redis, '1')])
    for (const s of settled) if (s.status === 'fulfilled') children.push(s.value)
    const failed = settled.find((s) => s.status === 'rejected')
    if (failed) throw failed.reason
    const [one, a, b] = children as [ServerChild, ServerChild, ServerChild]
    return {
      one: target(one, token),
      a: target(a, token),
      b: target(b, token),
      drafts: seeded,
      databaseName: database.name,
      async stop() {
        await Promise.all(children.map((c) => c.stop()))
        processes.removeDir(dataDir)
        await database.drop()
      },
    }
  } catch (error) {
    await Promise.all(children.map((c) => c.stop()))
    await database.drop().catch(() => undefined)
    throw error
  }
}
