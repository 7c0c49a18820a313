import type { FastifyInstance } from 'fastify'
import type { PasswordChangeResponse } from '../../../../shared/api'
import { hashSecret } from '../../../auth/credentials'
import { checkPassphrase } from '../../../auth/passphrase'
import { hashPassword, verifyPassword } from '../../../auth/passwords'
import type { AppContext } from '../../../context'
import { AppError, tooManyRequests, unauthorized } from '../../../errors'
import { requireUser } from '../../../middlewares/auth'
import { validate } from '../../../middlewares/validate'
import { audit } from '../../../services/audit'
import { PasswordChangeSchema } from './schema'

/**
 * `POST /api/me/password {current, next}`: the signed-in user replaces their password. The new one
 * meets the passphrase rule (400 `weak_password`, checked first, counting no attempt); the current
 * one is checked under the sign-in throttle (same keys: guesses here and at sign-in share one
 * budget), 403 `wrong_password` when wrong. On success every other session and token of the user
 * ends (tokens made from this session too); the credential the request came with stays.
 */
export function passwordRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { storage, signInThrottle } = ctx

  app.post('/api/me/password', async (request): Promise<PasswordChangeResponse> => {
    const user = requireUser(request)
    const secret = request.credentialSecret
    if (!secret) throw unauthorized()
    const body = validate(PasswordChangeSchema, request.body)
    const weak = checkPassphrase(body.next)
    if (weak) throw new AppError(400, 'weak_password', `next: ${weak.message}`, { rule: weak.rule })

    const userKey = [`user:${user.username.toLowerCase()}`]
    const addressKey = [`ip:${request.ip}`]
    // Check and reserve in one synchronous step (no await between), as sign-in does.
    const wait = Math.max(signInThrottle.byUser.retryAfter(userKey), signInThrottle.byAddress.retryAfter(addressKey))
    const byUser = wait > 0 ? null : signInThrottle.byUser.reserve(userKey)
    const byAddress = wait > 0 ? null : signInThrottle.byAddress.reserve(addressKey)
    if (!byUser || !byAddress || !('at' in byUser) || !('at' in byAddress)) {
      await audit(storage, ctx.now(), { action: 'user.password-throttled', actor: user, target: user.id, address: request.ip })
      throw tooManyRequests(Math.max(wait, 1))
    }
    // Read again: the hash may have changed since the request was authenticated.
    const stored = await storage.getUser(user.id)
    if (!stored || !(await verifyPassword(body.current, stored.passwordHash))) {
      // The reservation stays as the failure.
      await audit(storage, ctx.now(), { action: 'user.password-failed', actor: user, target: user.id, address: request.ip })
      throw new AppError(403, 'wrong_password', 'The current password is wrong; nothing was changed.')
    }
    signInThrottle.byUser.succeed(userKey)
    signInThrottle.byAddress.release(addressKey, byAddress.at)

    const ended = await storage.access.replacePassword(user.id, await hashPassword(body.next), hashSecret(secret))
    // Their open websockets and event streams close, here and in every other process.
    await ctx.access.credentialsEnded(ended)
    await audit(storage, ctx.now(), {
      action: 'user.password-changed',
      actor: user,
      target: user.id,
      address: request.ip,
      data: { credentialsEnded: ended.length, via: request.bearerAuthenticated ? 'token' : 'session' },
    })
    return { credentialsEnded: ended.length }
  })
}
