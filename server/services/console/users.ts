import type { Role } from '../../../shared/permissions'
import { checkPassphrase } from '../../auth/passphrase'
import { hashPassword } from '../../auth/passwords'
import type { AppContext } from '../../context'
import { AppError, badRequest, forbidden } from '../../errors'
import { EmailTakenError } from '../../storage/accounts'
import { accountStores } from '../../storage/accountStores'
import { type User, UsernameTakenError, type WorkingGroup } from '../../storage/Storage'
import { audit } from '../audit'
import { managedGroups } from './scope'

/** The role's State: a delegate speaks for exactly one Member State, nobody else for any. */
export async function stateFor(ctx: AppContext, role: Role, state: string | null | undefined, current: string | null): Promise<string | null> {
  if (role !== 'delegate') {
    if (state) throw badRequest('state: only a delegate speaks for a Member State.')
    return null
  }
  const code = state ?? current
  if (!code) throw badRequest('state: a delegate needs a Member State.')
  if (!(await ctx.storage.getMemberState(code))) throw badRequest(`state: unknown Member State "${code}".`)
  return code
}

/** The actor's group named by `slug`, or their first one; 403 for a group that is not theirs. */
export async function groupFor(ctx: AppContext, actor: User, slug: string | undefined): Promise<WorkingGroup> {
  const groups = await managedGroups(ctx, actor)
  const group = slug ? groups.find((g) => g.slug === slug) : groups[0]
  if (!group) throw forbidden(slug ? `You are not a member of the working group "${slug}".` : 'You are in no working group.')
  return group
}

export interface NewAccount {
  readonly username: string
  readonly displayName: string
  readonly role: Role
  readonly state?: string | undefined
  readonly email?: string | undefined
  readonly group?: string | undefined
}

/** Creates the user in one of the actor's groups; 409 for a taken username or address. */
export async function createAccount(ctx: AppContext, actor: User, input: NewAccount, passwordHash: string): Promise<User> {
  const { accounts } = accountStores(ctx.storage)
  const stateCode = await stateFor(ctx, input.role, input.state, null)
  const group = await groupFor(ctx, actor, input.group)
  if (input.email && (await accounts.userIdByEmail(input.email))) throw new AppError(409, 'email_taken', 'This address belongs to another account.')
  let user: User
  try {
    user = await ctx.storage.createUser({ username: input.username, displayName: input.displayName, role: input.role, stateCode, passwordHash })
  } catch (error) {
    if (error instanceof UsernameTakenError) throw new AppError(409, 'username_taken', error.message)
    throw error
  }
  await ctx.storage.addMember(group.id, user.id)
  if (input.email) await accounts.setEmail(user.id, input.email)
  await audit(ctx.storage, ctx.now(), {
    action: 'user.created',
    groupId: group.id,
    actor,
    target: user.id,
    data: { username: user.username, role: user.role, stateCode, group: group.slug },
  })
  return user
}

/** `POST /api/users`: an account with a password the secretariat hands over (the passphrase rule applies). */
export async function createUserWithPassword(ctx: AppContext, actor: User, input: NewAccount & { readonly password: string }): Promise<User> {
  const weak = checkPassphrase(input.password)
  if (weak) throw new AppError(400, 'weak_password', `password: ${weak.message}`, { rule: weak.rule })
  return createAccount(ctx, actor, input, await hashPassword(input.password))
}

/**
 * Would taking `user` out of the secretariat (disabled or given another role) leave one of their
 * working groups with no secretariat able to sign in? Then 409: nobody could manage it any more.
 */
export async function assertNotLastSecretariat(ctx: AppContext, user: User): Promise<void> {
  if (user.role !== 'secretariat' || (await ctx.storage.access.isDisabled(user.id))) return
  const disabled = new Set(await accountStores(ctx.storage).accounts.disabledUserIds())
  const groups = await ctx.storage.listUserGroups(user.id)
  if (groups.length === 0 && (await accountStores(ctx.storage).accounts.countActiveSecretariat()) <= 1) {
    throw new AppError(409, 'last_secretariat', 'This is the last secretariat account: nobody could manage the instance.')
  }
  for (const group of groups) {
    const others = (await ctx.storage.listUsers(group.id)).filter((u) => u.id !== user.id && u.role === 'secretariat' && !disabled.has(u.id))
    if (others.length === 0) throw new AppError(409, 'last_secretariat', `This is the last secretariat account of "${group.name}": nobody could manage it any more.`)
  }
}

/** Disables the account: no more sign-ins; its sessions, tokens, websockets (4401) and event streams end at once, in every process. */
export async function disableUser(ctx: AppContext, actor: User, user: User, address: string | null): Promise<void> {
  if (await ctx.storage.access.isDisabled(user.id)) return
  await assertNotLastSecretariat(ctx, user)
  await ctx.storage.access.setDisabled(user.id, ctx.now().toISOString())
  const ended = await ctx.storage.access.deleteUserCredentials(user.id)
  await ctx.access.credentialsEnded(ended)
  await ctx.access.userChanged(user.id)
  await audit(ctx.storage, ctx.now(), { action: 'user.disabled', actor, target: user.id, address, data: { username: user.username, credentialsEnded: ended.length } })
}

export async function enableUser(ctx: AppContext, actor: User, user: User, address: string | null): Promise<void> {
  if (!(await ctx.storage.access.isDisabled(user.id))) return
  await ctx.storage.access.setDisabled(user.id, null)
  await ctx.access.userChanged(user.id)
  await audit(ctx.storage, ctx.now(), { action: 'user.enabled', actor, target: user.id, address, data: { username: user.username } })
}

export async function changeRole(ctx: AppContext, actor: User, user: User, role: Role | undefined, state: string | null | undefined, address: string | null): Promise<void> {
  const nextRole = role ?? user.role
  const stateCode = await stateFor(ctx, nextRole, state, nextRole === user.role ? user.stateCode : null)
  if (nextRole === user.role && stateCode === user.stateCode) return
  if (nextRole !== 'secretariat') await assertNotLastSecretariat(ctx, user)
  await ctx.storage.setUserRole(user.id, nextRole, stateCode)
  // Open sockets follow at once (read-only, or closed), here and in every other process.
  await ctx.access.userChanged(user.id)
  await audit(ctx.storage, ctx.now(), { action: 'user.role', actor, target: user.id, address, data: { username: user.username, from: user.role, to: nextRole, stateCode } })
}

export async function renameUser(ctx: AppContext, actor: User, user: User, displayName: string, address: string | null): Promise<void> {
  if (displayName === user.displayName) return
  await accountStores(ctx.storage).accounts.setDisplayName(user.id, displayName)
  await audit(ctx.storage, ctx.now(), { action: 'user.renamed', actor, target: user.id, address, data: { from: user.displayName, to: displayName } })
}

export async function changeEmail(ctx: AppContext, actor: User, user: User, email: string, address: string | null): Promise<void> {
  try {
    await accountStores(ctx.storage).accounts.setEmail(user.id, email)
  } catch (error) {
    if (error instanceof EmailTakenError) throw new AppError(409, 'email_taken', 'This address belongs to another account.')
    throw error
  }
  await audit(ctx.storage, ctx.now(), { action: 'user.email', actor, target: user.id, address, data: { username: user.username } })
}
