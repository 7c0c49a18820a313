import type { FastifyRequest } from 'fastify'
import { type Action, type Phase, can } from '../../shared/permissions'
import { SESSION_COOKIE, readBearer, resolveCredential } from '../auth/credentials'
import { forbidden, unauthorized } from '../errors'
import type { Storage, User } from '../storage/Storage'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user (session cookie or bearer token), resolved once per request. */
    user: User | null
    /** The raw credential secret that authenticated the request. */
    credentialSecret: string | null
    /** True only when a valid `Authorization: Bearer` token authenticated the request. */
    bearerAuthenticated: boolean
  }
}

/** A hook that resolves the caller from `Authorization: Bearer …` or the session cookie. */
export function authenticate(storage: Storage) {
  return async (request: FastifyRequest): Promise<void> => {
    const bearer = readBearer(request.headers.authorization)
    const secret = bearer ?? request.cookies[SESSION_COOKIE]
    request.credentialSecret = secret ?? null
    request.user = await resolveCredential(storage, secret)
    request.bearerAuthenticated = bearer !== undefined && request.user !== null
  }
}

export function requireUser(request: FastifyRequest): User {
  if (!request.user) throw unauthorized()
  return request.user
}

/** The signed-in user, who must be allowed `action` (in `phase`, where it depends on one). */
export function requirePermission(request: FastifyRequest, action: Action, phase?: Phase): User {
  const user = requireUser(request)
  if (!can(user.role, action, phase)) throw forbidden()
  return user
}
