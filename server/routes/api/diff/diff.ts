import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AppContext } from '../../../context'
import { notFound } from '../../../errors'
import { requireUser } from '../../../middlewares/auth'
import { validate } from '../../../middlewares/validate'
import { draftForUser } from '../../../services/drafts'
import { clauseHistory, diffDraft, markSeen } from '../../../services/revisions'
import { DraftIdSchema } from '../drafts/schema'
import { ClauseIdSchema } from '../revisions/schema'
import { DiffQuerySchema } from './schema'

function draftId(request: FastifyRequest): string {
  const parsed = DraftIdSchema.safeParse((request.params as { id?: unknown }).id)
  if (!parsed.success) throw notFound('Draft')
  return parsed.data
}

/**
 * `GET /api/drafts/:id/diff?from=N|seen&to=M|current`, `POST /api/drafts/:id/seen` and
 * `GET /api/drafts/:id/clauses/:clauseId/history`: for every member of the draft's group.
 */
export function diffRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/drafts/:id/diff', async (request) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, draftId(request))
    const query = validate(DiffQuerySchema, request.query)
    return diffDraft(ctx, draft, user, query.from, query.to, query.changesOnly)
  })

  // Whether (and when) the user last had the draft open: the client asks before asking for a diff from it.
  app.get('/api/drafts/:id/seen', async (request) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, draftId(request))
    const seen = await ctx.storage.revisions.getSeen(user.id, draft.id)
    return { seenAt: seen?.seenAt ?? null }
  })

  app.post('/api/drafts/:id/seen', async (request) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, draftId(request))
    return markSeen(ctx, draft, user)
  })

  app.get('/api/drafts/:id/clauses/:clauseId/history', async (request) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, draftId(request))
    const clauseId = ClauseIdSchema.safeParse((request.params as { clauseId?: unknown }).clauseId)
    if (!clauseId.success) throw notFound('Clause')
    return clauseHistory(ctx, draft, clauseId.data)
  })
}
