import type { FastifyInstance } from 'fastify'
import type { Mentionable, NotificationView } from '../../../../shared/consoleApi'
import { hashSecret } from '../../../auth/credentials'
import { draftIfMember } from '../../../auth/draftAccess'
import type { AppContext } from '../../../context'
import { notFound } from '../../../errors'
import { requireUser } from '../../../middlewares/auth'
import { idParam } from '../../../middlewares/params'
import { validate } from '../../../middlewares/validate'
import { accountStores } from '../../../storage/accountStores'
import type { NotificationRecord } from '../../../storage/notifications'
import { InboxQuerySchema, ReadSchema, SettingsSchema } from './schema'

const KEEP_ALIVE_MS = 25_000

const view = (n: NotificationRecord): NotificationView => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, createdAt: n.createdAt, read: n.readAt !== null })

/**
 * The inbox: `GET /api/notifications`, `POST /api/notifications/read {ids?}`, the live unread count
 * (`GET /api/notifications/stream`, server-sent `count` events), the user's settings
 * (`GET/PUT /api/me/notifications`) and who can be @mentioned in a draft (`GET /api/drafts/:id/mentionables`).
 */
export function notificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { notifications } = accountStores(ctx.storage)

  app.get('/api/notifications', async (request) => {
    const user = requireUser(request)
    const query = validate(InboxQuerySchema, request.query)
    const list = await notifications.list(user.id, { limit: query.limit, ...(query.before && { before: query.before }) })
    return { notifications: list.map(view), unread: await notifications.unreadCount(user.id) }
  })

  app.post('/api/notifications/read', async (request) => {
    const user = requireUser(request)
    const body = validate(ReadSchema, request.body ?? {})
    await notifications.markRead(user.id, body.ids ?? null, ctx.now().toISOString())
    const unread = await notifications.unreadCount(user.id)
    ctx.inbox.publish(user.id, unread)
    return { unread }
  })

  app.get('/api/notifications/stream', async (request, reply) => {
    const user = requireUser(request)
    reply.hijack()
    const out = reply.raw
    out.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' })
    // At once, HEAD included: the client knows the stream is open before any count.
    out.flushHeaders()
    const send = (unread: number) => out.write(`event: count\ndata: ${JSON.stringify({ unread })}\n\n`)
    const unsubscribe = ctx.inbox.subscribe(user.id, send)
    const keepAlive = setInterval(() => out.write(': keep-alive\n\n'), KEEP_ALIVE_MS)
    // Ended when the credential ends or the account changes (the browser reconnects if it still may).
    const forget = ctx.access.openStream({ userId: user.id, credentialHash: hashSecret(request.credentialSecret ?? ''), draftId: '', end: () => out.end() })
    const stop = () => {
      clearInterval(keepAlive)
      unsubscribe()
      forget()
    }
    request.raw.on('close', stop)
    out.on('error', stop)
    await ctx.inbox.whenSubscribed(user.id)
    out.write('retry: 3000\n\n')
    send(await notifications.unreadCount(user.id))
  })

  app.get('/api/me/notifications', async (request) => {
    const user = requireUser(request)
    return { settings: await notifications.getSettings(user.id), emailEnabled: ctx.mail.enabled }
  })

  app.put('/api/me/notifications', async (request) => {
    const user = requireUser(request)
    const settings = validate(SettingsSchema, request.body)
    await notifications.setSettings(user.id, settings)
    return { settings: await notifications.getSettings(user.id), emailEnabled: ctx.mail.enabled }
  })

  app.get('/api/drafts/:id/mentionables', async (request): Promise<{ mentionables: Mentionable[] }> => {
    const user = requireUser(request)
    const draft = await draftIfMember(ctx.storage, user, idParam(request, 'id', 'Draft'))
    if (!draft) throw notFound('Draft')
    const members = await ctx.storage.listUsers(draft.groupId)
    const states = new Map((await ctx.storage.listMemberStates()).map((s) => [s.code, s.name]))
    const people: Mentionable[] = members.map((m) => ({ handle: m.username, label: `${m.displayName}${m.stateCode ? ` (${m.stateCode})` : ''}`, kind: 'user' }))
    const codes = [...new Set(members.filter((m) => m.role === 'delegate' && m.stateCode).map((m) => m.stateCode ?? ''))].sort()
    const stateHandles: Mentionable[] = codes.map((code) => ({ handle: code, label: `${states.get(code) ?? code}: its delegates`, kind: 'state' }))
    return { mentionables: [...stateHandles, ...people] }
  })
}
