import type { FastifyInstance, FastifyRequest } from 'fastify'
import { can } from '../../../../shared/permissions'
import type { AppContext } from '../../../context'
import { forbidden, notFound } from '../../../errors'
import { requireUser } from '../../../middlewares/auth'
import { validate } from '../../../middlewares/validate'
import { draftForUser } from '../../../services/drafts'
import { audit } from '../../../services/audit'
import { listRevisions, restoreRevision, revisionDetail, saveRevision } from '../../../services/revisions'
import { DraftIdSchema } from '../drafts/schema'
import { RevisionNumberSchema, RevisionsCreateSchema, RevisionsRestoreSchema } from './schema'

function params(request: FastifyRequest): { id: string; n: string | undefined } {
  const raw = request.params as { id?: unknown; n?: unknown }
  const id = DraftIdSchema.safeParse(raw.id)
  if (!id.success) throw notFound('Draft')
  return { id: id.data, n: typeof raw.n === 'string' ? raw.n : undefined }
}

function revisionNumber(n: string | undefined): number {
  const parsed = RevisionNumberSchema.safeParse(n)
  if (!parsed.success) throw notFound('Revision')
  return parsed.data
}

/**
 * `GET/POST /api/drafts/:id/revisions`, `GET /api/drafts/:id/revisions/:n`,
 * `POST /api/drafts/:id/revisions/:n/restore`. Reading is for every member of the draft's group
 * (others get the draft's 404); saving needs `revision.create`, restoring `revision.restore`.
 */
export function revisionRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/drafts/:id/revisions', async (request) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, params(request).id)
    return { revisions: await listRevisions(ctx, draft) }
  })

  app.post('/api/drafts/:id/revisions', async (request, reply) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, params(request).id)
    if (!can(user.role, 'revision.create')) throw forbidden()
    const body = validate(RevisionsCreateSchema, request.body)
    return reply.status(201).send(await saveRevision(ctx, draft, user, body.label))
  })

  app.get('/api/drafts/:id/revisions/:n', async (request) => {
    const user = requireUser(request)
    const { id, n } = params(request)
    const draft = await draftForUser(ctx.storage, user, id)
    return revisionDetail(ctx, draft, revisionNumber(n))
  })

  app.post('/api/drafts/:id/revisions/:n/restore', async (request) => {
    const user = requireUser(request)
    const { id, n } = params(request)
    const draft = await draftForUser(ctx.storage, user, id)
    if (!can(user.role, 'revision.restore', draft.phase)) throw forbidden(draft.phase === 'closed' ? 'This draft is closed.' : undefined)
    const body = validate(RevisionsRestoreSchema, request.body ?? {})
    const restored = await restoreRevision(ctx, draft, user, revisionNumber(n), body.clauseId)
    await audit(ctx.storage, ctx.now(), { action: 'revision.restored', groupId: draft.groupId, actor: user, target: draft.id, address: request.ip, data: { revision: restored.revision, clauseId: body.clauseId ?? null } })
    return restored
  })
}
