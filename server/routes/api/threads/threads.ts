import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../../context'
import { requireUser } from '../../../middlewares/auth'
import { idParam } from '../../../middlewares/params'
import { validate } from '../../../middlewares/validate'
import { draftForUser } from '../../../services/drafts'
import { applyProposal, declineProposal } from '../../../services/proposals'
import { suggestProposal } from '../../../services/proposalSuggestions'
import { createThread, reply as replyTo, setStatus } from '../../../services/threads'
import { threadViews } from '../../../services/threadViews'
import { threadFor } from './load'
import { COMMENT_BODY_LIMIT, CommentCreateSchema, ProposalApplySchema, ProposalDeclineSchema, ThreadsCreateSchema, ThreadsQuerySchema } from './schema'

/** Threads on a draft's clauses: list, open, reply, resolve/reopen, apply/decline a proposal or turn it into suggestions. */
export function threadRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/drafts/:id/threads', async (request) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    const query = validate(ThreadsQuerySchema, request.query)
    const threads = await ctx.storage.threads.listThreads(draft.id, {
      ...(query.clause && { clauseId: query.clause }),
      ...(query.state && { authorState: query.state }),
      ...(query.status && { status: query.status }),
      ...(query.round && { roundId: query.round }),
    })
    return { threads: await threadViews(ctx, draft, threads) }
  })

  app.post('/api/drafts/:id/threads', { bodyLimit: COMMENT_BODY_LIMIT }, async (request, reply) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    const body = validate(ThreadsCreateSchema, request.body)
    return reply.status(201).send({ thread: await createThread(ctx, draft, user, body) })
  })

  app.post('/api/threads/:id/comments', { bodyLimit: COMMENT_BODY_LIMIT }, async (request, reply) => {
    const user = requireUser(request)
    const { thread, draft } = await threadFor(ctx, user, idParam(request, 'id', 'Thread'))
    const body = validate(CommentCreateSchema, request.body)
    return reply.status(201).send({ thread: await replyTo(ctx, draft, thread, user, body.body) })
  })

  for (const [action, status] of [['resolve', 'resolved'], ['reopen', 'open']] as const) {
    app.post(`/api/threads/:id/${action}`, async (request) => {
      const user = requireUser(request)
      const { thread, draft } = await threadFor(ctx, user, idParam(request, 'id', 'Thread'))
      return { thread: await setStatus(ctx, draft, thread, user, status) }
    })
  }

  app.post('/api/threads/:id/proposal/apply', { bodyLimit: COMMENT_BODY_LIMIT }, async (request) => {
    const user = requireUser(request)
    const { thread, draft } = await threadFor(ctx, user, idParam(request, 'id', 'Thread'))
    const body = validate(ProposalApplySchema, request.body ?? {})
    return { thread: await applyProposal(ctx, draft, thread, user, body.expected) }
  })

  app.post('/api/threads/:id/proposal/suggest', { bodyLimit: COMMENT_BODY_LIMIT }, async (request) => {
    const user = requireUser(request)
    const { thread, draft } = await threadFor(ctx, user, idParam(request, 'id', 'Thread'))
    const body = validate(ProposalApplySchema, request.body ?? {})
    return { thread: await suggestProposal(ctx, draft, thread, user, body.expected) }
  })

  app.post('/api/threads/:id/proposal/decline', { bodyLimit: COMMENT_BODY_LIMIT }, async (request) => {
    const user = requireUser(request)
    const { thread, draft } = await threadFor(ctx, user, idParam(request, 'id', 'Thread'))
    const body = validate(ProposalDeclineSchema, request.body)
    return { thread: await declineProposal(ctx, draft, thread, user, body.reason) }
  })
}
