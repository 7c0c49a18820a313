import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { AppContext } from '../../../context'
import { AppError, conflict } from '../../../errors'
import { requireUser } from '../../../middlewares/auth'
import { validate } from '../../../middlewares/validate'
import { audit } from '../../../services/audit'
import { totpRequiredRoles } from '../../../services/console/settings'
import { checkSecondFactor, newRecoveryCodes, newTotpSecret, totpStep } from '../../../services/console/totp'
import { accountStores } from '../../../storage/accountStores'

const CodeSchema = z.object({ code: z.string().trim().min(6).max(20) }).strict()

/**
 * The signed-in user's second factor: `GET /api/me/security`, `POST /api/me/totp` (a new secret to
 * scan), `POST /api/me/totp/confirm {code}` (on, with recovery codes shown once), `DELETE /api/me/totp
 * {code}` (off, refused while the user's role requires it).
 */
export function totpRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { storage } = ctx
  const { accounts } = accountStores(storage)

  app.get('/api/me/security', async (request) => {
    const user = requireUser(request)
    const totp = await accounts.getTotp(user.id)
    return {
      totp: { enabled: totp?.enabledAt != null, recoveryCodesLeft: await accounts.recoveryCodesLeft(user.id) },
      required: (await totpRequiredRoles(storage)).includes(user.role),
    }
  })

  app.post('/api/me/totp', async (request) => {
    const user = requireUser(request)
    if ((await accounts.getTotp(user.id))?.enabledAt) throw conflict('A second factor is on already; turn it off first to set up another.')
    const { secret, uri } = newTotpSecret(user)
    await accounts.setPendingTotp(user.id, secret)
    return { secret, uri }
  })

  app.post('/api/me/totp/confirm', async (request) => {
    const user = requireUser(request)
    const { code } = validate(CodeSchema, request.body)
    const totp = await accounts.getTotp(user.id)
    if (!totp) throw conflict('Start setting up first (POST /api/me/totp).')
    if (totp.enabledAt) throw conflict('A second factor is on already.')
    const step = await totpStep(ctx, totp.secret, code)
    if (step === null) throw new AppError(400, 'invalid_code', 'That code is not right for this secret now; try the next one.')
    const recovery = newRecoveryCodes()
    await accounts.enableTotp(user.id, ctx.now().toISOString(), step, recovery.hashes)
    await audit(storage, ctx.now(), { action: 'user.totp-enabled', actor: user, target: user.id, address: request.ip })
    return { recoveryCodes: recovery.codes }
  })

  app.delete('/api/me/totp', async (request, reply) => {
    const user = requireUser(request)
    const { code } = validate(CodeSchema, request.body)
    if ((await totpRequiredRoles(storage)).includes(user.role)) throw new AppError(409, 'totp_required', 'Your role must sign in with a second factor: it stays on.')
    if (!(await checkSecondFactor(ctx, user, code))) throw new AppError(403, 'invalid_code', 'That code is wrong; the second factor stays on.')
    await accounts.disableTotp(user.id)
    await audit(storage, ctx.now(), { action: 'user.totp-disabled', actor: user, target: user.id, address: request.ip })
    return reply.status(204).send()
  })
}
