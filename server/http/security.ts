import type { FastifyReply, FastifyRequest } from 'fastify'
import { SESSION_COOKIE } from '../auth/credentials'
import { AppError } from '../errors'

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Security headers on every answer. The CSP allows only our own scripts (no inline script);
 * inline style attributes stay allowed because the editor draws carets and selections with them.
 */
export function securityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const host = request.headers.host ?? ''
  void reply.headers({
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      `connect-src 'self' ws://${host} wss://${host}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'self'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'SAMEORIGIN',
    'Referrer-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  })
}

function sameOrigin(value: string, host: string | undefined): boolean {
  try {
    return new URL(value).host === host
  } catch {
    return false
  }
}

/**
 * CSRF defence for cookie-authenticated writes (beside SameSite=Lax): the browser's Origin (or,
 * failing that, Sec-Fetch-Site) must say the request comes from our own pages. Only a request that
 * a valid bearer token authenticated skips the check: any other Authorization header (Basic from a
 * proxy, a forged token) leaves the cookie as the ambient credential, so it is checked.
 */
export function assertSameOriginWrite(request: FastifyRequest): void {
  if (!UNSAFE.has(request.method)) return
  if (request.bearerAuthenticated) return
  const usesCookie = request.cookies[SESSION_COOKIE] !== undefined || request.url === '/api/session'
  if (!usesCookie) return
  const origin = request.headers.origin
  const fetchSite = request.headers['sec-fetch-site']
  const ok = origin ? sameOrigin(origin, request.headers.host) : fetchSite === undefined || fetchSite === 'same-origin' || fetchSite === 'none'
  if (!ok) throw new AppError(403, 'csrf', 'Cross-site request refused.')
}
