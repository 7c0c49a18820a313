import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AppContext } from '../../../context'
import { notFound } from '../../../errors'
import { requirePermission, requireUser } from '../../../middlewares/auth'
import { validate } from '../../../middlewares/validate'
import { audit } from '../../../services/audit'
import { accountStores } from '../../../storage/accountStores'
import { createDraft, draftContent, draftDetail, draftForUser, draftSize, draftSummary } from '../../../services/drafts'
import { changeDraftPhase } from '../../../services/rounds'
import { changeTextMode } from '../../../services/textMode'
import { DraftIdSchema, DraftPatchSchema, DraftsCreateSchema } from './schema'

function draftIdParam(request: FastifyRequest): string {
  const parsed = DraftIdSchema.safeParse((request.params as { id?: unknown }).id)
  if (!parsed.success) throw notFound('Draft')
  return parsed.data
}

/** `GET/POST /api/drafts`, `GET/PATCH /api/drafts/:id`, `GET /api/drafts/:id/content`. */
export function draftRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { storage } = ctx

  app.get('/api/drafts', async (request) => {
    const user = requireUser(request)
    const groups = await storage.listUserGroups(user.id)
    const drafts = (await Promise.all(groups.map((g) => storage.listDrafts(g.id)))).flat()
    // Archived drafts leave the list (still open by their link; the console lists them).
    const archived = await accountStores(storage).accounts.archivedDrafts(drafts.map((d) => d.id))
    return { drafts: drafts.filter((d) => !archived.has(d.id)).map(draftSummary) }
  })

  app.post('/api/drafts', async (request, reply) => {
    const user = requirePermission(request, 'draft.create')
    const body = validate(DraftsCreateSchema, request.body)
    const draft = await createDraft(storage, user, body)
    await audit(storage, ctx.now(), { action: 'draft.created', groupId: draft.groupId, actor: user, target: draft.id, address: request.ip, data: { title: draft.title } })
    return reply.status(201).send({ draft: draftDetail(draft, user) })
  })

  app.get('/api/drafts/:id', async (request) => {
    const user = requireUser(request)
    const draft = await draftForUser(storage, user, draftIdParam(request))
    const health = await storage.docs.getHealth(draft.id)
    // The size and its limits are the secretariat's to watch (who may repair a damaged draft).
    const size = user.role === 'secretariat' ? await draftSize(ctx, draft.id, health) : undefined
    return { draft: draftDetail(draft, user, health, size, (await storage.agreement.openSilence(draft.id))?.deadline ?? null) }
  })

  app.patch('/api/drafts/:id', async (request) => {
    const user = requireUser(request)
    const draft = await draftForUser(storage, user, draftIdParam(request))
    requirePermission(request, 'draft.managePhase')
    const body = validate(DraftPatchSchema, request.body)
    let changed = draft
    if (body.textMode !== undefined) changed = await changeTextMode(ctx, changed, user, body.textMode)
    if (body.phase !== undefined) changed = await changeDraftPhase(ctx, changed, user, body.phase)
    return { draft: draftDetail(changed, user) }
  })

  app.get('/api/drafts/:id/content', async (request) => {
    const user = requireUser(request)
    const draft = await draftForUser(storage, user, draftIdParam(request))
    return draftContent(ctx, draft)
  })
}
