import type { Storage, User } from '../../storage/Storage'

/** `@delegate-ken`, `@KEN`: after a start or a space/punctuation (not inside an address), up to 64 characters. */
const MENTION = /(?<![\w@.])@([A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?)/g

export function mentionHandles(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((m) => m[1] ?? '').filter(Boolean))]
}

/**
 * The members of the group a text mentions: a person by username (any case), a State by its code in
 * capitals (`@KEN`: that State's delegates). Handles that name nobody are plain text.
 */
export async function mentionedUsers(storage: Storage, groupId: string, text: string): Promise<User[]> {
  const handles = mentionHandles(text)
  if (handles.length === 0) return []
  const members = await storage.listUsers(groupId)
  const found = new Map<string, User>()
  for (const handle of handles) {
    const isState = /^[A-Z]{3}$/.test(handle) && (await storage.getMemberState(handle)) !== null
    const matches = isState
      ? members.filter((m) => m.role === 'delegate' && m.stateCode === handle)
      : members.filter((m) => m.username.toLowerCase() === handle.toLowerCase())
    for (const user of matches) found.set(user.id, user)
  }
  return [...found.values()]
}
