import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../../context'
import { requireUser } from '../../../middlewares/auth'

/** `GET /api/member-states`: the Member States (ISO 3166 alpha-3 code and name). */
export function stateRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/member-states', async (request) => {
    requireUser(request)
    return { states: await ctx.storage.listMemberStates() }
  })
}
