import fs from 'node:fs'
import { type IncomingMessage, type Server, type ServerResponse, createServer as createHttpServer } from 'node:http'
import path from 'node:path'
import cookie from '@fastify/cookie'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance, LogController } from 'fastify'
import pino, { type Logger } from 'pino'
import type * as Y from 'yjs'
import { FailureThrottle } from './auth/throttle'
import type { Config } from './config'
import type { AppContext } from './context'
import { notFound } from './errors'
import { errorHandler } from './http/errorHandler'
import { RateLimiter } from './http/rateLimit'
import { assertSameOriginWrite, securityHeaders } from './http/security'
import { authenticate } from './middlewares/auth'
import { diffRoutes } from './routes/api/diff/diff'
import { auditRoutes } from './routes/api/audit/audit'
import { guideRoutes } from './routes/guide/guide'
import { commentRoutes } from './routes/api/comments/comments'
import { draftRoutes } from './routes/api/drafts/drafts'
import { importRoutes } from './routes/api/imports/imports'
import { suggestionRoutes } from './routes/api/suggestions/suggestions'
import { clauseStatusRoutes } from './routes/api/clauseStatus/clauseStatus'
import { dashboardRoutes } from './routes/api/dashboard/dashboard'
import { historyRoutes } from './routes/api/history/history'
import { passwordRoutes } from './routes/api/me/password'
import { positionRoutes } from './routes/api/positions/positions'
import { reportRoutes } from './routes/api/reports/reports'
import { roundRoutes } from './routes/api/rounds/rounds'
import { revisionRoutes } from './routes/api/revisions/revisions'
import { sessionRoutes } from './routes/api/session/session'
import { stateRoutes } from './routes/api/states/states'
import { threadRoutes } from './routes/api/threads/threads'
import { tokenRoutes } from './routes/api/tokens/tokens'
import { consoleRoutes } from './routes/api/console/console'
import { invitationRoutes } from './routes/api/invitations/invitations'
import { totpRoutes } from './routes/api/me/totp'
import { notificationRoutes } from './routes/api/notifications/notifications'
import { sessionListRoutes } from './routes/api/sessions/sessions'
import { userRoutes } from './routes/api/users/users'
import { assertSecondFactorSetUp } from './services/console/totpGate'
import { Mailer } from './services/mail/mailer'
import { InboxBus } from './services/notifications/inboxBus'
import { NotificationService } from './services/notifications/notifications'
import { NotificationScheduler } from './services/notifications/scheduler'
import { RedisBus } from './collaboration/redisBus'
import { ACCESS_POLL_MS, AccessService } from './services/access'
import { CollaborationService } from './services/collaboration'
import { ClauseHistory } from './services/clauseHistory'
import { DraftEventBus } from './services/eventBus'
import { loadStoredDoc } from './services/drafts'
import { searchRoutes } from './routes/api/search/search'
import { silenceRoutes } from './routes/api/silence/silence'
import { statementRoutes } from './routes/api/statements/statements'
import { meetingRoutes } from './routes/api/meetings/meetings'
import { SilenceScheduler } from './services/silenceScheduler'
import { SEARCH_INDEX_DELAY_MS, SearchIndexer } from './search/indexer'
import { searchStoreOf } from './storage/searchStore'
import { revisionOnRound } from './services/revisions'
import { createStorage } from './storage/createStorage'
import { acquireLock } from './storage/sqlite/serverLock'
import type { Storage } from './storage/Storage'

export interface ProvisioServer {
  readonly ctx: AppContext
  readonly http: FastifyInstance
  /** Every route registered (method and URL, HEAD included), as Fastify announced them: the route walk test covers each. */
  readonly routes: readonly { readonly method: string; readonly url: string }[]
  /** Listens on the configured host and port (0: any free port); returns the bound URL. */
  listen(): Promise<{ url: string; port: number }>
  close(): Promise<void>
}

