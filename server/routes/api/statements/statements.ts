import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../../context'
import { requireUser } from '../../../middlewares/auth'
import { idParam } from '../../../middlewares/params'
import { validate } from '../../../middlewares/validate'
import { draftForUser } from '../../../services/drafts'
import { listStatements, recordStatement } from '../../../services/statements'
import { StatementCreateSchema, StatementQuerySchema } from './schema'

/** `POST /api/drafts/:id/statements` (a delegate, as its State) and `GET /api/drafts/:id/statements?clauseId&state&kind`. */
export function statementRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/drafts/:id/statements', async (request, reply) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    const body = validate(StatementCreateSchema, request.body)
    return reply.code(201).send(await recordStatement(ctx, draft, user, body.kind, body.clauseId, body.text))
  })

  app.get('/api/drafts/:id/statements', async (request) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    const query = validate(StatementQuerySchema, request.query)
    return listStatements(ctx, draft, { clauseId: query.clauseId, stateCode: query.state, kind: query.kind })
  })
}
