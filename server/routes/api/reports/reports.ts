import type { FastifyInstance, FastifyReply } from 'fastify'
import { REPORT_HTML_CSP } from '../../../report/writers/html/html'
import type { AppContext } from '../../../context'
import { notFound } from '../../../errors'
import { requirePermission, requireUser } from '../../../middlewares/auth'
import { idParam } from '../../../middlewares/params'
import { validate } from '../../../middlewares/validate'
import { draftForUser } from '../../../services/drafts'
import { createReport, exportReport, listReports, previewReport, reportForUser, reportView, reviseReport } from '../../../services/reports'
import { ExportQuerySchema, PreviewQuerySchema, REPORT_BODY_LIMIT, ReportBodySchema, ReportQuerySchema } from './schema'

/** A report page runs no script and loads nothing, wherever it is opened. */
function htmlHeaders(reply: FastifyReply): void {
  void reply.header('Content-Security-Policy', REPORT_HTML_CSP)
}

/**
 * Rapporteur's reports. Assembling, previewing and revising need `report.assemble` (secretariat,
 * rapporteur); reading and exporting are for every member of the draft's group (others get 404).
 */
export function reportRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/drafts/:id/reports', async (request) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    return { reports: await listReports(ctx, draft) }
  })

  app.post('/api/drafts/:id/reports', { bodyLimit: REPORT_BODY_LIMIT }, async (request, reply) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    requirePermission(request, 'report.assemble')
    const body = validate(ReportBodySchema, request.body)
    return reply.status(201).send({ report: await createReport(ctx, draft, user, body) })
  })

  app.post('/api/drafts/:id/reports/preview', { bodyLimit: REPORT_BODY_LIMIT }, async (request, reply) => {
    const user = requireUser(request)
    const draft = await draftForUser(ctx.storage, user, idParam(request, 'id', 'Draft'))
    requirePermission(request, 'report.assemble')
    const body = validate(ReportBodySchema, request.body)
    const { revising } = validate(PreviewQuerySchema, request.query)
    // A report of another draft (or an unknown one) is as missing as it looks.
    const record = revising ? (await reportForUser(ctx, user, revising)).record : null
    if (record && record.draftId !== draft.id) throw notFound('Report')
    const html = await previewReport(ctx, draft, user, body, record)
    htmlHeaders(reply)
    return reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(html)
  })

  app.get('/api/reports/:id', async (request) => {
    const user = requireUser(request)
    const { record } = await reportForUser(ctx, user, idParam(request, 'id', 'Report'))
    const query = validate(ReportQuerySchema, request.query)
    return { report: await reportView(ctx, record, query.version) }
  })

  app.put('/api/reports/:id', { bodyLimit: REPORT_BODY_LIMIT }, async (request) => {
    const user = requireUser(request)
    const { record, draft } = await reportForUser(ctx, user, idParam(request, 'id', 'Report'))
    requirePermission(request, 'report.assemble')
    const body = validate(ReportBodySchema, request.body)
    return { report: await reviseReport(ctx, record, draft, user, body) }
  })

  app.get('/api/reports/:id/export', async (request, reply) => {
    const user = requireUser(request)
    const { record } = await reportForUser(ctx, user, idParam(request, 'id', 'Report'))
    const query = validate(ExportQuerySchema, request.query)
    const exported = await exportReport(ctx, record, query.format, query.version)
    if (query.format === 'html') htmlHeaders(reply)
    return reply.header('Content-Disposition', exported.disposition).header('Cache-Control', 'private, no-cache').type(exported.contentType).send(exported.body)
  })
}
