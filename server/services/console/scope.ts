import type { ConsoleUser } from '../../../shared/consoleApi'
import type { AppContext } from '../../context'
import { notFound } from '../../errors'
import { accountStores } from '../../storage/accountStores'
import type { User, WorkingGroup } from '../../storage/Storage'

/** The working groups a secretariat manages: its own (another group's people and drafts are 404). */
export async function managedGroups(ctx: AppContext, actor: User): Promise<WorkingGroup[]> {
  return ctx.storage.listUserGroups(actor.id)
}

/** Every user of the actor's groups, once each, by username. */
export async function managedUsers(ctx: AppContext, actor: User): Promise<User[]> {
  const groups = await managedGroups(ctx, actor)
  const byId = new Map<string, User>()
  for (const group of groups) for (const user of await ctx.storage.listUsers(group.id)) byId.set(user.id, user)
  return [...byId.values()].sort((a, b) => a.username.localeCompare(b.username))
}

/** A user of one of the actor's groups, else 404 (the same as an unknown id). */
export async function managedUser(ctx: AppContext, actor: User, userId: string): Promise<User> {
  const user = await ctx.storage.getUser(userId)
  if (!user) throw notFound('User')
  const mine = new Set((await managedGroups(ctx, actor)).map((g) => g.id))
  const theirs = await ctx.storage.listUserGroups(user.id)
  if (!theirs.some((g) => mine.has(g.id))) throw notFound('User')
  return user
}

/** The user as the console shows it: groups only among the reader's own. */
export async function consoleUser(ctx: AppContext, actor: User, user: User): Promise<ConsoleUser> {
  const { accounts } = accountStores(ctx.storage)
  const mine = new Set((await managedGroups(ctx, actor)).map((g) => g.id))
  const state = user.stateCode ? await ctx.storage.getMemberState(user.stateCode) : null
  const totp = await accounts.getTotp(user.id)
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    state: state ? { code: state.code, name: state.name } : null,
    email: await accounts.getEmail(user.id),
    disabled: await ctx.storage.access.isDisabled(user.id),
    totp: totp?.enabledAt != null,
    groups: (await ctx.storage.listUserGroups(user.id)).filter((g) => mine.has(g.id)).map((g) => g.slug),
    createdAt: user.createdAt,
  }
}
