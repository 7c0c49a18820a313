import type { FastifyInstance } from 'fastify'
import type { SessionView } from '../../../../shared/consoleApi'
import { hashSecret } from '../../../auth/credentials'
import type { AppContext } from '../../../context'
import { notFound, unauthorized } from '../../../errors'
import { requireUser } from '../../../middlewares/auth'
import { idParam } from '../../../middlewares/params'
import { audit } from '../../../services/audit'
import { accountStores } from '../../../storage/accountStores'

/**
 * The signed-in user's sessions (tokens are `/api/tokens`): `GET /api/sessions`, `DELETE
 * /api/sessions/:id` (that session and the tokens made from it end), `POST /api/sessions/end-others`
 * (every session and token but the one of this request). Their websockets and event streams close (4401).
 */
export function sessionListRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { accounts } = accountStores(ctx.storage)
  const currentHash = (secret: string | null) => (secret ? hashSecret(secret) : null)

  app.get('/api/sessions', async (request): Promise<{ sessions: SessionView[] }> => {
    const user = requireUser(request)
    const current = currentHash(request.credentialSecret)
    const made = current ? await ctx.storage.getCredential(current, ctx.now()) : null
    // A token's request: its session is "current" too.
    const mine = made?.kind === 'token' ? made.sessionHash : current
    const sessions = await accounts.listSessions(user.id, ctx.now())
    return { sessions: sessions.map((s) => ({ id: s.id, createdAt: s.createdAt, expiresAt: s.expiresAt, current: s.tokenHash === mine })) }
  })

  app.delete('/api/sessions/:id', async (request, reply) => {
    const user = requireUser(request)
    const id = idParam(request, 'id', 'Session')
    const ended = await accounts.deleteSession(user.id, id)
    if (ended.length === 0) throw notFound('Session')
    await ctx.access.credentialsEnded(ended)
    await audit(ctx.storage, ctx.now(), { action: 'session.ended', actor: user, target: user.id, address: request.ip, data: { id, credentialsEnded: ended.length } })
    return reply.status(204).send()
  })

  app.post('/api/sessions/end-others', async (request) => {
    const user = requireUser(request)
    const current = currentHash(request.credentialSecret)
    if (!current) throw unauthorized()
    const ended = await accounts.deleteOtherCredentials(user.id, current)
    await ctx.access.credentialsEnded(ended)
    await audit(ctx.storage, ctx.now(), { action: 'session.ended-others', actor: user, target: user.id, address: request.ip, data: { credentialsEnded: ended.length } })
    return { credentialsEnded: ended.length }
  })
}
