import type { FastifyInstance } from 'fastify'
import type { ImportCreated, ImportPreview } from '../../../../shared/wordImport'
import type { AppContext } from '../../../context'
import { requirePermission } from '../../../middlewares/auth'
import { validate } from '../../../middlewares/validate'
import { audit } from '../../../services/audit'
import { createDraft } from '../../../services/drafts'
import { saveRevision } from '../../../services/revisions'
import { applyInlineMarks } from '../../../word/format'
import { readDocx } from '../../../word/importDocx'
import { DraftsCreateSchema } from '../drafts/schema'
import { acceptWordBodies, wordUpload } from './body'
import { markupRoute } from './markup'
import { DraftImportQuerySchema, uploadName } from './schema'

/**
 * `POST /api/drafts/import`: a new draft from a Word file (`draft.create`: secretariat, rapporteur).
 * `?preview=1` answers the split and stores nothing; otherwise 201 with the draft and its revision 1.
 * `POST /api/drafts/:id/import-markup` (markup.ts): a marked-up export back in as suggestions and threads.
 */
export function importRoutes(app: FastifyInstance, ctx: AppContext): void {
  void app.register(async (scope) => {
    await acceptWordBodies(scope)
    scope.post('/api/drafts/import', async (request, reply) => {
      const user = requirePermission(request, 'draft.create')
      const query = validate(DraftImportQuerySchema, request.query)
      const upload = await wordUpload(request)
      const filename = uploadName(query.filename, upload)
      const { preview, marks } = await readDocx(upload.bytes, filename)
      if (query.preview) return preview satisfies ImportPreview
      // The same checks as a draft typed in: the split must be a valid `POST /api/drafts` body.
      const input = validate(DraftsCreateSchema, { title: query.title ?? preview.title, clauses: preview.clauses, ...(query.group ? { group: query.group } : {}) })
      const draft = await createDraft(ctx.storage, user, input, (doc) => applyInlineMarks(doc, marks))
      const revision = await saveRevision(ctx, draft, user, `Imported from ${filename}`)
      await audit(ctx.storage, ctx.now(), { action: 'draft.created', groupId: draft.groupId, actor: user, target: draft.id, address: request.ip, data: { title: draft.title, importedFrom: filename } })
      const created: ImportCreated = { id: draft.id, title: draft.title, revision: revision.number, warnings: preview.warnings }
      return reply.status(201).send(created)
    })
    markupRoute(scope, ctx)
  })
}
