import type { PersonRef } from '../../shared/threadsApi'
import type { Storage, User } from '../storage/Storage'

export function personRef(user: User): PersonRef {
  return { id: user.id, name: user.displayName, role: user.role, state: user.stateCode }
}

/** Looks users up once per request: thread lists name many authors, mostly the same few. */
export class People {
  private readonly cache = new Map<string, Promise<PersonRef>>()

  constructor(private readonly storage: Pick<Storage, 'getUser'>) {}

  get(userId: string): Promise<PersonRef> {
    let found = this.cache.get(userId)
    if (!found) {
      found = this.storage.getUser(userId).then((u) => (u ? personRef(u) : { id: userId, name: 'Former user', role: 'observer', state: null }))
      this.cache.set(userId, found)
    }
    return found
  }

  async maybe(userId: string | null): Promise<PersonRef | null> {
    return userId ? this.get(userId) : null
  }
}
