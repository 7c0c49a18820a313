import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../../context'
import { requireUser } from '../../../middlewares/auth'
import { validate } from '../../../middlewares/validate'
import { searchDrafts } from '../../../services/search'
import { SearchQuerySchema } from './schema'

/** `GET /api/search?q=…[&draft=ID&kind=text|comment|event&state=KEN&limit=N]`: the drafts of the user's working groups. */
export function searchRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/search', async (request) => {
    const user = requireUser(request)
    const query = validate(SearchQuerySchema, request.query)
    return searchDrafts(ctx, user, query)
  })
}
