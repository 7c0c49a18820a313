import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../../context'
import { notFound } from '../../../errors'
import { requireUser } from '../../../middlewares/auth'
import { idParam } from '../../../middlewares/params'
import { validate } from '../../../middlewares/validate'
import { deleteComment, editComment } from '../../../services/threads'
import type { User } from '../../../storage/Storage'
import { threadFor } from '../threads/load'
import { COMMENT_BODY_LIMIT } from '../threads/schema'
import { CommentEditSchema } from './schema'

async function commentFor(ctx: AppContext, user: User, commentId: string) {
  const comment = await ctx.storage.threads.getComment(commentId)
  if (!comment) throw notFound('Comment')
  return { comment, ...(await threadFor(ctx, user, comment.threadId)) }
}

/** `PATCH /api/comments/:id {body}` (earlier versions kept) and `DELETE /api/comments/:id` (a tombstone stays). */
export function commentRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.patch('/api/comments/:id', { bodyLimit: COMMENT_BODY_LIMIT }, async (request) => {
    const user = requireUser(request)
    const { comment, thread, draft } = await commentFor(ctx, user, idParam(request, 'id', 'Comment'))
    const body = validate(CommentEditSchema, request.body)
    return { thread: await editComment(ctx, draft, thread, comment, user, body.body) }
  })

  app.delete('/api/comments/:id', async (request) => {
    const user = requireUser(request)
    const { comment, thread, draft } = await commentFor(ctx, user, idParam(request, 'id', 'Comment'))
    return { thread: await deleteComment(ctx, draft, thread, comment, user) }
  })
}
