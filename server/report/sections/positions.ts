/** The States' positions a report presents: each State's latest on each clause, among those in scope. */
import type { ClausePositions } from '../../../shared/report/types'
import { STANCES, type Stance, consensusSummary } from '../../../shared/threadsApi'
import type { PositionRecord } from '../../storage/threads'
import { type PeopleBook, byText } from './people'
import type { Scope } from './sources'

export function currentPositions(history: readonly PositionRecord[], inScope: Scope, clauseIds: ReadonlySet<string>): PositionRecord[] {
  const latest = new Map<string, PositionRecord>()
  for (const p of history) {
    if (inScope(p.roundId, p.createdAt) && clauseIds.has(p.clauseId)) latest.set(`${p.clauseId}\u0000${p.stateCode}`, p)
  }
  return [...latest.values()]
}

export function positionsOf(records: readonly PositionRecord[], clauseId: string, people: PeopleBook): ClausePositions {
  const states: Record<Stance, string[]> = { support: [], reservation: [], objection: [], none: [] }
  const current = records.filter((p) => p.clauseId === clauseId).sort((a, b) => byText(a.stateCode, b.stateCode))
  for (const p of current) states[p.stance].push(p.stateCode)
  const counts = Object.fromEntries(STANCES.map((s) => [s, states[s].length])) as Record<Stance, number>
  const statements = current
    .map((p) => ({ state: p.stateCode, stateName: people.stateName(p.stateCode), stance: p.stance, statement: p.statement }))
    .sort((a, b) => byText(a.stateName, b.stateName) || byText(a.state, b.state))
  return { summary: consensusSummary(states), counts, statements }
}
