import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AppContext } from '../../../context'
import { requireUser } from '../../../middlewares/auth'
import { idParam } from '../../../middlewares/params'
import { validate } from '../../../middlewares/validate'
import { draftForUser } from '../../../services/drafts'
import { type SuggestionAction, decideSuggestionFor, listSuggestions } from '../../../services/suggestions'
import { AcceptSchema, RejectSchema, SuggestionsQuerySchema } from './schema'

/** `GET /api/drafts/:id/suggestions`, `POST /api/drafts/:id/suggestions/:sid/accept|reject|withdraw`. */
export function suggestionRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/drafts/:id/suggestions', async (request) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    const query = validate(SuggestionsQuerySchema, request.query)
    const suggestions = await listSuggestions(ctx, draft, { ...(query.state && { stateCode: query.state }), ...(query.clause && { clauseId: query.clause }), ...(query.status && { status: query.status }) })
    return { suggestions }
  })

  const decision = (action: SuggestionAction) => async (request: FastifyRequest) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    const sid = idParam(request, 'sid', 'Suggestion')
    const body = action === 'reject' ? validate(RejectSchema, request.body ?? {}) : (validate(AcceptSchema, request.body ?? {}), {})
    const reason = 'reason' in body && body.reason ? body.reason : null
    return { suggestion: await decideSuggestionFor(ctx, draft, user, sid, action, reason) }
  }
  app.post('/api/drafts/:id/suggestions/:sid/accept', decision('accept'))
  app.post('/api/drafts/:id/suggestions/:sid/reject', decision('reject'))
  app.post('/api/drafts/:id/suggestions/:sid/withdraw', decision('withdraw'))
}
