import type { FastifyRequest } from 'fastify'
import { AppError } from '../../errors'
import type { Storage } from '../../storage/Storage'
import { mustSetUpTotp } from './settings'

/** What a user who must set up a second factor may still do: see who they are, set it up, sign out (and keep the bell's stream, a count, from failing). */
const ALLOWED = new Set(['GET /api/me', 'GET /api/session', 'DELETE /api/session', 'GET /api/me/security', 'POST /api/me/totp', 'POST /api/me/totp/confirm', 'GET /api/notifications/stream'])

/**
 * A user whose role requires a second factor and who has none yet may do nothing else until it is
 * on (403 `totp_setup_required`), bearer tokens included: so tokens, too, need the factor first.
 */
export async function assertSecondFactorSetUp(storage: Storage, request: FastifyRequest): Promise<void> {
  const user = request.user
  if (!user) return
  const path = request.url.split('?')[0] ?? ''
  const method = request.method === 'HEAD' ? 'GET' : request.method
  if (ALLOWED.has(`${method} ${path}`)) return
  if (await mustSetUpTotp(storage, user)) throw new AppError(403, 'totp_setup_required', 'Your role must sign in with a second factor: set it up first (Account).')
}
