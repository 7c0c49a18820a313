import type { FastifyInstance } from 'fastify'
import * as Y from 'yjs'
import type { ConsoleDraft, ConsoleStatus } from '../../../../shared/consoleApi'
import type { AppContext } from '../../../context'
import { AppError, notFound } from '../../../errors'
import { requirePermission } from '../../../middlewares/auth'
import { idParam } from '../../../middlewares/params'
import { validate } from '../../../middlewares/validate'
import { audit } from '../../../services/audit'
import { managedGroups } from '../../../services/console/scope'
import { setTotpRequiredRoles, totpRequiredRoles } from '../../../services/console/settings'
import { accountStores } from '../../../storage/accountStores'
import type { Draft, User } from '../../../storage/Storage'
import { DraftArchiveBodySchema, DraftTitleBodySchema, GroupCreateSchema, GroupPatchSchema, MemberStateCreateSchema, SecuritySchema } from './schema'

const groupView = (g: { id: string; slug: string; name: string; mandate: string; createdAt: string }) => ({ id: g.id, slug: g.slug, name: g.name, mandate: g.mandate, createdAt: g.createdAt })

/**
 * The secretariat's console beside the users: its status (e-mail on or off, second-factor roles),
 * working groups (add, rename, mandate), Member States (add one), drafts (rename, archive).
 * Everything here is the secretariat's only (403 for others); another group's ids are 404.
 */
export function consoleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { storage } = ctx
  const manager = (request: Parameters<typeof requirePermission>[0]) => requirePermission(request, 'users.manage')

  app.get('/api/console', async (request): Promise<ConsoleStatus> => {
    manager(request)
    return { emailEnabled: ctx.mail.enabled, totpRequiredRoles: await totpRequiredRoles(storage) }
  })

  app.put('/api/console/security', async (request): Promise<ConsoleStatus> => {
    const actor = manager(request)
    const body = validate(SecuritySchema, request.body)
    const before = await totpRequiredRoles(storage)
    await setTotpRequiredRoles(storage, body.totpRequiredRoles)
    const after = await totpRequiredRoles(storage)
    // Open websockets and streams of a role now required to have the factor close (4403) unless it is set up.
    const newly = after.filter((role) => !before.includes(role))
    if (newly.length > 0) for (const user of await storage.listUsers()) if (newly.includes(user.role)) await ctx.access.userChanged(user.id)
    const groupId = (await managedGroups(ctx, actor))[0]?.id ?? null
    await audit(storage, ctx.now(), { action: 'security.totp-roles', groupId, actor, address: request.ip, data: { from: before, to: after } })
    return { emailEnabled: ctx.mail.enabled, totpRequiredRoles: after }
  })

  app.get('/api/groups', async (request) => ({ groups: (await managedGroups(ctx, manager(request))).map(groupView) }))

  app.post('/api/groups', async (request, reply) => {
    const actor = manager(request)
    const body = validate(GroupCreateSchema, request.body)
    if (await storage.getGroupBySlug(body.slug)) throw new AppError(409, 'slug_taken', `The slug "${body.slug}" is taken.`)
    const group = await storage.createGroup({ slug: body.slug, name: body.name, mandate: body.mandate ?? '' })
    // Whoever creates a group manages it.
    await storage.addMember(group.id, actor.id)
    await ctx.access.userChanged(actor.id)
    await audit(storage, ctx.now(), { action: 'group.created', groupId: group.id, actor, target: group.id, address: request.ip, data: { slug: group.slug, name: group.name } })
    return reply.status(201).send({ group: groupView(group) })
  })

  app.patch('/api/groups/:id', async (request) => {
    const actor = manager(request)
    const id = idParam(request, 'id', 'Working group')
    const group = (await managedGroups(ctx, actor)).find((g) => g.id === id)
    if (!group) throw notFound('Working group')
    const patch = validate(GroupPatchSchema, request.body)
    await accountStores(storage).accounts.updateGroup(group.id, patch)
    await audit(storage, ctx.now(), { action: 'group.changed', groupId: group.id, actor, target: group.id, address: request.ip, data: { ...patch } })
    return { group: groupView((await storage.getGroup(group.id)) ?? group) }
  })

  app.post('/api/member-states', async (request, reply) => {
    const actor = manager(request)
    const body = validate(MemberStateCreateSchema, request.body)
    if (await storage.getMemberState(body.code)) throw new AppError(409, 'state_exists', `The Member State ${body.code} is on the list already.`)
    await storage.upsertMemberStates([body])
    await audit(storage, ctx.now(), { action: 'member-state.added', actor, address: request.ip, data: { code: body.code, name: body.name } })
    return reply.status(201).send({ state: body })
  })

  const managedDraft = async (actor: User, draftId: string): Promise<Draft> => {
    const draft = await storage.getDraft(draftId)
    if (!draft || !(await storage.isMember(draft.groupId, actor.id))) throw notFound('Draft')
    return draft
  }
  const draftView = (draft: Draft, archived: Map<string, string>): ConsoleDraft => ({
    id: draft.id,
    groupId: draft.groupId,
    title: draft.title,
    phase: draft.phase,
    archivedAt: archived.get(draft.id) ?? null,
    updatedAt: draft.updatedAt,
  })

  app.get('/api/console/drafts', async (request) => {
    const actor = manager(request)
    const drafts = (await Promise.all((await managedGroups(ctx, actor)).map((g) => storage.listDrafts(g.id)))).flat()
    const archived = await accountStores(storage).accounts.archivedDrafts(drafts.map((d) => d.id))
    return { drafts: drafts.map((d) => draftView(d, archived)) }
  })

  app.put('/api/drafts/:id/title', async (request) => {
    const actor = manager(request)
    const draft = await managedDraft(actor, idParam(request, 'id', 'Draft'))
    const { title } = validate(DraftTitleBodySchema, request.body)
    // The title lives in the document (what editors see at once) and in the list.
    await ctx.collab.withDoc(draft.id, (doc: Y.Doc) => doc.getMap('draft').set('title', title), { id: actor.id, stateCode: actor.stateCode })
    await accountStores(storage).accounts.setDraftTitle(draft.id, title, ctx.now().toISOString())
    await audit(storage, ctx.now(), { action: 'draft.rename', groupId: draft.groupId, actor, target: draft.id, address: request.ip, data: { from: draft.title, to: title } })
    const updated = (await storage.getDraft(draft.id)) ?? draft
    return { draft: draftView(updated, await accountStores(storage).accounts.archivedDrafts([draft.id])) }
  })

  app.put('/api/drafts/:id/archived', async (request) => {
    const actor = manager(request)
    const draft = await managedDraft(actor, idParam(request, 'id', 'Draft'))
    const { archived } = validate(DraftArchiveBodySchema, request.body)
    const { accounts } = accountStores(storage)
    const was = (await accounts.archivedDrafts([draft.id])).has(draft.id)
    if (was !== archived) {
      await accounts.setArchived(draft.id, archived ? ctx.now().toISOString() : null)
      await audit(storage, ctx.now(), { action: archived ? 'draft.archived' : 'draft.unarchived', groupId: draft.groupId, actor, target: draft.id, address: request.ip })
    }
    return { draft: draftView(draft, await accounts.archivedDrafts([draft.id])) }
  })
}
