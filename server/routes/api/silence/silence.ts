import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../../context'
import { requireUser } from '../../../middlewares/auth'
import { idParam } from '../../../middlewares/params'
import { validate } from '../../../middlewares/validate'
import { draftForUser } from '../../../services/drafts'
import { breakSilence, silences, startSilence } from '../../../services/silence'
import { SilenceBreakSchema, SilenceStartSchema } from './schema'

/** `POST /api/drafts/:id/silence` (secretariat), `POST /api/drafts/:id/silence/break` (a delegate), `GET /api/drafts/:id/silence`. */
export function silenceRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/drafts/:id/silence', async (request, reply) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    const body = validate(SilenceStartSchema, request.body ?? {})
    return reply.code(201).send(await startSilence(ctx, draft, user, body.hours, body.revision))
  })

  app.post('/api/drafts/:id/silence/break', async (request) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    const body = validate(SilenceBreakSchema, request.body)
    return breakSilence(ctx, draft, user, body.reason)
  })

  app.get('/api/drafts/:id/silence', async (request) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    return silences(ctx, draft)
  })
}
