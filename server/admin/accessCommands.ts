import type { Storage } from '../storage/Storage'
import { audit } from '../services/audit'

/** A refusal of the command line (exit code 2), raised by the commands of this file. */
export class AccessUsageError extends Error {}

/**
 * What the CLI writes so that running servers hear of it: a row of the access change log, which
 * every server process polls (AccessService), since the CLI runs in a process of its own.
 */
export async function announceUserChange(storage: Storage, userId: string): Promise<void> {
  await storage.access.recordChange({ at: new Date().toISOString(), userId, draftId: null, credentialHash: null })
}

/** The user `--username` names, or the command line's refusal. */
export async function userNamed(storage: Storage, values: Record<string, string | undefined>) {
  const username = values.username?.trim()
  if (!username) throw new AccessUsageError('--username is required.')
  const user = await storage.getUserByUsername(username)
  if (!user) throw new AccessUsageError(`Unknown user "${username}".`)
  return user
}

/** `user disable --username U`: no more sign-ins; every session and token ends, every socket closes. */
export async function userDisable(storage: Storage, values: Record<string, string | undefined>): Promise<string[]> {
  const user = await userNamed(storage, values)
  await storage.access.setDisabled(user.id, new Date().toISOString())
  const ended = await storage.access.deleteUserCredentials(user.id)
  for (const credentialHash of ended) await storage.access.recordChange({ at: new Date().toISOString(), userId: null, draftId: null, credentialHash })
  await announceUserChange(storage, user.id)
  await audit(storage, new Date(), { action: 'user.disabled', actorName: 'admin-cli', target: user.id, data: { username: user.username, credentialsEnded: ended.length } })
  return [`${user.username} is disabled (${ended.length} sessions and tokens ended).`]
}

/** `user enable --username U`: may sign in again (old sessions stay ended). */
export async function userEnable(storage: Storage, values: Record<string, string | undefined>): Promise<string[]> {
  const user = await userNamed(storage, values)
  await storage.access.setDisabled(user.id, null)
  await audit(storage, new Date(), { action: 'user.enabled', actorName: 'admin-cli', target: user.id, data: { username: user.username } })
  return [`${user.username} may sign in again.`]
}

/** `user leave --username U --group SLUG`: out of that working group; its drafts' sockets close (4403). */
export async function userLeave(storage: Storage, values: Record<string, string | undefined>): Promise<string[]> {
  const user = await userNamed(storage, values)
  const slug = values.group?.trim()
  const group = slug ? await storage.getGroupBySlug(slug) : null
  if (!group) throw new AccessUsageError(slug ? `Unknown working group "${slug}".` : '--group is required.')
  await storage.access.removeMember(group.id, user.id)
  await announceUserChange(storage, user.id)
  await audit(storage, new Date(), { action: 'user.left-group', groupId: group.id, actorName: 'admin-cli', target: user.id, data: { username: user.username, group: group.slug } })
  return [`${user.username} is no longer in ${group.slug}.`]
}

/** `audit list [--limit N]`: the whole audit log, instance-wide entries included (the CLI only). */
export async function auditList(storage: Storage, values: Record<string, string | undefined>): Promise<string[]> {
  const limit = Math.min(1000, Math.max(1, Number(values.limit ?? 50) || 50))
  const entries = await storage.listAudit({ limit })
  return entries.map((e) => [e.at, e.action, e.groupId ?? '-', e.actorName ?? '-', e.target ?? '-', e.address ?? '-', JSON.stringify(e.data)].join('  '))
}
