import type { DraftSummary } from '../../shared/api'
import type { ProvisioServer } from '../../server/app'
import { tokenFor } from '../../server/testing/factories'
import { request } from '../../server/testing/http'

type Server = ProvisioServer

/** A bearer token of a demo user, for setting the scene over the real HTTP API. */
export async function demoToken(server: Server, username: string): Promise<string> {
  const user = await server.ctx.storage.getUserByUsername(username)
  if (!user) throw new Error(`no demo user ${username}`)
  return tokenFor(server.ctx.storage, user)
}

/** The secretariat opens a comment round on the demo draft over the API (the UI path has its own test). */
export async function openDemoRound(server: Server, url: string, title: string): Promise<string> {
  const token = await demoToken(server, 'secretariat')
  const drafts = await request<{ drafts: DraftSummary[] }>(`${url}/api/drafts`, { token })
  const draft = drafts.body.drafts.find((d) => d.title === title)
  if (!draft) throw new Error(`no draft "${title}"`)
  const deadline = new Date(Date.now() + 3 * 86_400_000).toISOString()
  const opened = await request(`${url}/api/drafts/${draft.id}/rounds`, { method: 'POST', token, body: { name: 'Comments by Member States', deadline } })
  if (opened.status !== 201) throw new Error(`opening the round answered ${opened.status}`)
  return draft.id
}
