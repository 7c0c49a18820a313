import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../../context'
import { requirePermission } from '../../../middlewares/auth'
import { validate } from '../../../middlewares/validate'
import { AuditQuerySchema } from './schema'

/**
 * `GET /api/audit?action=&limit=&before=`: the audit log, newest first; the secretariat only, and
 * only its own working groups' entries and those about their users. Instance-wide entries (a
 * working group created, failed sign-ins of unknown names) are read with `npm run admin -- audit list`.
 */
export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/audit', async (request) => {
    const user = requirePermission(request, 'audit.read')
    const query = validate(AuditQuerySchema, request.query)
    const groupIds = (await ctx.storage.listUserGroups(user.id)).map((g) => g.id)
    return {
      entries: await ctx.storage.access.listScopedAudit({
        groupIds,
        limit: query.limit,
        ...(query.action && { action: query.action }),
        ...(query.before && { before: query.before }),
      }),
    }
  })
}
