import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../../context'
import { requireUser } from '../../../middlewares/auth'
import { idParam } from '../../../middlewares/params'
import { validate } from '../../../middlewares/validate'
import { draftForUser } from '../../../services/drafts'
import { positions, recordPosition } from '../../../services/positions'
import { COMMENT_BODY_LIMIT } from '../threads/schema'
import { PositionPutSchema } from './schema'

/** `PUT /api/drafts/:id/clauses/:clauseId/position` (the caller's State) and `GET /api/drafts/:id/positions`. */
export function positionRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.put('/api/drafts/:id/clauses/:clauseId/position', { bodyLimit: COMMENT_BODY_LIMIT }, async (request) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    const clauseId = idParam(request, 'clauseId', 'Clause')
    const body = validate(PositionPutSchema, request.body)
    await recordPosition(ctx, draft, user, clauseId, body.stance, body.statement || null)
    return positions(ctx, draft)
  })

  app.get('/api/drafts/:id/positions', async (request) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    return positions(ctx, draft)
  })
}
