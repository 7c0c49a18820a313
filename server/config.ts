import path from 'node:path'
import { z } from 'zod'

const MiB = 1024 * 1024

const EnvSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_PAYLOAD_BYTES: z.coerce.number().int().positive().default(8 * MiB),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1 * MiB),
  COMPACT_AFTER_UPDATES: z.coerce.number().int().positive().default(500),
  COMPACT_AFTER_BYTES: z.coerce.number().int().positive().default(4 * MiB),
  AWARENESS_BATCH_MS: z.coerce.number().int().min(0).default(50),
  SEND_BUFFER_LIMIT_BYTES: z.coerce.number().int().positive().default(32 * MiB),
  MAX_SOCKETS_PER_USER: z.coerce.number().int().positive().default(12),
  MAX_SOCKETS_PER_DRAFT: z.coerce.number().int().positive().default(300),
  PRESENCE_STATE_MAX_BYTES: z.coerce.number().int().positive().default(4096),
  ROOM_PRESENCE_MAX_BYTES: z.coerce.number().int().positive().default(256 * 1024),
  PRESENCE_QUERY_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
  UPDATE_MAX_STRUCTS: z.coerce.number().int().positive().default(100_000),
  UPDATE_MAX_DELETE_RANGES: z.coerce.number().int().positive().default(50_000),
  UPDATE_MAX_CHARS: z.coerce.number().int().positive().default(4_000_000),
  UPDATE_MAX_ITEM_CHARS: z.coerce.number().int().positive().default(200_000),
  UPDATE_MAX_SPLITS: z.coerce.number().int().positive().default(5_000),
  UPDATE_BUDGET_MINUTES: z.coerce.number().positive().default(3),
  UPDATES_PER_MINUTE: z.coerce.number().int().positive().default(6_000),
  DRAFT_MAX_BYTES: z.coerce.number().int().positive().default(32 * MiB),
  DRAFT_MAX_ITEMS: z.coerce.number().int().positive().default(500_000),
  SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  WRITES_PER_MINUTE: z.coerce.number().int().positive().default(600),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  // Empty means unset, so `DATABASE_URL=` in an env file keeps SQLite.
  DATABASE_URL: z.union([z.literal(''), z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')]).optional(),
  // Empty means unset: a single process, no cross-process sync.
  REDIS_RETRY_MS: z.coerce.number().int().positive().default(50),
  PEER_HEARTBEAT_MS: z.coerce.number().int().min(100).default(2000),
  SILENCE_POLL_MS: z.coerce.number().int().min(50).default(5000),
  REDIS_URL: z.union([z.literal(''), z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL')]).optional(),
  // Empty means unset: no e-mail (the console says so).
  SMTP_URL: z.union([z.literal(''), z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')]).optional(),
  MAIL_FROM: z.string().min(3).default('Provisio <provisio@localhost>'),
  PUBLIC_URL: z.union([z.literal(''), z.string().regex(/^https?:\/\/[^/?#]+$/, 'must be http(s)://host[:port] without a path')]).optional(),
})

export interface Config {
  readonly host: string
  readonly port: number
  readonly dataDir: string
  readonly logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL']
  /** Largest websocket message accepted; larger ones close with 1009. */
  readonly maxPayloadBytes: number
  /** Largest HTTP request body accepted; larger ones get 413. */
  readonly maxBodyBytes: number
  /** Compact a draft's update log into a snapshot after this many updates … */
  readonly compactAfterUpdates: number
  /** … or this many bytes of updates, whichever comes first. */
  readonly compactAfterBytes: number
  /** Awareness (presence) changes are broadcast in batches at most this often. */
  readonly awarenessBatchMs: number
  /** A client whose unsent data passes this is closed (4429) instead of growing server memory. */
  readonly sendBufferLimitBytes: number
  /** Websockets one user may hold open on this process (all drafts); beyond it closed with 4409. */
  readonly maxSocketsPerUser: number
  /** Websockets one draft may have on this process; beyond it closed with 4409. */
  readonly maxSocketsPerDraft: number
  /** Largest presence state one connection may announce; beyond it closed with 4417. */
  readonly presenceStateMaxBytes: number
  /** All presence of one draft together; states beyond it are not taken. */
  readonly roomPresenceMaxBytes: number
  /** A connection's "query presence" is answered at most this often (extra ones ignored). */
  readonly presenceQueryIntervalMs: number
  readonly secureCookies: boolean
  /** One update may bring at most this many structs … */
  readonly updateMaxStructs: number
  /** … delete this many ranges … */
  readonly updateMaxDeleteRanges: number
  /** … insert this many characters … */
  readonly updateMaxChars: number
  /** … in items of at most this many characters … */
  readonly updateMaxItemChars: number
  /** … and split at most this many existing items; beyond any of them it is refused (4413). */
  readonly updateMaxSplits: number
  /** A connection may spend this many updates' worth of the limits above per minute (refused beyond: 4420). */
  readonly updateBudgetMinutes: number
  /** A connection may send at most this many updates per minute (4420 beyond). */
  readonly updatesPerMinute: number
  /** A draft may hold at most this many encoded bytes … */
  readonly draftMaxBytes: number
  /** … and this many items (structs, tombstones included); an update that would pass either is refused (4414). */
  readonly draftMaxItems: number
  /** API writes (POST/PUT/PATCH/DELETE) allowed per user (or address) and minute, bursts of a fifth of it. */
  readonly writesPerMinute: number
  /** A client must have sent a request's headers within this time (else 408 and closed) … */
  readonly httpHeadersTimeoutMs: number
  /** … and the whole request, body included, within this one (at least the headers' timeout). */
  readonly httpRequestTimeoutMs: number
  /** PostgreSQL (`postgres://…`) shared by several processes; null: embedded SQLite in dataDir. */
  readonly databaseUrl: string | null
  /** Redis (`redis://…`) carrying document updates, presence and live events between processes; null: one process. */
  readonly redisUrl: string | null
  /** Wait before the n-th attempt to reconnect to Redis: n × this, at most 2 s. */
  readonly redisRetryMs: number
  /** Processes sharing Redis say they are alive this often; one silent for 3 × this is gone (its clients' presence too). */
  readonly peerHeartbeatMs: number
  /** How often each process looks for silences past their deadline (settled once across processes). */
  readonly silencePollMs: number
  /** SMTP server for invitations, resets and notifications (`smtp://user:pass@host:587`); null: e-mail is off. */
  readonly smtpUrl: string | null
  /** The From of every e-mail. */
  readonly mailFrom: string
  /** The address people open the app at, for links in e-mails; null: http://HOST:PORT as bound. */
  readonly publicUrl: string | null
}

/** Reads the configuration from the environment; an invalid value stops start-up with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid configuration: ${issues}`)
  }
  const e = parsed.data
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    maxPayloadBytes: e.MAX_PAYLOAD_BYTES,
    maxBodyBytes: e.MAX_BODY_BYTES,
    compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
    compactAfterBytes: e.COMPACT_AFTER_BYTES,
    awarenessBatchMs: e.AWARENESS_BATCH_MS,
    sendBufferLimitBytes: e.SEND_BUFFER_LIMIT_BYTES,
    maxSocketsPerUser: e.MAX_SOCKETS_PER_USER,
    maxSocketsPerDraft: e.MAX_SOCKETS_PER_DRAFT,
    presenceStateMaxBytes: e.PRESENCE_STATE_MAX_BYTES,
    roomPresenceMaxBytes: e.ROOM_PRESENCE_MAX_BYTES,
    presenceQueryIntervalMs: e.PRESENCE_QUERY_INTERVAL_MS,
    secureCookies: e.SECURE_COOKIES === 'true',
    updateMaxStructs: e.UPDATE_MAX_STRUCTS,
    updateMaxDeleteRanges: e.UPDATE_MAX_DELETE_RANGES,
    updateMaxChars: e.UPDATE_MAX_CHARS,
    updateMaxItemChars: e.UPDATE_MAX_ITEM_CHARS,
    updateMaxSplits: e.UPDATE_MAX_SPLITS,
    updateBudgetMinutes: e.UPDATE_BUDGET_MINUTES,
    updatesPerMinute: e.UPDATES_PER_MINUTE,
    draftMaxBytes: e.DRAFT_MAX_BYTES,
    draftMaxItems: e.DRAFT_MAX_ITEMS,
    writesPerMinute: e.WRITES_PER_MINUTE,
    httpHeadersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
    httpRequestTimeoutMs: Math.max(e.HTTP_REQUEST_TIMEOUT_MS, e.HTTP_HEADERS_TIMEOUT_MS),
    databaseUrl: e.DATABASE_URL || null,
    redisUrl: e.REDIS_URL || null,
    redisRetryMs: e.REDIS_RETRY_MS,
    peerHeartbeatMs: e.PEER_HEARTBEAT_MS,
    silencePollMs: e.SILENCE_POLL_MS,
    smtpUrl: e.SMTP_URL || null,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.PUBLIC_URL || null,
    ...overrides,
  }
}
