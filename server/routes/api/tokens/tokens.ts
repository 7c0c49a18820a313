import type { FastifyInstance } from 'fastify'
import { issueCredential } from '../../../auth/credentials'
import type { AppContext } from '../../../context'
import { requireUser } from '../../../middlewares/auth'
import { validate } from '../../../middlewares/validate'
import { audit } from '../../../services/audit'
import { TokensCreateSchema } from './schema'

/** `POST /api/tokens {label?}`: a bearer token for scripts (`Authorization: Bearer …`, `?token=…`). */
export function tokenRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/tokens', async (request, reply) => {
    const user = requireUser(request)
    const body = validate(TokensCreateSchema, request.body ?? {})
    const issued = await issueCredential(ctx.storage, user, 'token', body.label ?? null)
    await audit(ctx.storage, ctx.now(), { action: 'token.created', actor: user, address: request.ip, data: { label: body.label ?? null } })
    return reply.status(201).send({ token: issued.secret, expiresAt: issued.expiresAt })
  })
}
