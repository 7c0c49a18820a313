import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { InvitationResponse } from '../../../../shared/consoleApi'
import { checkPassphrase } from '../../../auth/passphrase'
import { hashPassword } from '../../../auth/passwords'
import { FailureThrottle } from '../../../auth/throttle'
import type { AppContext } from '../../../context'
import { AppError, tooManyRequests } from '../../../errors'
import { requirePermission } from '../../../middlewares/auth'
import { validate } from '../../../middlewares/validate'
import { audit } from '../../../services/audit'
import { consumeLink, invitationText, issueLink, resetText } from '../../../services/console/links'
import { consoleUser } from '../../../services/console/scope'
import { createAccount, groupFor } from '../../../services/console/users'
import { accountStores } from '../../../storage/accountStores'
import { InvitationSchema, LinkUseSchema, ResetRequestSchema } from './schema'

/** A stored hash no password matches: an invited account signs in only once its link set one. */
const NO_PASSWORD = '!invited'

/** A free username from the address's local part: `amina.k`, else `amina.k-2`, … */
async function freeUsername(ctx: AppContext, email: string): Promise<string> {
  const base = (email.split('@')[0] ?? 'user').replace(/[^A-Za-z0-9._-]/g, '').replace(/^[^A-Za-z0-9]+/, '').slice(0, 56) || 'user'
  const stem = base.length >= 2 ? base : `${base}-user`
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? stem : `${stem}-${n}`
    if (!(await ctx.storage.getUserByUsername(candidate))) return candidate
  }
}

/**
 * Invitations and password resets by one-time link (hashed, 7 days, once): `POST /api/invitations`
 * (secretariat), `POST /api/invitations/accept`, `POST /api/password-reset` (the same answer whether
 * or not the address exists) and `POST /api/password-reset/confirm`. Using links is throttled per
 * address: a guessed token counts as a failure.
 */
export function invitationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { storage } = ctx
  const guesses = new FailureThrottle(10)
  const resetRequests = new FailureThrottle(5)

  app.post('/api/invitations', async (request, reply) => {
    const actor = requirePermission(request, 'users.manage')
    const body = validate(InvitationSchema, request.body)
    const group = await groupFor(ctx, actor, body.group)
    const username = body.username ?? (await freeUsername(ctx, body.email))
    const displayName = body.displayName ?? username
    const user = await createAccount(ctx, actor, { username, displayName, role: body.role, state: body.state, email: body.email, group: group.slug }, NO_PASSWORD)
    const link = await issueLink(ctx, user, 'invitation')
    const message = invitationText(user, actor, link.url, group.name)
    const emailSent = await ctx.mail.send({ to: body.email, toName: user.displayName, ...message })
    await audit(storage, ctx.now(), { action: 'invitation.sent', groupId: group.id, actor, target: user.id, address: request.ip, data: { username, role: user.role, emailSent } })
    const answer: InvitationResponse = { user: await consoleUser(ctx, actor, user), expiresAt: link.expiresAt, emailSent, ...(ctx.mail.enabled ? {} : { link: link.url }) }
    return reply.status(201).send(answer)
  })

  /** Checks the new password, then takes the link (a weak password does not use it up). */
  const useLink = async (request: FastifyRequest, kind: 'invitation' | 'reset') => {
    const body = validate(LinkUseSchema, request.body)
    const weak = checkPassphrase(body.password)
    if (weak) throw new AppError(400, 'weak_password', `password: ${weak.message}`, { rule: weak.rule })
    const key = [`ip:${request.ip}`]
    const wait = guesses.retryAfter(key)
    const reserved = wait > 0 ? null : guesses.reserve(key)
    if (!reserved || !('at' in reserved)) {
      await audit(storage, ctx.now(), { action: 'link.throttled', address: request.ip, data: { kind } })
      throw tooManyRequests(Math.max(wait, 1))
    }
    let user
    try {
      user = await consumeLink(ctx, body.token, kind)
    } catch (error) {
      // The reservation stays as the failure.
      await audit(storage, ctx.now(), { action: 'link.refused', address: request.ip, data: { kind } })
      throw error
    }
    guesses.release(key, reserved.at)
    // Every session and token ends: whoever knew the old password is out.
    const ended = await storage.access.replacePassword(user.id, await hashPassword(body.password), '')
    await ctx.access.credentialsEnded(ended)
    await audit(storage, ctx.now(), { action: kind === 'invitation' ? 'invitation.accepted' : 'user.password-reset', actor: user, target: user.id, address: request.ip, data: { credentialsEnded: ended.length } })
    return { username: user.username }
  }

  app.post('/api/invitations/accept', async (request) => useLink(request, 'invitation'))
  app.post('/api/password-reset/confirm', async (request) => useLink(request, 'reset'))

  app.post('/api/password-reset', async (request, reply) => {
    const body = validate(ResetRequestSchema, request.body)
    const key = [`ip:${request.ip}`, `email:${body.email.toLowerCase()}`]
    const wait = resetRequests.retryAfter(key)
    if (wait > 0) throw tooManyRequests(wait)
    resetRequests.fail(key)
    // Not awaited: answering only after a lookup and a send would tell by its time that the address exists.
    void (async () => {
      const userId = await accountStores(storage).accounts.userIdByEmail(body.email)
      const user = userId ? await storage.getUser(userId) : null
      if (!user || (await storage.access.isDisabled(user.id))) return
      const link = await issueLink(ctx, user, 'reset')
      const sent = await ctx.mail.send({ to: body.email, toName: user.displayName, ...resetText(user, link.url) })
      await audit(storage, ctx.now(), { action: 'user.reset-requested', target: user.id, address: request.ip, data: { emailSent: sent } })
    })().catch((error: unknown) => ctx.log.warn({ err: error }, 'could not send a reset link'))
    // The same answer whether or not the address is known.
    return reply.status(202).send({ message: 'If this address belongs to an account, a link to choose a new password is on its way.' })
  })
}
