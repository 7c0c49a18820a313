import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AppContext } from '../../../context'
import { requireUser } from '../../../middlewares/auth'
import { idParam } from '../../../middlewares/params'
import { validate } from '../../../middlewares/validate'
import { draftForUser } from '../../../services/drafts'
import { type SuggestionAction, decideClauseSuggestions, decideSuggestionFor, listSuggestions } from '../../../services/suggestions'
import { AcceptSchema, ClauseDecisionSchema, RejectSchema, SuggestionsQuerySchema } from './schema'

/** `GET /api/drafts/:id/suggestions`, `POST /api/drafts/:id/suggestions/:sid/accept|reject|withdraw`, `POST /api/drafts/:id/clauses/:clauseId/suggestions/accept|reject`. */
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

  // All of a clause's open suggestions, or all of one State's there (`state`): one change, each recorded.
  const clauseDecision = (accept: boolean) => async (request: FastifyRequest) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    const clauseId = idParam(request, 'clauseId', 'Clause')
    const body = validate(ClauseDecisionSchema, request.body ?? {})
    return { suggestions: await decideClauseSuggestions(ctx, draft, user, clauseId, body.state ?? null, accept, accept ? null : (body.reason ?? null)) }
  }
  app.post('/api/drafts/:id/clauses/:clauseId/suggestions/accept', clauseDecision(true))
  app.post('/api/drafts/:id/clauses/:clauseId/suggestions/reject', clauseDecision(false))
}
