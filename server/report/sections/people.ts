/** The people a report names, and the orders it sorts by: the same on every machine, whatever its locale. */
import type { ReportPerson } from '../../../shared/report/types'
import type { Storage } from '../../storage/Storage'

/** Plain code-point order. */
export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
// By time; ties keep the storage's order (creation order), which a random id would not.
export const byTime = (a: { createdAt: string }, b: { createdAt: string }) => byText(a.createdAt, b.createdAt)

export const ROLE_ORDER = ['secretariat', 'chair', 'rapporteur', 'delegate', 'observer']

/** Looks people up once: reports name the same few delegates many times. */
export class PeopleBook {
  private readonly users = new Map<string, Promise<{ name: string; role: string }>>()

  constructor(
    private readonly storage: Storage,
    private readonly stateNames: ReadonlyMap<string, string>,
  ) {}

  stateName(code: string): string {
    return this.stateNames.get(code) ?? code
  }

  /** A person as they were when they acted: `state` is the State recorded with the act. */
  async person(userId: string, state: string | null): Promise<ReportPerson> {
    let user = this.users.get(userId)
    if (!user) {
      user = this.storage.getUser(userId).then((u) => (u ? { name: u.displayName, role: u.role } : { name: 'Former user', role: 'observer' }))
      this.users.set(userId, user)
    }
    const { name, role } = await user
    return { name, role, state, stateName: state ? this.stateName(state) : null }
  }
}
