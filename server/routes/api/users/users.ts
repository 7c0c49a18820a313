import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../../context'
import { AppError } from '../../../errors'
import { requirePermission } from '../../../middlewares/auth'
import { idParam } from '../../../middlewares/params'
import { validate } from '../../../middlewares/validate'
import { consoleUser, managedUser, managedUsers } from '../../../services/console/scope'
import { assertNotLastSecretariat, changeEmail, changeRole, createUserWithPassword, disableUser, enableUser, renameUser, stateFor } from '../../../services/console/users'
import { accountStores } from '../../../storage/accountStores'
import { UserCreateSchema, UserPatchSchema, UsersQuerySchema } from './schema'

/**
 * The secretariat's people: `GET /api/users?role=&state=&q=` (its working groups' users),
 * `POST /api/users` (with a password), `PATCH /api/users/:id {role?, state?, displayName?, disabled?, email?}`.
 * Everyone else gets 403; another group's user is 404.
 */
export function userRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/users', async (request) => {
    const actor = requirePermission(request, 'users.manage')
    const query = validate(UsersQuerySchema, request.query)
    const needle = query.q?.toLowerCase()
    const users = (await managedUsers(ctx, actor)).filter(
      (u) =>
        (!query.role || u.role === query.role) &&
        (!query.state || u.stateCode === query.state) &&
        (!needle || u.username.toLowerCase().includes(needle) || u.displayName.toLowerCase().includes(needle)),
    )
    return { users: await Promise.all(users.map((u) => consoleUser(ctx, actor, u))) }
  })

  app.post('/api/users', async (request, reply) => {
    const actor = requirePermission(request, 'users.manage')
    const body = validate(UserCreateSchema, request.body)
    const user = await createUserWithPassword(ctx, actor, body)
    return reply.status(201).send({ user: await consoleUser(ctx, actor, user) })
  })

  app.patch('/api/users/:id', async (request) => {
    const actor = requirePermission(request, 'users.manage')
    const user = await managedUser(ctx, actor, idParam(request, 'id', 'User'))
    const patch = validate(UserPatchSchema, request.body)
    // Every refusal before any change: a refused request changes nothing.
    if (patch.role !== undefined || patch.state !== undefined) {
      const role = patch.role ?? user.role
      await stateFor(ctx, role, patch.state, role === user.role ? user.stateCode : null)
      if (role !== 'secretariat') await assertNotLastSecretariat(ctx, user)
    }
    if (patch.disabled === true) await assertNotLastSecretariat(ctx, user)
    if (patch.email !== undefined) {
      const owner = await accountStores(ctx.storage).accounts.userIdByEmail(patch.email)
      if (owner && owner !== user.id) throw new AppError(409, 'email_taken', 'This address belongs to another account.')
    }
    if (patch.role !== undefined || patch.state !== undefined) await changeRole(ctx, actor, user, patch.role, patch.state, request.ip)
    if (patch.displayName !== undefined) await renameUser(ctx, actor, user, patch.displayName, request.ip)
    if (patch.email !== undefined) await changeEmail(ctx, actor, user, patch.email, request.ip)
    if (patch.disabled === true) await disableUser(ctx, actor, user, request.ip)
    if (patch.disabled === false) await enableUser(ctx, actor, user, request.ip)
    const updated = (await ctx.storage.getUser(user.id)) ?? user
    return { user: await consoleUser(ctx, actor, updated) }
  })
}
