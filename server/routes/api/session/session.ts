import type { FastifyInstance } from 'fastify'
import type { MeResponse } from '../../../../shared/api'
import { SESSION_COOKIE, hashSecret, issueCredential, readBearer } from '../../../auth/credentials'
import { DUMMY_HASH_PROMISE, verifyPassword } from '../../../auth/passwords'
import type { AppContext } from '../../../context'
import { AppError, invalidCredentials, tooManyRequests } from '../../../errors'
import { requireUser } from '../../../middlewares/auth'
import { validate } from '../../../middlewares/validate'
import { audit } from '../../../services/audit'
import { mustSetUpTotp } from '../../../services/console/settings'
import { checkSecondFactor, hasSecondFactor } from '../../../services/console/totp'
import { publicUser } from '../../../services/users'
import type { User } from '../../../storage/Storage'
import { SessionCreateSchema } from './schema'

/** `POST /api/session` (sign in), `DELETE /api/session` (sign out), `GET /api/me`. */
export function sessionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { storage, signInThrottle } = ctx
  let dummyHash: Promise<string> | null = null

  app.post('/api/session', async (request, reply) => {
    const body = validate(SessionCreateSchema, request.body)
    const userKey = [`user:${body.username.toLowerCase()}`]
    const addressKey = [`ip:${request.ip}`]
    // Check and reserve in one synchronous step (no await between): concurrent guesses each count.
    const wait = Math.max(signInThrottle.byUser.retryAfter(userKey), signInThrottle.byAddress.retryAfter(addressKey))
    const byUser = wait > 0 ? null : signInThrottle.byUser.reserve(userKey)
    const byAddress = wait > 0 ? null : signInThrottle.byAddress.reserve(addressKey)
    if (!byUser || !byAddress || !('at' in byUser) || !('at' in byAddress)) {
      await audit(storage, ctx.now(), { action: 'session.throttled', actorName: body.username, address: request.ip })
      throw tooManyRequests(Math.max(wait, 1))
    }

    const user = await storage.getUserByUsername(body.username)
    // Verify against a dummy hash for unknown users, so response time does not reveal who exists.
    dummyHash ??= DUMMY_HASH_PROMISE()
    const valid = await verifyPassword(body.password, user?.passwordHash ?? (await dummyHash))
    if (!user || !valid) {
      // The reservation stays as the failure.
      // A known user is the target: the failure shows in the audit log of that user's groups.
      await audit(storage, ctx.now(), { action: 'session.failed', actorName: body.username, target: user?.id ?? null, address: request.ip })
      throw invalidCredentials()
    }
    // A disabled account signs in no more; it is told so only once the password is right.
    if (await storage.access.isDisabled(user.id)) {
      await audit(storage, ctx.now(), { action: 'session.disabled', actorName: body.username, target: user.id, address: request.ip })
      throw new AppError(403, 'account_disabled', 'This account is disabled.')
    }
    // The second factor, once the password is right; a missing or wrong code keeps the reservation as a failure.
    if (await hasSecondFactor(ctx, user.id)) {
      if (!body.code) throw new AppError(401, 'totp_required', 'Enter the code of your authenticator app, or a recovery code.')
      if (!(await checkSecondFactor(ctx, user, body.code))) {
        await audit(storage, ctx.now(), { action: 'session.code-failed', actorName: body.username, target: user.id, address: request.ip })
        throw new AppError(401, 'invalid_code', 'That code is wrong or was used already.')
      }
    }
    signInThrottle.byUser.succeed(userKey)
    signInThrottle.byAddress.release(addressKey, byAddress.at)
    const issued = await issueCredential(storage, user, 'session')
    await audit(storage, ctx.now(), { action: 'session.signed-in', actor: user, address: request.ip })
    void reply.setCookie(SESSION_COOKIE, issued.secret, {
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.secureCookies,
      path: '/',
      expires: new Date(issued.expiresAt),
    })
    return { user: await publicUser(storage, user), totpSetupRequired: await mustSetUpTotp(storage, user) }
  })

  /**
   * Sign out. With a bearer token: that token is revoked (and its websockets closed), the cookie is
   * left alone. With the session cookie: the session ends, and with it every token made from it.
   */
  app.delete('/api/session', async (request, reply) => {
    const bearer = readBearer(request.headers.authorization)
    const secret = bearer ?? request.cookies[SESSION_COOKIE]
    if (secret) {
      const hash = hashSecret(secret)
      const credential = await storage.getCredential(hash, ctx.now())
      await storage.deleteCredential(hash)
      const tokens = credential?.kind === 'session' ? await storage.access.deleteSessionTokens(hash) : []
      await ctx.access.credentialsEnded([hash, ...tokens])
      if (credential) {
        const action = credential.kind === 'token' ? 'token.revoked' : 'session.signed-out'
        await audit(storage, ctx.now(), { action, actor: request.user, address: request.ip, data: { id: credential.id, tokensEnded: tokens.length } })
      }
    }
    if (!bearer) void reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.status(204).send()
  })

  const meOf = async (user: User): Promise<MeResponse> => {
    const groups = await storage.listUserGroups(user.id)
    return {
      user: await publicUser(storage, user),
      groups: groups.map((g) => ({ id: g.id, slug: g.slug, name: g.name })),
    }
  }

  app.get('/api/me', async (request): Promise<MeResponse> => meOf(requireUser(request)))

  // The app asks this on start: signed out is an answer (200, me null), not an error in the console.
  app.get('/api/session', async (request): Promise<{ me: MeResponse | null }> => ({ me: request.user ? await meOf(request.user) : null }))
}
