import { createHash, randomBytes } from 'node:crypto'
import { newId } from '../../shared/ids'
import type { Credential, CredentialKind, Storage, User } from '../storage/Storage'

export const SESSION_COOKIE = 'provisio_session'
const DAY_MS = 24 * 60 * 60 * 1000
export const SESSION_TTL_MS = 14 * DAY_MS
/** A token lives 30 days unless asked otherwise, and never more than 90. */
export const TOKEN_DEFAULT_DAYS = 30
export const TOKEN_MAX_DAYS = 90

/** Only a hash of each secret is stored: a leaked database does not hand out sessions. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url')
}

export interface IssuedCredential {
  readonly secret: string
  readonly expiresAt: string
}

export interface CredentialOptions {
  readonly label?: string | null
  /** A token's lifetime in days (1 to TOKEN_MAX_DAYS); sessions always last SESSION_TTL_MS. */
  readonly days?: number
  /** The session a token is made from: signing out of it ends the token. */
  readonly sessionHash?: string | null
  readonly now?: Date
}

export async function issueCredential(storage: Storage, user: User, kind: CredentialKind, options: CredentialOptions = {}): Promise<IssuedCredential & { readonly id: string }> {
  const now = options.now ?? new Date()
  const label = options.label ?? null
  const prefix = kind === 'token' ? 'pvt_' : ''
  const secret = prefix + randomBytes(32).toString('base64url')
  const days = Math.min(TOKEN_MAX_DAYS, Math.max(1, options.days ?? TOKEN_DEFAULT_DAYS))
  const expiresAt = new Date(now.getTime() + (kind === 'token' ? days * DAY_MS : SESSION_TTL_MS)).toISOString()
  const id = newId(16)
  await storage.createCredential({
    id,
    sessionHash: kind === 'token' ? (options.sessionHash ?? null) : null,
    tokenHash: hashSecret(secret),
    userId: user.id,
    kind,
    label,
    createdAt: now.toISOString(),
    expiresAt,
  })
  return { secret, expiresAt, id }
}

/** The user a session cookie or bearer token belongs to, or null when unknown or expired. */
export async function resolveCredential(storage: Storage, secret: string | undefined): Promise<User | null> {
  if (!secret || secret.length > 200) return null
  return (await resolveCredentialHash(storage, hashSecret(secret)))?.user ?? null
}

/** The credential of a hash and its user (at the upgrade and whenever an open connection's rights are checked again). */
export async function resolveCredentialHash(storage: Storage, tokenHash: string, now = new Date()): Promise<{ readonly credential: Credential; readonly user: User } | null> {
  const credential = await storage.getCredential(tokenHash, now)
  const user = credential ? await storage.getUser(credential.userId) : null
  return credential && user ? { credential, user } : null
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
