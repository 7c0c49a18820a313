import { readClauses } from '../../shared/draft/ydoc'
import { type ClauseConsensus, type PositionsResponse, STANCES, type Stance, consensusSummary } from '../../shared/threadsApi'
import type { AppContext } from '../context'
import { forbidden, notFound } from '../errors'
import type { Draft, User } from '../storage/Storage'
import { assertCanComment, eventBy } from './commenting'
import { readDoc } from './drafts'
import { People } from './people'
import { publish } from './threadViews'

/** A delegate records their State's position on a clause; the previous one stays in the history. */
export async function recordPosition(ctx: AppContext, draft: Draft, user: User, clauseId: string, stance: Stance, statement: string | null): Promise<void> {
  const round = await assertCanComment(ctx, draft, user, 'position.record')
  if (!user.stateCode) throw forbidden('Only a delegate of a Member State records positions.')
  const exists = await readDoc(ctx, draft.id, (doc) => readClauses(doc).some((c) => c.id === clauseId))
  if (!exists) throw notFound('Clause')
  const event = eventBy(ctx, user, draft.id, 'position.recorded', { clauseId, roundId: round?.id ?? null }, { stance, statement })
  const position = { draftId: draft.id, clauseId, stateCode: user.stateCode, stance, statement, authorId: user.id, roundId: round?.id ?? null, createdAt: event.at }
  await publish(ctx, await ctx.storage.threads.recordPosition(position, event))
}

const emptyStates = (): Record<Stance, string[]> => ({ support: [], reservation: [], objection: [], none: [] })

/** Current positions and, per clause in document order, the consensus summary. */
export async function positions(ctx: AppContext, draft: Draft): Promise<PositionsResponse> {
  const people = new People(ctx.storage)
  const current = await ctx.storage.threads.currentPositions(draft.id)
  const clauseIds = await readDoc(ctx, draft.id, (doc) => readClauses(doc).map((c) => c.id))
  const byClause = new Map<string, Record<Stance, string[]>>(clauseIds.map((id) => [id, emptyStates()]))
  for (const p of current) byClause.get(p.clauseId)?.[p.stance].push(p.stateCode)
  const consensus: ClauseConsensus[] = clauseIds.map((clauseId) => {
    const states = byClause.get(clauseId) ?? emptyStates()
    const counts = Object.fromEntries(STANCES.map((s) => [s, states[s].length])) as Record<Stance, number>
    return { clauseId, counts, states, summary: consensusSummary(states) }
  })
  const views = []
  for (const p of current) {
    views.push({ clauseId: p.clauseId, state: p.stateCode, stance: p.stance, statement: p.statement, author: await people.get(p.authorId), at: p.createdAt })
  }
  return { positions: views, consensus }
}
