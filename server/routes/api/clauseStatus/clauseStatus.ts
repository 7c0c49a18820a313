import type { FastifyInstance, FastifyRequest } from 'fastify'
import { can } from '../../../../shared/permissions'
import type { AppContext } from '../../../context'
import { requireUser } from '../../../middlewares/auth'
import { idParam } from '../../../middlewares/params'
import { validate } from '../../../middlewares/validate'
import { answerAdReferendum, decideStatusRequest, getClauseStatuses, proposeClauseStatus, reopenClause, setClauseStatus } from '../../../services/clauseStatus'
import { draftForUser } from '../../../services/drafts'
import { ReasonSchema, ReopenSchema, StatusChangeSchema } from './schema'

/** Clause statuses, proposed statuses and ad referendum answers (README "Reaching agreement"). */
export function clauseStatusRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/drafts/:id/statuses', async (request) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    return { statuses: await getClauseStatuses(ctx, draft.id), mayChange: can(user.role, 'clause.setStatus', draft.phase), mayPropose: can(user.role, 'clause.proposeStatus', draft.phase) }
  })

  app.put('/api/drafts/:id/clauses/:clauseId/status', async (request) => {
    const user = requireUser(request)
    const { reason, ...change } = validate(StatusChangeSchema, request.body)
    return { status: await setClauseStatus(ctx, idParam(request, 'id', 'Draft'), idParam(request, 'clauseId', 'Clause'), change, user, reason ?? null) }
  })

  app.post('/api/drafts/:id/clauses/:clauseId/reopen', async (request) => {
    const user = requireUser(request)
    const { reason } = validate(ReopenSchema, request.body)
    return { status: await reopenClause(ctx, idParam(request, 'id', 'Draft'), idParam(request, 'clauseId', 'Clause'), user, reason) }
  })

  app.post('/api/drafts/:id/clauses/:clauseId/status-requests', async (request, reply) => {
    const user = requireUser(request)
    const { reason, ...change } = validate(StatusChangeSchema, request.body)
    const made = await proposeClauseStatus(ctx, idParam(request, 'id', 'Draft'), idParam(request, 'clauseId', 'Clause'), change, user, reason ?? null)
    return reply.code(201).send({ request: made })
  })

  const decide = (confirm: boolean) => async (request: FastifyRequest) => {
    const user = requireUser(request)
    const { reason } = validate(ReasonSchema, request.body ?? {})
    return { request: await decideStatusRequest(ctx, idParam(request, 'id', 'Draft'), idParam(request, 'rid', 'Status request'), confirm, user, reason ?? null) }
  }
  app.post('/api/drafts/:id/status-requests/:rid/confirm', decide(true))
  app.post('/api/drafts/:id/status-requests/:rid/decline', decide(false))

  const answer = (confirm: boolean) => async (request: FastifyRequest) => {
    const user = requireUser(request)
    const { reason } = validate(ReasonSchema, request.body ?? {})
    return { status: await answerAdReferendum(ctx, idParam(request, 'id', 'Draft'), idParam(request, 'clauseId', 'Clause'), confirm, user, reason ?? null) }
  }
  app.post('/api/drafts/:id/clauses/:clauseId/ad-referendum/confirm', answer(true))
  app.post('/api/drafts/:id/clauses/:clauseId/ad-referendum/withdraw', answer(false))
}
