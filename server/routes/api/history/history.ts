import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../../context'
import { hashSecret } from '../../../auth/credentials'
import { requireUser } from '../../../middlewares/auth'
import { idParam } from '../../../middlewares/params'
import { validate } from '../../../middlewares/validate'
import { draftForUser } from '../../../services/drafts'
import { People } from '../../../services/people'
import { historyEvent } from '../../../services/threadViews'
import { HistoryQuerySchema } from './schema'

const KEEP_ALIVE_MS = 25_000

/** `GET /api/drafts/:id/history` (filtered, time order) and `GET /api/drafts/:id/events` (live, server-sent events). */
export function historyRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/drafts/:id/history', async (request) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    const query = validate(HistoryQuerySchema, request.query)
    const events = await ctx.storage.threads.listEvents(draft.id, {
      ...(query.state && { actorState: query.state }),
      ...(query.clause && { clauseId: query.clause }),
      ...(query.status && { threadStatus: query.status }),
      ...(query.round && { roundId: query.round }),
      ...(query.author && { actorId: query.author }),
    })
    const people = new People(ctx.storage)
    const views = []
    for (const event of events) if (!query.type || event.type === query.type) views.push(await historyEvent(event, people))
    return { events: views }
  })

  app.get('/api/drafts/:id/events', async (request, reply) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    reply.hijack()
    const out = reply.raw
    out.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    })
    const unsubscribe = ctx.events.subscribe(draft.id, (event) => {
      out.write(`id: ${event.id}\nevent: draft-event\ndata: ${JSON.stringify(event)}\n\n`)
    })
    const keepAlive = setInterval(() => out.write(': keep-alive\n\n'), KEEP_ALIVE_MS)
    // Ended at once when the reader may no longer read (signed out, removed, disabled), in any process.
    const forget = ctx.access.openStream({ userId: user.id, credentialHash: hashSecret(request.credentialSecret ?? ''), draftId: draft.id, end: () => out.end() })
    const stop = () => {
      clearInterval(keepAlive)
      unsubscribe()
      forget()
    }
    request.raw.on('close', stop)
    out.on('error', stop)
    // "connected" once events of other processes (Redis) reach this stream too.
    await ctx.events.whenSubscribed(draft.id)
    out.write('retry: 3000\n: connected\n\n')
  })
}
