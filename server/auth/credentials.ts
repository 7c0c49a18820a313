import { createHash, randomBytes } from 'node:crypto'
import type { Storage, CredentialKind, User } from '../storage/Storage'

export const SESSION_COOKIE = 'provisio_session'
const DAY_MS = 24 * 60 * 60 * 1000
export const SESSION_TTL_MS = 14 * DAY_MS
export const TOKEN_TTL_MS = 90 * DAY_MS

/** Only a hash of each secret is stored: a leaked database does not hand out sessions. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url')
}

export interface IssuedCredential {
  readonly secret: string
  readonly expiresAt: string
}

export async function issueCredential(
  storage: Storage,
  user: User,
  kind: CredentialKind,
  label: string | null = null,
  now = new Date(),
): Promise<IssuedCredential> {
  const prefix = kind === 'token' ? 'pvt_' : ''
  const secret = prefix + randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + (kind === 'token' ? TOKEN_TTL_MS : SESSION_TTL_MS)).toISOString()
  await storage.createCredential({
    tokenHash: hashSecret(secret),
    userId: user.id,
    kind,
    label,
    createdAt: now.toISOString(),
    expiresAt,
  })
  return { secret, expiresAt }
}

/** The user a session cookie or bearer token belongs to, or null when unknown or expired. */
export async function resolveCredential(storage: Storage, secret: string | undefined): Promise<User | null> {
  if (!secret || secret.length > 200) return null
  const credential = await storage.getCredential(hashSecret(secret), new Date())
  return credential ? storage.getUser(credential.userId) : null
}

/** Reads the session cookie from a raw Cookie header (used at the websocket upgrade). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return undefined
}

/** The secret of `Authorization: Bearer …`, if present. */
export function readBearer(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null
  return match?.[1]
}
