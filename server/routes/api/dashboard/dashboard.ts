import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../../context'
import { requireUser } from '../../../middlewares/auth'
import { idParam } from '../../../middlewares/params'
import { draftDashboard } from '../../../services/dashboard'
import { draftForUser } from '../../../services/drafts'

/** `GET /api/drafts/:id/dashboard`: the negotiation dashboard's figures, for every member of the draft's group. */
export function dashboardRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/drafts/:id/dashboard', async (request) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    return draftDashboard(ctx, draft)
  })
}
