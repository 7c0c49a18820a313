import type { FastifyInstance, FastifyRequest } from 'fastify'
import { textAccess } from '../../../../shared/permissions'
import type { AppContext } from '../../../context'
import { AppError, badRequest, forbidden, notFound } from '../../../errors'
import { requireUser } from '../../../middlewares/auth'
import { validate } from '../../../middlewares/validate'
import { draftIfMember } from '../../../auth/draftAccess'
import { draftForUser } from '../../../services/drafts'
import { applyMarkup, previewMarkup } from '../../../services/markupImport'
import type { Draft, User } from '../../../storage/Storage'
import { readMarkup } from '../../../word/markup'
import { openWordPackage } from '../../../word/package'
import { DraftIdSchema } from '../drafts/schema'
import { wordUpload } from './body'
import { MarkupImportQuerySchema, uploadName } from './schema'

/** The State the file speaks for: a delegate's own; the secretariat names it. */
async function stateOf(ctx: AppContext, user: User, named: string | undefined): Promise<string> {
  if (user.role === 'delegate') {
    if (!user.stateCode) throw forbidden('Your account speaks for no Member State.')
    if (named && named !== user.stateCode) throw forbidden(`A delegate imports their own State's file (${user.stateCode}), not another's.`)
    return user.stateCode
  }
  if (user.role !== 'secretariat') throw forbidden('A marked-up file comes back from a delegate for their State, or through the secretariat naming the State.')
  if (!named) throw badRequest('Name the State the file came from (?state=KEN).')
  if (!(await ctx.storage.getMemberState(named))) throw badRequest(`${named} is not a Member State.`)
  return named
}

/** 409 for an export of another draft of the user's, 403 for one of another working group. */
async function assertSameDraft(ctx: AppContext, user: User, draft: Draft, exported: string | null): Promise<void> {
  if (!exported) throw new AppError(400, 'not_an_export', 'This Word file is not an export of a Provisio draft (it carries no draft id). To start a new draft from it, use “Import from Word”.')
  if (exported === draft.id) return
  const other = await draftIfMember(ctx.storage, user, exported)
  if (other) throw new AppError(409, 'other_draft', `This file is an export of another draft, “${other.title}”. Import it there.`)
  throw new AppError(403, 'other_group', 'This file is an export of a draft of another working group; it cannot be imported here.')
}

/** `POST /api/drafts/:id/import-markup`: registered in the Word-body scope of importRoutes. */
export function markupRoute(scope: FastifyInstance, ctx: AppContext): void {
  scope.post('/api/drafts/:id/import-markup', async (request: FastifyRequest) => {
    const user = requireUser(request)
    const id = DraftIdSchema.safeParse((request.params as { id?: unknown }).id)
    if (!id.success) throw notFound('Draft')
    const draft = await draftForUser(ctx.storage, user, id.data)
    const query = validate(MarkupImportQuerySchema, request.query)
    const state = await stateOf(ctx, user, query.state)
    if (textAccess(user.role, draft.phase, draft.textMode) === 'read') throw forbidden('The draft is read-only now: its changes cannot be suggested.')
    const upload = await wordUpload(request)
    const markup = readMarkup(openWordPackage(upload.bytes))
    await assertSameDraft(ctx, user, draft, markup.draftId)
    if (query.preview) return previewMarkup(ctx, draft, markup, state)
    return applyMarkup(ctx, draft, user, markup, state, uploadName(query.filename, upload))
  })
}
