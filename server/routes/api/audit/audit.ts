import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../../context'
import { requirePermission } from '../../../middlewares/auth'
import { validate } from '../../../middlewares/validate'
import { auditCsv, filteredAudit } from './filter'
import { AuditQuerySchema } from './schema'

/**
 * `GET /api/audit?action=&actor=&from=&to=&limit=&before=`: the audit log, newest first; the
 * secretariat only, and only its own working groups' entries and those about their users.
 * `GET /api/audit.csv` with the same filters: the same entries as CSV. Instance-wide entries (a
 * working group created, failed sign-ins of unknown names) are read with `npm run admin -- audit list`.
 */
export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const entries = async (request: Parameters<typeof requirePermission>[0]) => {
    const user = requirePermission(request, 'audit.read')
    const query = validate(AuditQuerySchema, request.query)
    const groupIds = (await ctx.storage.listUserGroups(user.id)).map((g) => g.id)
    return filteredAudit(ctx, groupIds, query)
  }

  app.get('/api/audit', async (request) => ({ entries: await entries(request) }))

  app.get('/api/audit.csv', async (request, reply) => {
    const csv = auditCsv(await entries(request))
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="provisio-audit.csv"').send(csv)
  })
}
