import type { ClauseInput } from '../../shared/draft/ydoc'
import type { Role } from '../../shared/permissions'
import { issueCredential } from '../auth/credentials'
import { hashPassword } from '../auth/passwords'
import { createDraft } from '../services/drafts'
import type { Draft, Storage, User, WorkingGroup } from '../storage/Storage'

export const TEST_PASSWORD = 'correct horse battery'
let sequence = 0
const next = () => ++sequence

export const TEST_STATES = [
  { code: 'KEN', name: 'Kenya' },
  { code: 'JPN', name: 'Japan' },
  { code: 'IND', name: 'India' },
  { code: 'EGY', name: 'Egypt' },
] as const

export async function buildGroup(storage: Storage, overrides: Partial<Omit<WorkingGroup, 'id' | 'createdAt'>> = {}): Promise<WorkingGroup> {
  const n = next()
  return storage.createGroup({ slug: `group-${n}`, name: `Test Working Group ${n}`, mandate: '', ...overrides })
}

export interface UserOverrides {
  readonly username?: string
  readonly displayName?: string
  readonly role?: Role
  readonly stateCode?: string | null
  readonly password?: string
  /** The group the user joins; none when null. */
  readonly group?: WorkingGroup | null
}

/** A user (a delegate of Kenya unless told otherwise) with TEST_PASSWORD, member of `group`. */
export async function buildUser(storage: Storage, overrides: UserOverrides = {}): Promise<User> {
  await storage.upsertMemberStates(TEST_STATES)
  const role = overrides.role ?? 'delegate'
  const n = next()
  const user = await storage.createUser({
    username: overrides.username ?? `${role}-${n}`,
    displayName: overrides.displayName ?? `Test ${role} ${n}`,
    role,
    stateCode: overrides.stateCode === undefined ? (role === 'delegate' ? 'KEN' : null) : overrides.stateCode,
    passwordHash: await hashPassword(overrides.password ?? TEST_PASSWORD),
  })
  if (overrides.group) await storage.addMember(overrides.group.id, user.id)
  return user
}

/** A bearer token for the user, issued directly (no HTTP round trip). */
export async function tokenFor(storage: Storage, user: User): Promise<string> {
  return (await issueCredential(storage, user, 'token', { label: 'test' })).secret
}

export function buildClauses(count = 3): ClauseInput[] {
  return [
    { kind: 'preamble', heading: 'Preamble', text: 'The States taking part in this test,\nHave agreed as follows:' },
    ...Array.from({ length: count - 1 }, (_, i) => ({
      kind: 'article' as const,
      heading: `Test provision ${i + 1}`,
      text: `Each State shall take the measures set out in this provision ${i + 1}.\n(a) first measure;\n(b) second measure.`,
    })),
  ]
}

export async function buildDraft(storage: Storage, author: User, overrides: { title?: string; clauses?: ClauseInput[] } = {}): Promise<Draft> {
  return createDraft(storage, author, { title: overrides.title ?? `Test draft ${next()}`, clauses: overrides.clauses ?? buildClauses() })
}

const TERMS = ['requesting State', 'requested State', 'competent authority', 'stored computer data', 'traffic data', 'service provider', 'mutual assistance', 'extradition']

/** A long draft (e.g. 300 articles of a few paragraphs) with deterministic, original filler text. */
export function buildLargeClauses(count: number, paragraphs = 3): ClauseInput[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: i === 0 ? ('preamble' as const) : ('article' as const),
    heading: i === 0 ? 'Preamble' : `Provision on ${TERMS[i % TERMS.length]} ${i}`,
    text: Array.from(
      { length: paragraphs },
      (_, p) => `Paragraph ${p + 1}. The ${TERMS[(i + p) % TERMS.length]} shall inform the ${TERMS[(i + p + 3) % TERMS.length]} without undue delay of any measure taken under this provision, and shall give reasons where a request is refused in whole or in part.`,
    ).join('\n'),
  }))
}

/** A clock tests can move forward (comment-round deadlines). */
export function movableClock(start = new Date('2026-11-01T09:00:00.000Z')) {
  let now = start.getTime()
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms
    },
  }
}
