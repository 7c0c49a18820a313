import type { PublicUser } from '../../shared/api'
import type { Storage, User } from '../storage/Storage'

/** The user as the API shows it: never the password hash. */
export async function publicUser(storage: Storage, user: User): Promise<PublicUser> {
  const state = user.stateCode ? await storage.getMemberState(user.stateCode) : null
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    state: state ? { code: state.code, name: state.name } : null,
  }
}
