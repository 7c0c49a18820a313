import type { Config } from '../config'
import { issueLinkAt } from '../services/console/links'
import { audit } from '../services/audit'
import { accountStores } from '../storage/accountStores'
import type { Storage } from '../storage/Storage'
import { AccessUsageError, announceUserChange, userNamed } from './accessCommands'

/**
 * `user reset-totp --username U`: the second factor is removed (a lost or stolen phone), and with it
 * every session and token of the user, since whoever holds the phone may hold a session too; a role
 * that requires the factor sets it up again at the next sign-in.
 */
export async function userResetTotp(storage: Storage, values: Record<string, string | undefined>): Promise<string[]> {
  const user = await userNamed(storage, values)
  const { accounts } = accountStores(storage)
  const had = (await accounts.getTotp(user.id))?.enabledAt != null
  await accounts.disableTotp(user.id)
  const ended = await storage.access.deleteUserCredentials(user.id)
  for (const credentialHash of ended) await storage.access.recordChange({ at: new Date().toISOString(), userId: null, draftId: null, credentialHash })
  await announceUserChange(storage, user.id)
  await audit(storage, new Date(), { action: 'user.totp-reset', actorName: 'admin-cli', target: user.id, data: { username: user.username, hadSecondFactor: had, credentialsEnded: ended.length } })
  return [`${user.username} has no second factor any more${had ? '' : ' (none was set up)'}; ${ended.length} sessions and tokens ended.`]
}

/** `user reset-link --username U`: a one-time link (7 days) to choose a new password, printed for the operator to hand over. */
export async function userResetLink(storage: Storage, values: Record<string, string | undefined>, config: Config): Promise<string[]> {
  const user = await userNamed(storage, values)
  if (await storage.access.isDisabled(user.id)) throw new AccessUsageError(`${user.username} is disabled: enable the account first.`)
  const base = config.publicUrl ?? `http://localhost:${config.port}`
  const link = await issueLinkAt(storage, new Date(), base, user, 'reset')
  await audit(storage, new Date(), { action: 'user.reset-link', actorName: 'admin-cli', target: user.id, data: { username: user.username, expiresAt: link.expiresAt } })
  const lines = [link.url, `Valid once, until ${link.expiresAt}.`]
  if (!config.publicUrl) lines.push('PUBLIC_URL is not set: the link names localhost; set PUBLIC_URL to the address users open.')
  return lines
}
