/** The people a report names, and the orders it sorts by: the same on every machine, whatever its locale. */
import type { ReportPerson } from '../../../shared/report/types'
import { People } from '../../services/people'
import type { Storage } from '../../storage/Storage'

/** Plain code-point order. */
export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
// By time; ties keep the storage's order (creation order), which a random id would not.
export const byTime = (a: { createdAt: string }, b: { createdAt: string }) => byText(a.createdAt, b.createdAt)

export const ROLE_ORDER = ['secretariat', 'chair', 'rapporteur', 'delegate', 'observer']

/** The people a report names, with their States' names; each user looked up once (People). */
export class PeopleBook {
  private readonly users: People

  constructor(
    storage: Pick<Storage, 'getUser'>,
    private readonly stateNames: ReadonlyMap<string, string>,
  ) {
    this.users = new People(storage)
  }

  stateName(code: string): string {
    return this.stateNames.get(code) ?? code
  }

  /** A person as they were when they acted: `state` is the State recorded with the act. */
  async person(userId: string, state: string | null): Promise<ReportPerson> {
    const { name, role } = await this.users.get(userId)
    return { name, role, state, stateName: state ? this.stateName(state) : null }
  }
}
