import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../../context'
import { requirePermission } from '../../../middlewares/auth'
import { validate } from '../../../middlewares/validate'
import { AuditQuerySchema } from './schema'

/** `GET /api/audit?action=&limit=&before=`: the audit log, newest first; the secretariat only. */
export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/audit', async (request) => {
    requirePermission(request, 'audit.read')
    const query = validate(AuditQuerySchema, request.query)
    return { entries: await ctx.storage.listAudit({ limit: query.limit, ...(query.action && { action: query.action }), ...(query.before && { before: query.before }) }) }
  })
}
