import { ROLES, type Role } from '../../../shared/permissions'
import type { Storage } from '../../storage/Storage'
import { accountStores } from '../../storage/accountStores'

const TOTP_ROLES_KEY = 'totp_required_roles'

/** The roles the secretariat requires a second factor of (none until it says so). */
export async function totpRequiredRoles(storage: Storage): Promise<Role[]> {
  const stored = await accountStores(storage).accounts.getSetting(TOTP_ROLES_KEY)
  const parsed: unknown = stored ? JSON.parse(stored) : []
  return Array.isArray(parsed) ? ROLES.filter((r) => parsed.includes(r)) : []
}

export async function setTotpRequiredRoles(storage: Storage, roles: readonly Role[]): Promise<void> {
  await accountStores(storage).accounts.setSetting(TOTP_ROLES_KEY, JSON.stringify(ROLES.filter((r) => roles.includes(r))))
}

/** Must this user sign in with a second factor, and have they none yet? Then they set it up before anything else. */
export async function mustSetUpTotp(storage: Storage, user: { readonly id: string; readonly role: Role }): Promise<boolean> {
  if (!(await totpRequiredRoles(storage)).includes(user.role)) return false
  return (await accountStores(storage).accounts.getTotp(user.id))?.enabledAt == null
}
