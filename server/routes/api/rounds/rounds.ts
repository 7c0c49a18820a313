import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../../context'
import { notFound } from '../../../errors'
import { requirePermission, requireUser } from '../../../middlewares/auth'
import { idParam } from '../../../middlewares/params'
import { validate } from '../../../middlewares/validate'
import { visibleDraft } from '../../../services/commenting'
import { draftForUser } from '../../../services/drafts'
import { type RoundHook, closeCommentRound, openCommentRound, reopenCommentRound, roundView } from '../../../services/rounds'
import type { User } from '../../../storage/Storage'
import { RoundCreateSchema, RoundReopenSchema } from './schema'

/** Comment rounds: the secretariat opens (consultation until a deadline), closes and reopens them. */
export function roundRoutes(app: FastifyInstance, ctx: AppContext, hook?: RoundHook): void {
  const roundFor = async (user: User, roundId: string) => {
    const round = await ctx.storage.threads.getRound(roundId)
    if (!round) throw notFound('Comment round')
    return { round, draft: await visibleDraft(ctx, user, round.draftId, 'Comment round') }
  }

  app.get('/api/drafts/:id/rounds', async (request) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    return { rounds: (await ctx.storage.threads.listRounds(draft.id)).map((r) => roundView(ctx, r)) }
  })

  app.post('/api/drafts/:id/rounds', async (request, reply) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    requirePermission(request, 'draft.managePhase')
    const body = validate(RoundCreateSchema, request.body)
    return reply.status(201).send({ round: await openCommentRound(ctx, draft, user, body.name, body.deadline, hook) })
  })

  app.post('/api/rounds/:id/close', async (request) => {
    const user = requireUser(request)
    const { round, draft } = await roundFor(user, idParam(request, 'id', 'Comment round'))
    requirePermission(request, 'draft.managePhase')
    return { round: await closeCommentRound(ctx, draft, round, user, hook) }
  })

  app.post('/api/rounds/:id/reopen', async (request) => {
    const user = requireUser(request)
    const { round, draft } = await roundFor(user, idParam(request, 'id', 'Comment round'))
    requirePermission(request, 'draft.managePhase')
    const body = validate(RoundReopenSchema, request.body)
    return { round: await reopenCommentRound(ctx, draft, round, user, body.deadline) }
  })
}
