import { DEMO_DRAFT, DEMO_GROUP, DEMO_USERS, MEMBER_STATES } from '../../fixtures/index'
import { hashPassword } from '../auth/passwords'
import type { Storage } from '../storage/Storage'
import { createDraft } from './drafts'

export interface DemoSignIn {
  readonly username: string
  readonly password: string
  readonly role: string
  readonly state: string | null
}

/** The Member States are facts: kept up to date on every start. */
export async function ensureMemberStates(storage: Storage): Promise<void> {
  await storage.upsertMemberStates(MEMBER_STATES)
}

/**
 * On an empty database: the demo working group, one user per role, and the demo draft. Under the
 * storage's setup lock: processes starting together on one empty database load it once.
 */
export function seedDemoIfEmpty(storage: Storage): Promise<DemoSignIn[] | null> {
  return storage.withSetupLock(() => seedDemo(storage))
}

async function seedDemo(storage: Storage): Promise<DemoSignIn[] | null> {
  if ((await storage.listGroups()).length > 0) return null
  const group = await storage.createGroup(DEMO_GROUP)
  const users = []
  for (const demo of DEMO_USERS) {
    const user = await storage.createUser({
      username: demo.username,
      displayName: demo.displayName,
      role: demo.role,
      stateCode: demo.state ?? null,
      passwordHash: await hashPassword(demo.password),
    })
    await storage.addMember(group.id, user.id)
    users.push(user)
  }
  const rapporteur = users.find((u) => u.role === 'rapporteur') ?? users[0]
  if (!rapporteur) throw new Error('the demo needs at least one user')
  await createDraft(storage, rapporteur, { title: DEMO_DRAFT.title, clauses: DEMO_DRAFT.clauses })
  return DEMO_USERS.map((u) => ({ username: u.username, password: u.password, role: u.role, state: u.state ?? null }))
}