export interface ServerOptions {
  readonly storage?: Storage
  readonly logger?: Logger
  /** Folder of the built client; served with an SPA fallback when present. */
  readonly clientDir?: string
  /** The clock for comment-round deadlines (tests pass a movable one). */
  readonly now?: () => Date
  /** How long after a clause's last edit its text is re-indexed for search (tests shorten it). */
  readonly searchIndexDelayMs?: number
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function databaseFile(config: Config): string {
  return path.join(config.dataDir, 'provisio.sqlite')
}

/** Wires storage, the HTTP API, the collaboration websocket and the static client into one server. */
export async function createServer(config: Config, options: ServerOptions = {}): Promise<ProvisioServer> {
  const log = options.logger ?? pino({ level: config.logLevel })
  // The server holds $DATA_DIR/provisio.lock while it uses the SQLite file there: `admin restore` refuses meanwhile.
  const lock = options.storage || config.databaseUrl ? null : acquireLock(config.dataDir)
  let storage: Storage
  try {
    storage = options.storage ?? (await createStorage(config))
  } catch (error) {
    lock?.release()
    throw error
  }
  const http: FastifyInstance = Fastify<Server, IncomingMessage, ServerResponse>({
    loggerInstance: log,
    // Per-request lines only when debugging: they would drown the log under load.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
    bodyLimit: config.maxBodyBytes,
    trustProxy: false,
    // Live event streams stay open indefinitely: close them with the server.
    forceCloseConnections: true,
    // Slow clients (slowloris): headers and whole requests have deadlines; Node checks them this often.
    serverFactory: (handler) =>
      createHttpServer(
        {
          headersTimeout: config.httpHeadersTimeoutMs,
          requestTimeout: Math.max(config.httpRequestTimeoutMs, config.httpHeadersTimeoutMs),
          connectionsCheckingInterval: Math.max(25, Math.min(1000, Math.floor(config.httpHeadersTimeoutMs / 4))),
        },
        handler,
      ),
  })
  // REDIS_URL: drafts, presence and live events are shared with the other processes on it.
  const bus = config.redisUrl ? await RedisBus.connect(config.redisUrl, log, config.redisRetryMs) : null
  const events = new DraftEventBus(bus, log)
  const now = options.now ?? (() => new Date())
  // Who changed which clause: events written from the stored updates of the collaboration websocket.
  const history = new ClauseHistory(storage, events, log, now)
  // The search index follows the same stored updates (debounced per clause) and every published event.
  let collabRef: CollaborationService | null = null
  const readDraft = async <T>(draftId: string, read: (doc: Y.Doc) => T): Promise<T> => {
    const live = collabRef?.loadedDoc(draftId)
    if (live) return read(live)
    const doc = await loadStoredDoc(storage, draftId)
    try {
      return read(doc)
    } finally {
      doc.destroy()
    }
  }
  const search = new SearchIndexer(storage, searchStoreOf(storage), readDraft, log, options.searchIndexDelayMs ?? SEARCH_INDEX_DELAY_MS)
  events.observe((draftId, event) => search.eventPublished(draftId, event))
  const collab = new CollaborationService(storage, config, log, bus, {
    record: (...args) => {
      history.record(...args)
      search.record(args[0], args[1], args[2], args[3])
    },
  })
  collabRef = collab
  // One watcher of the access change log per process: rights changed anywhere reach this process's sockets.
  const access = new AccessService(storage, collab, log, ACCESS_POLL_MS)
  access.start()
  const publicUrl = (): string => {
    if (config.publicUrl) return config.publicUrl
    const address = http.server.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    return `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`
  }
  // Notifications: stored per recipient, rung live, mailed by the scheduler (which every process runs).
  const mail = new Mailer(config.smtpUrl, config.mailFrom, log)
  const inbox = new InboxBus(bus, log)
  let scheduler: NotificationScheduler | null = null
  const notifications = new NotificationService(storage, mail, inbox, log, now, () => void scheduler?.tick())
  scheduler = new NotificationScheduler(storage, notifications, mail, log, now, publicUrl)
  const notifyScheduler = scheduler
  history.onSuggestionDecided = (decision) => notifications.suggestionDecided(decision)
  notifyScheduler.start()
  const ctx: AppContext = {
    config,
    storage,
    collab,
    access,
    log,
    signInThrottle: { byUser: new FailureThrottle(5), byAddress: new FailureThrottle(30) },
    events,
    search,
    now,
    mail,
    inbox,
    notifications,
    notifyScheduler,
    publicUrl,
    clauseHistory: history,
    silence: new SilenceScheduler(config.silencePollMs, log),
  }
  // Every process settles due silences (at start too: a deadline passed while it was down).
  ctx.silence.start(ctx)

  const routes: { method: string; url: string }[] = []
  http.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url })
  })
  await http.register(cookie)
  http.decorateRequest('user', null)
  http.decorateRequest('credentialSecret', null)
  http.decorateRequest('bearerAuthenticated', false)
  http.setErrorHandler(errorHandler(log))
  const resolveUser = authenticate(storage)
  const writes = new RateLimiter(Math.max(10, Math.ceil(config.writesPerMinute / 5)), config.writesPerMinute)
  http.addHook('onRequest', async (request, reply) => {
    securityHeaders(request, reply)
    if (!request.url.startsWith('/api/')) return
    await resolveUser(request)
    assertSameOriginWrite(request)
    // A role that must have a second factor does nothing else until it is set up.
    await assertSecondFactorSetUp(storage, request)
    // Sign-in has its own, stricter throttle on failures.
    if (UNSAFE_METHODS.has(request.method) && request.url !== '/api/session') writes.take(request.user?.id ?? `ip:${request.ip}`)
  })

  sessionRoutes(http, ctx)
  passwordRoutes(http, ctx)
  tokenRoutes(http, ctx)
  draftRoutes(http, ctx)
  importRoutes(http, ctx)
  revisionRoutes(http, ctx)
  diffRoutes(http, ctx)
  stateRoutes(http, ctx)
  threadRoutes(http, ctx)
  commentRoutes(http, ctx)
  positionRoutes(http, ctx)
  // A revision is saved when a comment round opens and when it closes.
  roundRoutes(http, ctx, revisionOnRound)
  historyRoutes(http, ctx)
  suggestionRoutes(http, ctx)
  clauseStatusRoutes(http, ctx)
  dashboardRoutes(http, ctx)
  reportRoutes(http, ctx)
  auditRoutes(http, ctx)
  userRoutes(http, ctx)
  invitationRoutes(http, ctx)
  consoleRoutes(http, ctx)
  totpRoutes(http, ctx)
  sessionListRoutes(http, ctx)
  notificationRoutes(http, ctx)
  searchRoutes(http, ctx)
  silenceRoutes(http, ctx)
  statementRoutes(http, ctx)
  meetingRoutes(http, ctx)
  guideRoutes(http)

  const clientDir = options.clientDir
  const hasClient = clientDir !== undefined && fs.existsSync(path.join(clientDir, 'index.html'))
  if (hasClient) await http.register(fastifyStatic, { root: clientDir, wildcard: false, index: ['index.html'] })
  http.setNotFoundHandler(async (request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/collab/')
    if (hasClient && wantsPage) return reply.type('text/html').sendFile('index.html')
    throw notFound(request.url.startsWith('/api/') ? 'API route' : 'Page')
  })

  collab.attach(http.server)

  let closing: Promise<void> | null = null
  return {
    ctx,
    http,
    routes,
    async listen() {
      await http.listen({ host: config.host, port: config.port })
      const address = http.server.address()
      const port = typeof address === 'object' && address ? address.port : config.port
      const host = config.host.includes(':') ? `[${config.host}]` : config.host
      return { url: `http://${host}:${port}`, port }
    },
    close() {
      closing ??= (async () => {
        try {
          await notifyScheduler.stop()
          await ctx.silence.stop()
          await access.stop()
          await collab.close()
          await search.close()
          await http.close()
          await bus?.close()
          await storage.close()
          mail.close()
        } finally {
          lock?.release()
        }
      })()
      return closing
    },
  }
}
