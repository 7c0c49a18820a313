import { createHash, randomBytes } from 'node:crypto'
import { generateSecret, generateURI, verify } from 'otplib'
import type { AppContext } from '../../context'
import { accountStores } from '../../storage/accountStores'
import type { User } from '../../storage/Storage'

const RECOVERY_CODES = 10
const BASE32 = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
/** A code of the previous or next 30 s step still counts (clocks drift), each step once. */
const TOLERANCE_SECONDS = 30

const normalizeRecovery = (code: string) => code.toUpperCase().replace(/[\s-]/g, '')
const hashRecovery = (code: string) => createHash('sha256').update(normalizeRecovery(code)).digest('base64url')

/** Ten recovery codes (`XXXXX-XXXXX`), shown once; only their hashes are kept. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const chars = [...randomBytes(10)].map((b) => BASE32[b % BASE32.length]).join('')
    return `${chars.slice(0, 5)}-${chars.slice(5)}`
  })
  return { codes, hashes: codes.map(hashRecovery) }
}

export function newTotpSecret(user: User): { secret: string; uri: string } {
  const secret = generateSecret()
  return { secret, uri: generateURI({ issuer: 'Provisio', label: user.username, secret }) }
}

/** The time step a 6-digit code is valid at for `secret`, or null. */
export async function totpStep(ctx: AppContext, secret: string, code: string): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null
  const result = await verify({ secret, token: code, epoch: Math.floor(ctx.now().getTime() / 1000), epochTolerance: TOLERANCE_SECONDS })
  return result.valid && 'timeStep' in result ? result.timeStep : null
}

/**
 * Is `code` the user's second factor now: a TOTP code of a step not used before, or an unused
 * recovery code (then used up)? Only for a user whose factor is enabled.
 */
export async function checkSecondFactor(ctx: AppContext, user: User, code: string): Promise<boolean> {
  const { accounts } = accountStores(ctx.storage)
  const totp = await accounts.getTotp(user.id)
  if (!totp?.enabledAt) return false
  const step = await totpStep(ctx, totp.secret, code.trim())
  if (step !== null) return accounts.advanceTotpStep(user.id, step)
  if (normalizeRecovery(code).length !== 10) return false
  return accounts.useRecoveryCode(user.id, hashRecovery(code), ctx.now().toISOString())
}

export async function hasSecondFactor(ctx: AppContext, userId: string): Promise<boolean> {
  return (await accountStores(ctx.storage).accounts.getTotp(userId))?.enabledAt != null
}
