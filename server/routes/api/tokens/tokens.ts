import type { FastifyInstance } from 'fastify'
import { hashSecret, issueCredential } from '../../../auth/credentials'
import type { AppContext } from '../../../context'
import { notFound } from '../../../errors'
import { requireUser } from '../../../middlewares/auth'
import { idParam } from '../../../middlewares/params'
import { validate } from '../../../middlewares/validate'
import { audit } from '../../../services/audit'
import type { Credential } from '../../../storage/Storage'
import { TokensCreateSchema } from './schema'

const tokenView = (t: Credential) => ({ id: t.id, label: t.label, createdAt: t.createdAt, expiresAt: t.expiresAt, endsWithSession: t.sessionHash !== null })

/**
 * Bearer tokens for scripts (`Authorization: Bearer …`, `?token=…`): `POST /api/tokens
 * {label?, expiresInDays?}` (30 days unless given, at most 90), `GET /api/tokens` (the caller's own,
 * never the secret), `DELETE /api/tokens/:id`. A token made from a signed-in session ends when that
 * session signs out; one made with a token belongs to the same session.
 */
export function tokenRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/tokens', async (request, reply) => {
    const user = requireUser(request)
    const body = validate(TokensCreateSchema, request.body ?? {})
    const made = request.credentialSecret ? await ctx.storage.getCredential(hashSecret(request.credentialSecret), ctx.now()) : null
    const sessionHash = made?.kind === 'session' ? made.tokenHash : (made?.sessionHash ?? null)
    const issued = await issueCredential(ctx.storage, user, 'token', { label: body.label ?? null, days: body.expiresInDays, sessionHash, now: ctx.now() })
    await audit(ctx.storage, ctx.now(), { action: 'token.created', actor: user, address: request.ip, data: { label: body.label ?? null, id: issued.id } })
    return reply.status(201).send({ token: issued.secret, id: issued.id, expiresAt: issued.expiresAt, endsWithSession: sessionHash !== null })
  })

  app.get('/api/tokens', async (request) => {
    const user = requireUser(request)
    return { tokens: (await ctx.storage.access.listTokens(user.id, ctx.now())).map(tokenView) }
  })

  app.delete('/api/tokens/:id', async (request, reply) => {
    const user = requireUser(request)
    const id = idParam(request, 'id', 'Token')
    const hash = await ctx.storage.access.deleteToken(user.id, id)
    if (!hash) throw notFound('Token')
    await ctx.access.credentialsEnded([hash])
    await audit(ctx.storage, ctx.now(), { action: 'token.revoked', actor: user, address: request.ip, data: { id } })
    return reply.status(204).send()
  })
}
